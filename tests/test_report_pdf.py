"""The Smile Report as a PDF: rendered by WeasyPrint, read back with poppler's pdftotext and pdftoppm."""

from __future__ import annotations

import shutil
import subprocess

import numpy as np
import pytest

from smilebox.reports.smile_report import write_report
from smilebox.store import Store
from tests.test_smile_report import _world

POPPLER = [tool for tool in ("pdftotext", "pdftoppm") if shutil.which(tool) is None]
needs_poppler = pytest.mark.skipif(bool(POPPLER), reason=f"poppler-utils not installed ({', '.join(POPPLER)} missing)")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    """One report for the whole module: rendering a PDF takes about a second."""
    folder = tmp_path_factory.mktemp("report")
    store = Store(f"sqlite:///{folder / 't.db'}")
    store.init()
    _world(store, hostile=True)
    paths = write_report(store, "2026-10", folder / "out", company="Acme Home Internet")
    store.dispose()
    return paths


@pytest.fixture(scope="module")
def pdf_text(pdf) -> str:
    return _text(pdf[1])


def _text(pdf_path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True, check=True, text=True)
    return " ".join(out.stdout.split())


def _pages(pdf_path, tmp_path) -> list[np.ndarray]:
    """Each page as a grey-scale array, from pdftoppm's binary PGM output."""
    subprocess.run(["pdftoppm", "-gray", "-r", "40", str(pdf_path), str(tmp_path / "page")], check=True)
    pages = []
    for path in sorted(tmp_path.glob("page-*.pgm")):
        data = path.read_bytes()
        magic, width, height, maxval, rest = data.split(maxsplit=4)
        assert magic == b"P5" and maxval == b"255"
        pages.append(np.frombuffer(rest[: int(width) * int(height)], np.uint8).reshape(int(height), int(width)))
    return pages


def test_files_are_named_by_period(pdf):
    html_path, pdf_path = pdf
    assert (html_path.name, pdf_path.name) == ("smile-report-2026-10.html", "smile-report-2026-10.pdf")
    assert pdf_path.read_bytes()[:5] == b"%PDF-"


@needs_poppler
@pytest.mark.parametrize("expected", [
    "Smile Report", "October 2026", "ACME HOME INTERNET", "Juan Perez", "Ana Gomez", "Blue", "Red",
    "Smile Box draw winners", "Double charge on retry", "Payment retry made idempotent",
    "Juan fixed it! [name], [email]", "What bad feedback taught us", "page 1 of",
])
def test_pdf_text_holds_the_report(pdf_text, expected):
    assert expected in pdf_text


@needs_poppler
def test_pdf_shows_hostile_text_as_text_and_no_personal_data(pdf_text):
    text = pdf_text
    assert "<script>alert(1)</script>" in text  # printed literally, never interpreted
    for secret in ("maria@example.com", "Maria Lopez", "7946 0958"):
        assert secret not in text


@needs_poppler
def test_pdf_pages_are_a4_and_not_blank(pdf, tmp_path):
    pages = _pages(pdf[1], tmp_path)
    assert 1 <= len(pages) <= 6
    height, width = pages[0].shape
    assert abs(height / width - 297 / 210) < 0.02
    first = pages[0]
    assert (first < 128).mean() > 0.01  # text and charts, not an empty page
    masthead_rule = (first[: height // 4] < 220).mean(axis=1).max()
    assert masthead_rule > 0.6  # the amber rule under the header runs across the page
