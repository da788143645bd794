"""HTML email bodies to plain text, with quoted history dropped.

A reply's earlier quoted email (``<blockquote>``, Gmail's ``gmail_quote``, Outlook's "From: ... Sent:"
block, "On <date>, <name> wrote:") is history, not what this message said; checks must judge only the
new text, so it is removed here, once, for every importer.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser

_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "hr"}
_QUOTE_SELECTORS = (
    "blockquote",
    "div.gmail_quote",
    "div.gmail_extra",
    "div.yahoo_quoted",
    "div#appendonsend",
    "div#divRplyFwdMsg",
    "div.moz-cite-prefix",
)
_REPLY_HEADER = re.compile(
    r"^(?:On .{3,200}?wrote:\s*$|-{2,}\s*Original Message\s*-{2,}|From: .+\n(?:Sent|Date): )",
    re.MULTILINE,
)
_BLANKS = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t\u00a0]+")


def html_to_text(html: str) -> str:
    """Plain text of an HTML body: block elements become line breaks, quoted history is removed."""
    tree = HTMLParser(html)
    for selector in ("script", "style", "head", "title", *_QUOTE_SELECTORS):
        for node in tree.css(selector):
            node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    for tag in _BLOCK_TAGS:
        for node in root.css(tag):
            if tag == "br":
                node.replace_with("\n")
            else:
                node.insert_before("\n")
                node.insert_after("\n")
    text = root.text(deep=True, separator="")
    return strip_quoted_text(_tidy(text))


def strip_quoted_text(text: str) -> str:
    """Cut plain-text quoted history: the reply header ("On ... wrote:") and every ``>`` line after it."""
    match = _REPLY_HEADER.search(text)
    if match:
        text = text[: match.start()]
    lines = [ln for ln in text.split("\n") if not ln.lstrip().startswith(">")]
    return _tidy("\n".join(lines))


def _tidy(text: str) -> str:
    lines = [_SPACES.sub(" ", ln).strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
