from meetings.models.actions import ActionItem, ActionItemUpdate
from meetings.models.archives import MinutesArchive, MinutesRendering
from meetings.models.attachments import Attachment
from meetings.models.cases import Case, CaseComment, CaseSequence
from meetings.models.feeds import CalendarFeed
from meetings.models.invitations import InvitationDelivery
from meetings.models.meetings import Meeting, MinutesEvent, Participant
from meetings.models.published import PublishedMinutes

__all__ = [
    "ActionItem",
    "ActionItemUpdate",
    "Attachment",
    "CalendarFeed",
    "Case",
    "CaseComment",
    "CaseSequence",
    "InvitationDelivery",
    "Meeting",
    "MinutesArchive",
    "MinutesEvent",
    "MinutesRendering",
    "Participant",
    "PublishedMinutes",
]
