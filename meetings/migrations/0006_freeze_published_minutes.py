"""Freeze a published version for every meeting published before versions existed.

Until now the public read the live minutes; from here on it reads the frozen version, so
each meeting public today gets one, holding its minutes as they stand at migration time.
"""

from django.db import migrations
from django.utils import timezone

APPROVALS = ("approved", "auto_approved")


def freeze(apps, schema_editor):
    # Reads fields and relations only, so the historical models serve (see its docstring).
    from meetings.published import snapshot_of

    Meeting = apps.get_model("meetings", "Meeting")
    PublishedMinutes = apps.get_model("meetings", "PublishedMinutes")
    History = apps.get_model("meetings", "HistoricalPublishedMinutes")
    now = timezone.now()
    for meeting in Meeting.objects.filter(published_at__isnull=False).order_by("pk"):
        if PublishedMinutes.objects.filter(meeting=meeting).exists():
            continue
        events = meeting.events.order_by("-at", "-id")
        publication = events.filter(kind="published").first()
        approval = (
            events.filter(kind__in=APPROVALS).first()
            if meeting.minutes_status == "approved"
            else None
        )
        version = PublishedMinutes.objects.create(
            meeting=meeting,
            number=1,
            status="public",
            published_at=meeting.published_at,
            published_by_id=publication.by_id if publication else None,
            approval=approval,
            snapshot=snapshot_of(meeting),
        )
        # The historical model sends no signal: record the creation as simple-history would.
        values = {f.attname: getattr(version, f.attname) for f in PublishedMinutes._meta.fields}
        History.objects.create(
            **values,
            history_date=now,
            history_type="+",
            history_change_reason="Frozen by migration 0006",
        )


def unfreeze(apps, schema_editor):
    apps.get_model("meetings", "HistoricalPublishedMinutes").objects.all().delete()
    apps.get_model("meetings", "PublishedMinutes").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_published_minutes"),
    ]

    operations = [migrations.RunPython(freeze, unfreeze)]
