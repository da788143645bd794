"""The Smile Report's HTML as a reader sees it: opened in a real headless Chromium (Playwright)."""

from __future__ import annotations

import pytest

from smilebox.reports.smile_report import write_report
from smilebox.store import Store
from tests.test_smile_report import HOSTILE, _world


@pytest.fixture(scope="module")
def report_html(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser-report")
    store = Store(f"sqlite:///{folder / 't.db'}")
    store.init()
    _world(store, hostile=True)
    html_path, _ = write_report(store, "2026-10", folder / "out", company="Acme Home Internet")
    store.dispose()
    return html_path


@pytest.fixture
def opened(browser, report_html):
    """The report loaded in a fresh page, with every request, dialog and console error it caused."""
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    seen = {"requests": [], "dialogs": [], "errors": []}
    page.on("request", lambda r: seen["requests"].append(r.url))
    page.on("dialog", lambda dlg: (seen["dialogs"].append(dlg.message), dlg.dismiss()))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.goto(report_html.as_uri())
    page.wait_for_load_state("load")
    yield page, seen
    page.close()


def test_hostile_comments_show_as_text_and_never_run(opened):
    page, seen = opened
    assert seen["dialogs"] == []  # alert(1) / alert(2) never fired
    assert page.locator("script").count() == 0
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"], [onerror]').length") == 0
    body = page.inner_text("body")
    assert HOSTILE[0] in body and HOSTILE[1] in body  # shown to the reader, as the words the customer wrote


def test_report_is_self_contained(opened, report_html):
    page, seen = opened
    assert seen["requests"] == [report_html.as_uri()] + [u for u in seen["requests"][1:] if u.startswith("data:")]
    assert all(u == report_html.as_uri() or u.startswith("data:") for u in seen["requests"])
    assert seen["errors"] == []
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert "default-src 'none'" in policy


def test_charts_load_and_personal_data_is_redacted(opened):
    page, _ = opened
    sizes = page.evaluate("[...document.querySelectorAll('figure.chart img')].map(i => [i.complete, i.naturalWidth])")
    assert len(sizes) == 2 and all(done and width > 100 for done, width in sizes)
    body = page.inner_text("body")
    assert "Juan Perez" in body and "Ana Gomez" in body  # agents stay named
    for personal in ("maria@example.com", "7946 0958", "Maria Lopez"):
        assert personal not in body
    assert "Smile Report" in page.title()


def test_page_renders_visible_content(opened, tmp_path):
    page, _ = opened
    shot = page.screenshot(full_page=True)
    from io import BytesIO

    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(BytesIO(shot)).convert("L"))
    assert pixels.shape[0] > 900  # the whole report, longer than one screen
    assert (pixels < 128).mean() > 0.01  # text and charts, not a blank page
