"""Loading the demo meetings through meetings.services, writing only what differs.

A meeting is found by its group and start, a participant by person, a case by title (or, the
first time, the standing case of its kind), an action item by case and description, a
follow-up by item and the meeting it was noted in. Minutes are approved and published last,
once every meeting exists: a meeting's minutes are approved by a case of the next one.

Approved minutes are locked. When a rerun finds that one of them differs from the data
(someone edited the demo), it reopens them, puts the data back, and approves them again.
"""

from __future__ import annotations

from django.utils import timezone

from accounts.models import User
from demo.sync import changed_fields, update_if_changed
from meetings import numbering, services
from meetings.models import ActionItem, Case, Meeting
from meetings.richtext import sanitise
from projects.models import Organisation, Person, Project, ProjectGroup

STANDING_KINDS = (
    Case.Kind.AGENDA_APPROVAL,
    Case.Kind.MINUTES_APPROVAL,
    Case.Kind.ANY_OTHER_BUSINESS,
)
CASE_FIELDS = ("title", "kind", "presenter", "notes", "decision", "attendance_note")
ITEM_FIELDS = ("deadline", "deadline_as_written")
REOPEN_REASON = "Demodataene ble lastet på nytt og referatet rettet tilbake til kilden."


def _case_changes(case: Case, fields: dict) -> dict:
    """Like changed_fields, but rich text is compared as the service would store it."""
    changes = {}
    for name, value in fields.items():
        wanted = sanitise(value) if name in services.RICH_TEXT_FIELDS else value
        if getattr(case, name) != wanted:
            changes[name] = value
    return changes


