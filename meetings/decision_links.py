"""What a case's decision made exist, worded as the minutes show it under the case.

"Opprettet: Arbeidsgruppe økonomi", "Godkjent avtale: Samarbeidsavtale VÅG – sendt videre til
kommunestyrene", "Kommunestyrevedtak: Våler kommune k-sak 042/20". The meeting page and the
internal PDF read them from the live case; the published version keeps the kinds and texts in
its snapshot (``meetings.published``), so the public reads what was published.

``links_of`` reads fields and relations only, never model methods or managers of ours, so the
data migration that freezes published minutes can call it with historical models, which may
not have these relations yet (they then give nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

GROUP = "established_group"
AGREEMENT_APPROVED = "agreement_approved"
AGREEMENT_RECOMMENDED = "agreement_recommended"
COUNCIL_DECISION = "council_decision"

LABELS = {
    GROUP: gettext_lazy("Established"),
    AGREEMENT_APPROVED: gettext_lazy("Approved agreement"),
    AGREEMENT_RECOMMENDED: gettext_lazy("Recommended agreement"),
    COUNCIL_DECISION: gettext_lazy("Council decision"),
}


@dataclass(frozen=True)
class DecisionLink:
    kind: str
    text: str
    # Only for the live pages; the public version links nowhere inside the portal.
    url: str = ""

    @property
    def label(self) -> str:
        return str(LABELS.get(self.kind, ""))

    def as_snapshot(self) -> dict:
        return {"kind": self.kind, "text": self.text}


def _related(case, name: str) -> list:
    """The related rows, in the order they were recorded; none where the relation is unknown."""
    manager = getattr(case, name, None)
    return sorted(manager.all(), key=lambda row: row.pk) if manager is not None else []


def agreement_text(title: str, sent_on_to: str) -> str:
    if not sent_on_to:
        return title
    return _("%(title)s – sent on to %(bodies)s") % {"title": title, "bodies": sent_on_to}


def links_of(case, *, with_urls: bool = False) -> list[DecisionLink]:
    """Groups established, agreements decided on, council decisions referred to; in that order."""
    links = []
    for group in _related(case, "established_groups"):
        url = _url("projects:group_detail", group.project.slug, group.pk) if with_urls else ""
        links.append(DecisionLink(GROUP, group.name, url))
    for decision in _related(case, "agreement_decisions"):
        kind = AGREEMENT_RECOMMENDED if decision.kind == "recommended" else AGREEMENT_APPROVED
        text = agreement_text(decision.agreement.title, decision.sent_on_to)
        url = _url("agreements:detail", decision.agreement_id) if with_urls else ""
        links.append(DecisionLink(kind, text, url))
    for council in _related(case, "council_decisions"):
        text = f"{council.municipality.name} {council.case_number}"
        url = _url("projects:detail", council.project.slug) + "#decisions" if with_urls else ""
        links.append(DecisionLink(COUNCIL_DECISION, text, url))
    return links


def from_snapshot(values: list[dict]) -> list[DecisionLink]:
    return [DecisionLink(value["kind"], value["text"]) for value in values]


def _url(name: str, *args) -> str:
    return reverse(name, args=args)
