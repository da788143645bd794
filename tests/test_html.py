"""HTML bodies to text: quoted history from each mail client dropped, entities decoded, breaks kept."""

from __future__ import annotations

import pytest

from smilebox.text.html import html_to_text, strip_quoted_text

CASES = [
    (
        "gmail quote div",
        '<div>Sure thing.</div><div class="gmail_quote"><div>On Mon, Ann wrote:</div>old</div>',
        "Sure thing.",
    ),
    (
        "apple blockquote",
        '<p>Thanks!</p><blockquote type="cite">On 3 Oct 2026, at 09:00, Ann wrote:<br>old</blockquote>',
        "Thanks!",
    ),
    (
        "outlook divRplyFwdMsg and siblings",
        '<div><p>New text</p><hr><div id="divRplyFwdMsg"><b>From:</b> X<br><b>Sent:</b> Y</div><div>quoted</div></div><p>more quoted</p>',
        "New text",
    ),
    (
        "outlook appendonsend",
        '<div>Fine.</div><div id="appendonsend"></div><div>From: Acme<br>Sent: today<br>old</div>',
        "Fine.",
    ),
    (
        "outlook header block in text",
        "<p>Done.</p><p>From: Acme Support<br>Sent: Monday<br>Subject: old</p>",
        "Done.",
    ),
    ("original message line", "<p>Yes.</p><p>-----Original Message-----<br>old</p>", "Yes."),
    (
        "outlook web underscores",
        "<p>Ok.</p><p>________________________________<br>From: Acme<br>old</p>",
        "Ok.",
    ),
    (
        "entities",
        "<p>Fish &amp; chips &lt;3 caf&eacute; &#8364;5&nbsp;only&#8203;</p>",
        "Fish & chips <3 caf\u00e9 \u20ac5 only",
    ),
    ("br and paragraphs", "Line one<br>Line two<br/><br><p>Para</p>", "Line one\nLine two\n\nPara"),
    ("device footer", "<p>Thanks</p><p>Sent from my iPhone</p>", "Thanks"),
    ("sign-off kept", "<p>Hi Ann,</p><p>Done.</p><p>Best,<br>Juan</p>", "Hi Ann,\n\nDone.\n\nBest,\nJuan"),
    ("script and style dropped", "<style>p{}</style><script>x()</script><p>Visible</p>", "Visible"),
    ("empty", "", ""),
]


@pytest.mark.parametrize("html, expected", [(h, e) for _, h, e in CASES], ids=[c[0] for c in CASES])
def test_html_to_text(html, expected):
    assert html_to_text(html) == expected


TEXT_CASES = [
    (
        "gmail wrapped header",
        "Great.\n\nOn Mon, Oct 2, 2026 at 9:00 AM Acme <\nhelp@acme.test> wrote:\n> old",
        "Great.",
    ),
    ("french", "Merci.\n\nLe lun. 2 oct. 2026, Acme a \u00e9crit :\n> vieux", "Merci."),
    ("german", "Danke.\n\nAm Mo., 2. Okt. 2026 schrieb Acme <h@a.test>:\n> alt", "Danke."),
    ("spanish", "Gracias.\n\nEl lun, 2 oct 2026, Acme escribi\u00f3:\n> viejo", "Gracias."),
    ("quoted lines only", "Answer\n> question\n>> older", "Answer"),
    ("crlf and spaces", "a \u00a0 b\r\n\r\n\r\n\r\nc", "a b\n\nc"),
    ("no history", "Nothing to cut here.", "Nothing to cut here."),
]


@pytest.mark.parametrize("text, expected", [(t, e) for _, t, e in TEXT_CASES], ids=[c[0] for c in TEXT_CASES])
def test_strip_quoted_text(text, expected):
    assert strip_quoted_text(text) == expected


SIMPLE = [
    "<p>Hi Ann,</p><p>Refund done &amp; confirmed&nbsp;&mdash; 3&ndash;5 days.</p><p>Best,<br>Juan</p>",
    '<div>one<br/>two</div><div><b>bold</b> and <a href="https://x.test/?a=1&amp;b=2" title="a>b">link</a></div>',
    "<ul><li>first</li><li>second</li></ul><h2>Title</h2>plain tail",
    "Text with &lt;angle&gt; brackets &#169; and <span style='color:red'>colour</span>",
]


@pytest.mark.parametrize("html", SIMPLE)
def test_fast_path_matches_the_parser(html):
    """Bodies without quote markers skip the HTML parser; the result must be what the parser gives."""
    from selectolax.lexbor import LexborHTMLParser

    from smilebox.text.html import _parsed_text, _simple_html_to_text

    assert _simple_html_to_text(html) == _parsed_text(LexborHTMLParser(html))
