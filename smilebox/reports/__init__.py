"""Reports: the Smile Report (data, HTML, PDF), with the redaction and charts it needs.

- ``smile_report``: ``build_smile_report`` (data), ``render_html``, ``write_report`` (HTML + PDF).
- ``periods``: months read in the report time zone.  ``redact``: personal data out of quotes.
- ``charts``: matplotlib SVG charts.  ``render``: the autoescaping Jinja environment.  ``pdf``: WeasyPrint.
"""
