"""Smilebox: customer-service quality and feedback.

Nothing heavy happens at import: no database engine, no model load. The public Python API lives in
the submodules (``smilebox.model``, ``smilebox.qa``, ``smilebox.ingest``, ``smilebox.nlp``...).
"""

__version__ = "0.1.0"
