"""What a browser sends when a person submits a form as the page rendered it.

tests/crawler.py sees each control's start tag, which is enough to check attributes. Submitting
needs more: a textarea's text, a select's options and which are selected, the submit button.
The rules follow the HTML form-submission algorithm for the controls our templates use:
disabled controls and unchecked boxes send nothing, a select without a selected option sends
its first, only the button that submits the form is sent. Required fields left empty are
filled with a plausible value for their type, as a person would before pressing the button.
"""

import datetime
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.demo_extra import TINY_PDF

# Buttons: only the one that submits the form is sent; these never are.
_SUBMITTERS = {"submit", "image"}
_NEVER_SENT = {"button", "reset"}
_DATE_NAME = re.compile(r"date|deadline|_on$|frist|dato")


@dataclass
class Control:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    # (value, selected, disabled) for each option of a select.
    options: list[tuple[str, bool, bool]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.attrs.get("name", "")

    @property
    def type(self) -> str:
        if self.tag == "button":
            return self.attrs.get("type", "submit").lower()
        if self.tag == "input":
            return self.attrs.get("type", "text").lower()
        return self.tag

    @property
    def disabled(self) -> bool:
        return "disabled" in self.attrs

    @property
    def required(self) -> bool:
        return "required" in self.attrs


@dataclass
class BrowserForm:
    method: str
    action: str
    enctype: str
    controls: list[Control] = field(default_factory=list)

    def submitter(self) -> Control | None:
        """The button pressing Enter (or the first button) submits the form with."""
        for control in self.controls:
            if control.type in _SUBMITTERS and control.tag in {"input", "button"}:
                return None if control.disabled else control
        return None

    def button(self, name: str) -> Control:
        """The submit button of that name, for a test that presses one other than the first."""
        for control in self.controls:
            if control.name == name and control.type in _SUBMITTERS and not control.disabled:
                return control
        raise LookupError(f"no enabled submit button named {name!r} in the form")

    def field_names(self) -> tuple[str, ...]:
        return tuple(sorted({c.name for c in self.controls if c.name}))


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[BrowserForm] = []
        self._form: BrowserForm | None = None
        self._textarea: Control | None = None
        self._select: Control | None = None
        self._option: list | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._form = BrowserForm(
                method=attributes.get("method", "get").lower(),
                action=attributes.get("action", ""),
                enctype=attributes.get("enctype", "application/x-www-form-urlencoded"),
            )
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag in {"input", "button", "textarea", "select"}:
            control = Control(tag=tag, attrs=attributes)
            self._form.controls.append(control)
            if tag == "textarea":
                self._textarea = control
            elif tag == "select":
                self._select = control
        elif tag == "option" and self._select is not None:
            self._close_option()
            value = attributes.get("value")
            self._option = [value, "selected" in attributes, "disabled" in attributes, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.text += data
        elif self._option is not None:
            self._option[3] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            # The newline right after <textarea> is not part of its value.
            if self._textarea.text.startswith("\n"):
                self._textarea.text = self._textarea.text[1:]
            self._textarea = None
        elif tag == "option":
            self._close_option()
        elif tag == "select" and self._select is not None:
            self._close_option()
            self._select = None
        elif tag == "form":
            self._form = None

    def _close_option(self):
        if self._option is None or self._select is None:
            return
        value, selected, disabled, text = self._option
        # An option without a value attribute sends its text, whitespace collapsed.
        value = " ".join(text.split()) if value is None else value
        self._select.options.append((value, selected, disabled))
        self._option = None


def parse_forms(html: str) -> list[BrowserForm]:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.forms


def type_into(form: BrowserForm, values: dict[str, str | list[str]]) -> BrowserForm:
    """The form after a person typed, chose and ticked ``values`` (by control name): a text's
    or textarea's text, a select's chosen options, the checked boxes of a group. Controls
    not named keep what the page rendered."""
    for control in form.controls:
        if control.name not in values:
            continue
        wanted = values[control.name]
        chosen = [wanted] if isinstance(wanted, str) else list(wanted)
        if control.tag == "textarea":
            control.text = chosen[0]
        elif control.tag == "select":
            control.options = [(value, value in chosen, off) for value, _s, off in control.options]
        elif control.type in {"checkbox", "radio"}:
            control.attrs.pop("checked", None)
            if control.attrs.get("value", "on") in chosen:
                control.attrs["checked"] = ""
        else:
            control.attrs["value"] = chosen[0]
    return form


def plausible_value(control: Control, today: datetime.date) -> str:
    """What a person would type into an empty required field of this type."""
    tomorrow = today + datetime.timedelta(days=1)
    kind = control.type
    if kind == "date":
        return tomorrow.isoformat()
    if kind == "datetime-local":
        return f"{tomorrow.isoformat()}T10:00"
    if kind == "time":
        return "10:00"
    if kind == "month":
        return tomorrow.strftime("%Y-%m")
    if kind in {"number", "range"}:
        low = control.attrs.get("min", "")
        return low if low.lstrip("-").isdigit() and int(low) > 1 else "1"
    if kind == "email":
        return "test@example.no"
    if kind == "url":
        return "https://example.no/"
    if kind == "tel":
        return "12345678"
    if kind == "password":
        return "Test-passord-123"
    if _DATE_NAME.search(control.name):
        # A date typed into a text field, the way our date widgets take it (dd.mm.yyyy).
        return tomorrow.strftime("%d.%m.%Y")
    text = "Test"
    limit = control.attrs.get("maxlength", "")
    return text[: int(limit)] if limit.isdigit() and int(limit) > 0 else text


@dataclass
class Submission:
    data: dict[str, list[str]]
    files: dict[str, SimpleUploadedFile]
    # Names of the required fields the harness filled in, for the report.
    filled: list[str]

    def post_data(self) -> dict:
        return {**self.data, **self.files}


def error_ids(html: str) -> set[str]:
    """The ids of the fields the page's error summary links to (templates/includes/form_errors)."""
    start = html.find('class="error-summary"')
    if start < 0:
        return set()
    summary = html[start : html.find("</div>", start)]
    return set(re.findall(r'href="#([^"]+)"', summary))


def error_texts(html: str) -> list[str]:
    start = html.find('class="error-summary"')
    if start < 0:
        return []
    summary = html[start : html.find("</div>", start)]
    return [" ".join(re.sub(r"<[^>]+>", "", item).split()) for item in summary.split("<li>")[1:]]


def submission(
    form: BrowserForm,
    *,
    today: datetime.date,
    fill: frozenset[str] = frozenset(),
    press: str | None = None,
) -> Submission:
    """What the browser sends; `fill` names controls (by id) to fill even when not marked
    required, as a person does after the page said they were needed; `press` names the
    submit button clicked (the first one, as Enter does, if not given)."""
    data: dict[str, list[str]] = {}
    files: dict[str, SimpleUploadedFile] = {}
    filled: list[str] = []
    radio_groups: dict[str, list[Control]] = {}

    def send(name, value):
        data.setdefault(name, []).append(value)

    for control in form.controls:
        if not control.name or control.disabled:
            continue
        if control.attrs.get("id") in fill:
            control = Control(
                tag=control.tag,
                attrs={**control.attrs, "required": ""},
                text=control.text,
                options=control.options,
            )
        kind = control.type
        if kind in _SUBMITTERS or kind in _NEVER_SENT:
            continue
        if kind == "radio":
            radio_groups.setdefault(control.name, []).append(control)
        elif kind == "checkbox":
            if "checked" in control.attrs:
                send(control.name, control.attrs.get("value", "on"))
            elif control.required:
                send(control.name, control.attrs.get("value", "on"))
                filled.append(control.name)
        elif kind == "file":
            if control.required:
                files[control.name] = SimpleUploadedFile(
                    "test.pdf", TINY_PDF, content_type="application/pdf"
                )
                filled.append(control.name)
        elif control.tag == "select":
            _send_select(control, send, filled)
        elif control.tag == "textarea":
            text = control.text
            if not text.strip() and control.required:
                text = "Test"
                filled.append(control.name)
            send(control.name, text)
        else:
            value = control.attrs.get("value", "")
            if not value and control.required and kind != "hidden":
                value = plausible_value(control, today)
                filled.append(control.name)
            send(control.name, value)
    for name, group in radio_groups.items():
        checked = [c for c in group if "checked" in c.attrs]
        if checked:
            send(name, checked[-1].attrs.get("value", "on"))
        elif any(c.required for c in group):
            send(name, group[0].attrs.get("value", "on"))
            filled.append(name)
    button = form.button(press) if press else form.submitter()
    if button is not None and button.name:
        send(button.name, button.attrs.get("value", ""))
    return Submission(data=data, files=files, filled=filled)


def _send_select(control: Control, send, filled: list[str]) -> None:
    enabled = [(value, selected) for value, selected, disabled in control.options if not disabled]
    if "multiple" in control.attrs:
        chosen = [value for value, selected in enabled if selected]
        if not chosen and control.required and enabled:
            chosen = [enabled[0][0]]
            filled.append(control.name)
        for value in chosen:
            send(control.name, value)
        return
    if not enabled:
        return
    selected = [value for value, selected in enabled if selected]
    value = selected[-1] if selected else enabled[0][0]
    if value == "" and control.required:
        non_empty = [v for v, _selected in enabled if v]
        if non_empty:
            value = non_empty[0]
            filled.append(control.name)
    send(control.name, value)
