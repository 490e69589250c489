"""Rich text for notes and decisions: what a secretary may format, and nothing else.

Everything typed or pasted (including HTML from Word) goes through ``sanitise``
on the server before it is stored, so templates can show it with ``|safe``.
"""

import re
from html import unescape

import nh3
from django.utils.html import escape, linebreaks

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
    if cleaned and not _LOOKS_LIKE_HTML.search(cleaned):
        # Markup that was all removed leaves bare text ("&gt;"): as a paragraph it stays
        # HTML, where read as plain text the next pass would escape its entities again.
        cleaned = f"<p>{cleaned}</p>"
    return cleaned


_BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote)>|<br\s*/?>", re.IGNORECASE)


def plain_text(html: str) -> str:
    """The words of a rich text, a line per paragraph, e.g. for a diff or an e-mail."""
    with_breaks = _BLOCK_END.sub("\n", html or "")
    return unescape(nh3.clean(with_breaks, tags=set())).strip()
