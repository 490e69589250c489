"""Finding the minutes editor's fields in a page."""


def rich_text(page, name: str):
    """The formatted-text area labelled ``name``, once the editor has replaced the textarea.

    The editor script is deferred, so right after a navigation the page may still show the
    plain textarea under the same label, and Playwright would hold on to that one as the
    script hides it. Asking for the editor's own area waits until it is there.
    """
    return page.locator(".rich-text-area").and_(page.get_by_role("textbox", name=name))
