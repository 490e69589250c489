from meetings.models.actions import ActionItem, ActionItemUpdate
from meetings.models.cases import Case, CaseComment, CaseSequence
from meetings.models.meetings import Meeting, MinutesEvent, Participant

__all__ = [
    "ActionItem",
    "ActionItemUpdate",
    "Case",
    "CaseComment",
    "CaseSequence",
    "Meeting",
    "MinutesEvent",
    "Participant",
]
