"""A project's published minutes as an Atom feed, for feed readers and the local press.

One entry per meeting the public may read, from the version published (its title and date as
published); a new publication of the same minutes updates the entry rather than adding one.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats
from django.utils.feedgenerator import Atom1Feed
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from meetings import public_front
from meetings.public_front import PublicMeeting
from projects.models import Project


@dataclass(frozen=True)
class ProjectFeed:
    project: Project
    entries: list[PublicMeeting]


class PublicMinutesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        # Per request, not on self: one instance of the feed serves every request.
        project = get_object_or_404(Project, slug=slug)
        entries = public_front.project_feed_entries(project)
        if not entries:
            # As the public project page: nothing published, nothing public about it.
            raise Http404
        return ProjectFeed(project, entries)

    def title(self, obj):
        return _("Published minutes: %(project)s") % {"project": obj.project.name}

    def subtitle(self, obj):
        return _("Minutes published by the groups of %(project)s, the latest first.") % {
            "project": obj.project.name
        }

    def link(self, obj):
        return reverse("meetings:public_project", args=[obj.project.slug])

    def feed_url(self, obj):
        return reverse("meetings:public_feed", args=[obj.project.slug])

    def author_name(self, obj):
        # Atom wants an author; the project publishes.
        return obj.project.name

    def items(self, obj):
        return obj.entries

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return reverse("meetings:public_meeting", args=[item.meeting_id])

    def item_description(self, item):
        day = formats.date_format(localtime(item.starts_at), "j. F Y")
        summary = pgettext("feed entry", "%(date)s, %(group)s") % {
            "date": day,
            "group": item.group_name,
        }
        if not item.approved:
            summary += f" ({_('not approved')})"
        return summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at