class MeetingLoader:
    def __init__(
        self,
        *,
        organisations: dict[str, Organisation],
        people: dict[str, Person],
        projects: dict[str, Project],
        users: dict[str, User],
    ):
        self.organisations = organisations
        self.people = people
        self.projects = projects
        self.users = users
        self.meetings: dict[str, Meeting] = {}

    def load(self, specs: list[dict]) -> None:
        for spec in specs:
            self.meetings[spec["key"]] = self._meeting(spec)
        # Follow-ups and approvals point at later meetings, so they wait until all exist.
        for spec in specs:
            self._follow_ups(spec)
        for spec in specs:
            self._minutes(spec)

    # --- Lookups -----------------------------------------------------------------

    def _group(self, slug: str, name: str) -> ProjectGroup:
        return self.projects[slug].groups.get(name=name)

    def _person(self, name: str | None) -> Person | None:
        return self.people[name] if name else None

    def _org(self, name: str | None) -> Organisation | None:
        return self.organisations[name] if name else None

    def _unlock(self, meeting: Meeting) -> None:
        """Reopen approved minutes before a write; ``_minutes`` approves them again."""
        approved = Meeting.objects.filter(
            pk=meeting.pk, minutes_status=Meeting.MinutesStatus.APPROVED
        )
        if approved.exists():
            services.minutes_reopen(meeting=meeting, by=self.users["admin"], reason=REOPEN_REASON)

    # --- Meetings ----------------------------------------------------------------

    def _meeting(self, spec: dict) -> Meeting:
        group = self._group(spec["project"], spec["group"])
        also_for = [self._group(spec["project"], name) for name in spec["also_for"]]
        local = timezone.get_default_timezone()
        starts_at = timezone.make_aware(spec["starts_at"], local)
        fields = {
            "title": spec["title"],
            "ends_at": timezone.make_aware(spec["ends_at"], local) if spec["ends_at"] else None,
            "room": spec["room"],
            "address": spec["address"],
            "secretary": self._person(spec["secretary"]),
            "date_only": spec.get("date_only", False),
        }
        meeting = Meeting.objects.filter(group=group, starts_at=starts_at).first()
        if meeting is None:
            meeting = services.meeting_plan(
                group=group, starts_at=starts_at, also_for=also_for, **fields
            )
        self._participants(meeting, spec["participants"])
        self._cases(meeting, spec)
        # Last, and compared again after _unlock: reopening minutes clears the comment deadline.
        fields["comment_deadline"] = spec["comment_deadline"]
        same_groups = set(meeting.also_for.values_list("pk", flat=True)) == {g.pk for g in also_for}
        if changed_fields(meeting, fields) or not same_groups:
            self._unlock(meeting)
            changes = changed_fields(meeting, fields)
            if not same_groups:
                changes["also_for"] = also_for
            services.meeting_update(
                meeting=meeting, changes=changes, seen_updated_at=meeting.updated_at
            )
        return meeting

    def _participants(self, meeting: Meeting, specs: list[dict]) -> None:
        # meeting_plan invited the group's seats; the minutes say who came and who sent word.
        existing = {p.person_id: p for p in meeting.participants.all()}
        listed = set()
        for spec in specs:
            person = self.people[spec["person"]]
            listed.add(person.pk)
            participant = existing.get(person.pk)
            role = spec["role"]
            if role is None:  # the minutes give none: keep the seat's
                role = participant.role if participant else ""
            wanted = {
                "attendance": spec["attendance"],
                "role": role,
                "organisation": self._org(spec["organisation"]) or person.organisation,
                "substitute_for": None,
                "note": spec["note"],
            }
            if participant is None or changed_fields(participant, wanted):
                self._unlock(meeting)
                services.participant_set(meeting=meeting, person=person, **wanted)
        # Seats the minutes do not mention (e.g. a forum member at a joint meeting).
        for person_id, participant in existing.items():
            if person_id not in listed:
                self._unlock(meeting)
                services.participant_remove(participant=participant)

    def _cases(self, meeting: Meeting, spec: dict) -> None:
        cases = list(meeting.cases.all())
        by_title = {case.title: case for case in cases}
        standing = {case.kind: case for case in cases if case.kind in STANDING_KINDS}
        in_order = []
        for case_spec in spec["cases"]:
            fields = {name: case_spec[name] for name in CASE_FIELDS}
            case = by_title.get(case_spec["title"])
            if case is None and case_spec["standing"]:
                case = standing[case_spec["standing"]]
            if case is None:
                self._unlock(meeting)
                case = services.case_add(meeting=meeting, **fields)
            elif changes := _case_changes(case, fields):
                self._unlock(meeting)
                case = services.case_update(
                    case=case, changes=changes, seen_updated_at=case.updated_at
                )
            in_order.append(case)
            self._items(meeting, spec["project"], case, case_spec["items"])
        # The minutes' order, whatever order the cases were added in; standing cases the
        # minutes do not list (the agenda approval) stay first.
        current = list(meeting.cases.order_by("position", "id"))
        listed = {c.pk for c in in_order}
        in_order = [c for c in current if c.pk not in listed] + in_order
        if [c.pk for c in current] != [c.pk for c in in_order]:
            self._unlock(meeting)
            services.agenda_reorder(meeting=meeting, cases=in_order)
        # As when the invitation went out: "Eventuelt" takes its number now, last.
        if any(case.number is None for case in in_order):
            numbering.number_agenda(meeting)

    def _items(self, meeting: Meeting, slug: str, case: Case, specs: list[dict]) -> None:
        existing = {
            item.description: item
            for item in case.action_items.prefetch_related("responsible_people")
        }
        for spec in specs:
            people = [self.people[name] for name in spec["people"]]
            fields = {
                "responsible_organisation": self._org(spec["organisation"]),
                "responsible_group": self._group(slug, spec["group"]) if spec["group"] else None,
                "responsible_note": spec["note"],
                **{name: spec[name] for name in ITEM_FIELDS},
            }
            item = existing.get(spec["description"])
            if item is None:
                self._unlock(meeting)
                services.action_item_add(
                    case=case, description=spec["description"], responsible_people=people, **fields
                )
                continue
            same_people = {p.pk for p in item.responsible_people.all()} == {p.pk for p in people}
            if changed_fields(item, fields) or not same_people:
                self._unlock(meeting)
                # No service changes an item's fields (only its status, by a follow-up).
                update_if_changed(item, **fields)
                if not same_people:
                    item.responsible_people.set(people)

    # --- After all meetings exist --------------------------------------------------

    def _follow_ups(self, spec: dict) -> None:
        by = self.users[spec["minutes"]["by"]]
        for case_spec in spec["cases"]:
            for item_spec in case_spec["items"]:
                if not item_spec["follow_ups"]:
                    continue
                item = ActionItem.objects.get(
                    case__meeting=self.meetings[spec["key"]],
                    case__title=case_spec["title"],
                    description=item_spec["description"],
                )
                for key, status, note in item_spec["follow_ups"]:
                    noted_in = self.meetings[key]
                    update = item.updates.filter(meeting=noted_in).first()
                    if update is None:
                        services.action_item_follow_up(
                            item=item, status=status, note=note, by=by, meeting=noted_in
                        )
                    else:
                        update_if_changed(update, status=status, note=note)
                        update_if_changed(item, status=status)

    def _minutes(self, spec: dict) -> None:
        meeting = self.meetings[spec["key"]]
        meeting.refresh_from_db()
        state = spec["minutes"]
        by = self.users[state["by"]]
        if meeting.minutes_status != Meeting.MinutesStatus.APPROVED:
            if state["approval"] == "next_meeting":
                # "Sak 1. Referat 29.11.19 – Godkjent uten kommentarer."
                case = Case.objects.get(
                    kind=Case.Kind.MINUTES_APPROVAL, approves_minutes_of=meeting
                )
                services.case_approve_minutes(case=case, by=by)
            elif state["approval"] == "comment_deadline":
                services.minutes_approve(
                    meeting=meeting, by=None, automatic=True, reason=state["reason"]
                )
            else:
                services.minutes_approve(meeting=meeting, by=by, reason=state["reason"])
        if state["published"] and meeting.published_at is None:
            services.minutes_publish(meeting=meeting, by=by)
