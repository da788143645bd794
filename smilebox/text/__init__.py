"""Text helpers shared by importers, checks and reports (HTML to text, quoted-history stripping, redaction)."""
