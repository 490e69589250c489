"""Finding and filling the fields that scripts enhance: the minutes editor, the organisation
picker."""

from playwright.sync_api import expect


def rich_text(page, name: str):
    """The formatted-text area labelled ``name``, once the editor has replaced the textarea.

    The editor script is deferred, so right after a navigation the page may still show the
    plain textarea under the same label, and Playwright would hold on to that one as the
    script hides it. Asking for the editor's own area waits until it is there.
    """
    return page.locator(".rich-text-area").and_(page.get_by_role("textbox", name=name))


def choose_organisation(page, label, typed: str, name: str) -> None:
    """Type part of a name into the organisation picker and take ``name`` from its list.

    The hidden select is a combobox under the same label too: as for ``rich_text``, asking
    for the picker's own input waits for the deferred script instead of holding on to the
    select it hides.
    """
    box = page.locator(".combobox-input").and_(page.get_by_role("combobox", name=label))
    box.fill("")
    box.press_sequentially(typed, delay=30)
    page.get_by_role("listbox").get_by_role("option").filter(has_text=name).first.click()
    expect(box).to_have_value(name)
