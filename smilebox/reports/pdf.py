"""HTML to PDF with WeasyPrint: the PDF is the same page as the HTML, laid out by its print CSS.

WeasyPrint is the optional 'pdf' extra; without it the HTML is still written and the error says how
to get the PDF. Its own layout warnings (unsupported CSS) go to its logger, not to the user.
"""

from __future__ import annotations

import logging
from pathlib import Path

from smilebox.errors import ModelUnavailable


def html_to_pdf(html: str, path: Path) -> Path:
    try:
        from weasyprint import HTML
    except ImportError:
        raise ModelUnavailable(
            "writing the PDF needs WeasyPrint, which is not installed: pip install 'smilebox[pdf]'"
        ) from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    HTML(string=html, base_url=str(path.parent)).write_pdf(path)
    return path
