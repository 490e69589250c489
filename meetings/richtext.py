"""Rich text for notes and decisions: what a secretary may format, and nothing else.

Everything typed or pasted (including HTML from Word) goes through ``sanitise``
on the server before it is stored, so templates can show it with ``|safe``.
"""

import re
from html import unescape
from html.parser import HTMLParser

import nh3
from django.core.exceptions import ValidationError
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "strong", "b", "em", "i", "u", "a",
    "blockquote",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Dropped with their content, not just unwrapped: their text is code or layout, not minutes.
DROP_WITH_CONTENT = {"script", "style", "title", "head", "xml", "template"}

# Plain text may hold a lone "<" ("verdi < 5"); only real tags make it HTML. Either way is
# safe: plain text is escaped, HTML is cleaned.
_LOOKS_LIKE_HTML = re.compile(r"<!--|<\s*/?\s*[a-zA-Z][a-zA-Z0-9:-]*(\s[^<>]*)?/?>")
_EMPTY_PARAGRAPH = re.compile(r"<p>(\s|&nbsp;|\u00a0|<br>)*</p>")
# A list pasted with `list-style-type: none` writes its bullets as text ("• Tekst"); once the
# style is gone the list draws its own, and the item shows two. Inline tags may come first.
_TYPED_BULLET = re.compile(
    "(<li>(?:\\s*<(?:strong|b|em|i|u)>)*)\\s*"
    # bullet, middle dot, small square, white bullet, triangle, hyphen bullet, bullet operator,
    # circles and squares: the glyphs Word and web pages type before an item.
    "(?:[\u2022\u00b7\u25aa\u25e6\u2023\u2043\u2219\u25cf\u25cb\u25a0\u25a1](?:\\s|&nbsp;|\u00a0)+)+"
)


def sanitise(text: str) -> str:
    """Clean HTML, or turn plain text (a textarea without the editor) into paragraphs.

    Idempotent: cleaning what it returned gives the same text back. Case.save() cleans
    again whatever a service already cleaned, and a second pass that changed the text
    (escaping it twice, say) would corrupt it and make every save look like an edit.
    """
    text = (text or "").strip()
    if not text:
        return ""
    if not _LOOKS_LIKE_HTML.search(text):
        text = linebreaks(escape(text))
    # nh3 also on escaped plain text: it writes entities one way (&#x27; becomes '), the
    # same way it will on the next pass.
    cleaned = nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    # Word leaves empty paragraphs between the real ones.
    cleaned = _EMPTY_PARAGRAPH.sub("", cleaned).strip()
    cleaned = _TYPED_BULLET.sub(r"\1", cleaned)
    if cleaned and not _LOOKS_LIKE_HTML.search(cleaned):
        # Markup that was all removed leaves bare text ("&gt;"): as a paragraph it stays
        # HTML, where read as plain text the next pass would escape its entities again.
        cleaned = f"<p>{cleaned}</p>"
    return cleaned


# Caps on what is stored, so one case cannot make the minutes PDF unrenderable. WeasyPrint lays
# out nested boxes recursively: 60 levels of lists take a second, 120 end in a RecursionError
# after several. Word offers nine list levels; ten levels of lists and quotes is more than any
# minutes need. 50,000 characters of cleaned HTML is about fifteen pages of notes for one case.
MAX_LENGTH = 50_000
MAX_DEPTH = 10
_NESTING_TAGS = {"ul", "ol", "blockquote"}


class _DepthCounter(HTMLParser):
    """The deepest nesting of lists and quotes in HTML as nh3 writes it (every tag closed)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = self.deepest = 0

    def handle_starttag(self, tag, attrs):
        if tag in _NESTING_TAGS:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag in _NESTING_TAGS:
            self.depth -= 1


def nesting_depth(html: str) -> int:
    counter = _DepthCounter()
    counter.feed(html)
    counter.close()
    return counter.deepest


def check_limits(cleaned: str) -> None:
    """Refuse sanitised HTML that is too long or nested too deep, with a Norwegian reason.

    Refused rather than flattened or cut: either would change the text without the secretary
    seeing it. The form shows the reason and keeps the text; the editor keeps its copy too.
    """
    # Depth first: a deep paste is usually long too, and the depth is what to fix.
    if nesting_depth(cleaned) > MAX_DEPTH:
        raise ValidationError(
            _(
                "The text has lists or quotes nested more than %(limit)s levels deep. "
                "Remove some levels (often left over from pasting) and save again."
            )
            % {"limit": MAX_DEPTH},
            code="too_deep",
        )
    if len(cleaned) > MAX_LENGTH:
        raise ValidationError(
            _(
                "The text is too long: %(length)s characters with formatting, at most "
                "%(limit)s. Split it over several cases or attach it as a file."
            )
            % {"length": len(cleaned), "limit": MAX_LENGTH},
            code="too_long",
        )


def sanitise_checked(text: str) -> str:
    """``sanitise``, then ``check_limits``: what every stored rich text goes through."""
    cleaned = sanitise(text)
    check_limits(cleaned)
    return cleaned


_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote)>|<br\s*/?>", re.IGNORECASE)


def plain_text(html: str) -> str:
    """The words of a rich text, a line per paragraph, e.g. for a diff or an e-mail."""
    with_breaks = _BLOCK_END.sub("\n", html or "")
    return unescape(nh3.clean(with_breaks, tags=set())).strip()
