"""HTML email bodies to plain text, with quoted history dropped.

A reply's earlier quoted email is history, not what this message said; checks must judge only the new
text, so it is removed here, once, for every importer. Mail clients mark it differently:

* Gmail: ``<div class="gmail_quote">`` (and ``gmail_extra``), "On <date>, <name> wrote:" (often wrapped
  over two lines);
* Apple Mail and Thunderbird: ``<blockquote type="cite">``, ``moz-cite-prefix``;
* Outlook: ``<div id="divRplyFwdMsg">`` or ``<div id="appendonsend">`` followed by the quoted mail as
  *siblings*, a "From: ... Sent: ..." header block, "-----Original Message-----", or a line of underscores;
* Yahoo: ``yahoo_quoted``; other languages: "Le ... a écrit :", "Am ... schrieb ...:", "El ... escribió:".

Also dropped: mobile footers ("Sent from my iPhone", "Get Outlook for iOS"), which say nothing about the
conversation. The sender's own sign-off ("Best, Juan") is kept: the signature check reads it.
HTML entities are decoded by the parser; non-breaking and zero-width spaces are normalised.
"""

from __future__ import annotations

import html as _html
import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser

_BLOCK_SELECTOR = "p, div, li, tr, h1, h2, h3, h4, h5, h6, table, ul, ol, hr, pre, blockquote"
_DROP_SELECTOR = ", ".join(
    (
        "script",
        "style",
        "head",
        "title",
        "blockquote",
        "div.gmail_quote",
        "div.gmail_extra",
        "div.yahoo_quoted",
        "div.moz-cite-prefix",
    )
)
#: Outlook puts the quoted mail *after* these markers, as siblings, so the marker and what follows go
_CUT_FROM_SELECTOR = "div#divRplyFwdMsg, div#appendonsend, hr#stopSpelling, div.OutlookMessageHeader"

_REPLY_HEADER = re.compile(
    r"^(?:"
    r"On .{3,200}?(?:\n.{0,200}?)?wrote:[ \t]*$"  # Gmail / Apple, possibly wrapped over two lines
    r"|Le .{3,200}? a [ée]crit ?:[ \t]*$"  # French
    r"|Am .{3,200}? schrieb .{0,200}?:[ \t]*$"  # German
    r"|El .{3,200}? escribi[óo]:[ \t]*$"  # Spanish
    r"|-{2,}\s*(?:Original Message|Forwarded message|Mensaje original|Ursprüngliche Nachricht)\s*-{2,}"
    r"|_{10,}[ \t]*\n(?:From|De|Von): "  # Outlook on the web
    r"|(?:From|De|Von): .+\n(?:Sent|Date|Envoyé|Gesendet|Enviado): "
    r")",
    re.MULTILINE | re.IGNORECASE,
)
_DEVICE_FOOTER = re.compile(
    r"^(?:Sent from my (?:iPhone|iPad|Android|Samsung|mobile|BlackBerry).*|Sent from (?:Mail|Outlook) for .*"
    r"|Get Outlook for (?:iOS|Android).*|Sent from Yahoo Mail.*)$",
    re.MULTILINE | re.IGNORECASE,
)
_BLANKS = re.compile(r"\n{3,}")
_LINE_EDGES = re.compile(r" ?\n ?")
_ODD_SPACE = re.compile(r"[\t\u00a0\u2007\u202f]")
#: HTML that needs the real parser: anything that may hide quoted history or non-text content
_PARSER_CUES = (
    "<script",
    "<style",
    "<head",
    "<title",
    "<blockquote",
    "<!--",
    "<![cdata",
    "quote",
    "divrplyfwdmsg",
    "appendonsend",
    "stopspelling",
    "outlookmessageheader",
    "moz-cite",
    "yahoo_quoted",
    "<table",
    "<tr",
    "<pre",
)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|hr|table|tr|pre|blockquote|body)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"</?[a-zA-Z][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")


def html_to_text(html: str) -> str:
    """Plain text of an HTML body: block elements become line breaks, quoted history is removed."""
    if "<" not in html and "&" not in html:
        return strip_quoted_text(html)
    lowered = html.lower()
    if not any(cue in lowered for cue in _PARSER_CUES):
        return _simple_html_to_text(html)
    tree = HTMLParser(html)
    for node in tree.css(_DROP_SELECTOR):
        node.decompose()
    for marker in tree.css(_CUT_FROM_SELECTOR):
        _cut_from(marker)
    root = tree.body or tree.root
    if root is None:
        return ""
    # the parser removed what is not the message; its well-formed output converts fast by pattern
    return _simple_html_to_text(root.html or "", tree)


def _parsed_text(tree) -> str:
    root = tree.body or tree.root
    if root is None:
        return ""
    for node in root.css("br"):
        node.replace_with("\n")
    for node in root.css(_BLOCK_SELECTOR):
        node.insert_before("\n")
        node.insert_after("\n")
    text = root.text(deep=True, separator="")
    return strip_quoted_text(text)


def _simple_html_to_text(html: str, tree=None) -> str:
    """Tags to line breaks by pattern: the parser's result for plain paragraphs, ~10x faster."""
    text = _BREAK_TAG.sub("\n", html)
    text = _BLOCK_TAG.sub("\n", text)
    text = _ANY_TAG.sub("", text)
    if "<" in text:  # something the tag pattern did not recognise: let the parser walk the tree
        return _parsed_text(tree if tree is not None else HTMLParser(html))
    return strip_quoted_text(_html.unescape(text))


def _cut_from(marker) -> None:
    """Remove ``marker`` and everything after it in its parent, and in each ancestor up the tree."""
    node = marker
    while node is not None and node.tag not in ("body", "html", "-undef"):
        sibling = node.next
        while sibling is not None:
            following = sibling.next
            sibling.decompose()
            sibling = following
        node = node.parent
    if marker.parent is not None:
        marker.decompose()


def strip_quoted_text(text: str) -> str:
    """Cut plain-text quoted history (the reply header and what follows, ``>`` lines) and device footers."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        text = _INVISIBLE.sub("", text)
    match = _REPLY_HEADER.search(text)
    if match:
        text = text[: match.start()]
    lowered = text.lower()
    if "sent from" in lowered or "get outlook" in lowered:
        text = _DEVICE_FOOTER.sub("", text)
    if ">" in text:
        text = "\n".join(ln for ln in text.split("\n") if not ln.lstrip().startswith(">"))
    return _tidy(text)


def _tidy(text: str) -> str:
    """One space between words, no spaces at line ends, at most one blank line; cheap when already tidy."""
    if "  " in text or _ODD_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _LINE_EDGES.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANKS.sub("\n\n", text)
    return text.strip()
