"""Case numbers: per group and year, given once, never reused, safe under concurrency."""

import datetime
import threading

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from meetings import services
from meetings.models import Case


def at(year, month, day, hour=11):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def plan(group, when, title="Styringsgruppemøte"):
    return services.meeting_plan(group=group, title=title, starts_at=when)


def numbers(meeting):
    return list(meeting.cases.order_by("position").values_list("number", flat=True))


def test_standing_cases_and_any_other_business_numbered_last(world):
    meeting = plan(world.steering_group, at(2018, 9, 14))
    assert numbers(meeting) == [1, None]  # Eventuelt waits for the agenda to be settled
    services.case_add(meeting=meeting, title="Partnerskapskonferanse")
    services.case_add(meeting=meeting, title="Budsjett")
    titles = list(meeting.cases.order_by("position").values_list("title", flat=True))
    assert titles[1:] == ["Partnerskapskonferanse", "Budsjett", titles[-1]]
    services.minutes_publish(meeting=meeting, by=None)
    assert numbers(meeting) == [1, 2, 3, 4]
    first = meeting.cases.order_by("position").first()
    assert first.label in ("Sak 1/18", "Case 1/18")


def test_a_late_case_keeps_eventuelt_last_and_takes_the_next_number(world):
    meeting = plan(world.steering_group, at(2018, 9, 14))
    services.case_add(meeting=meeting, title="Budsjett")
    services.minutes_send_for_comments(
        meeting=meeting, comment_deadline=timezone.localdate(), by=world.users["secretary"]
    )
    late = services.case_add(meeting=meeting, title="Ettersendt sak")
    assert numbers(meeting) == [1, 2, late.number, 3]
    assert late.number == 4


def test_second_meeting_approves_the_first_and_numbers_on(world):
    first = plan(world.steering_group, at(2018, 9, 14))
    services.minutes_approve(meeting=first, by=None)
    second = plan(world.steering_group, at(2018, 11, 29))
    approval = second.cases.get(kind=Case.Kind.MINUTES_APPROVAL)
    assert approval.approves_minutes_of == first
    assert numbers(second) == [3, 4, None]


def test_numbers_restart_each_year_and_per_group(world):
    services.minutes_approve(meeting=plan(world.steering_group, at(2018, 11, 29)), by=None)
    next_year = plan(world.steering_group, at(2019, 3, 1))
    other_group = plan(world.working_group, at(2019, 3, 1))
    assert numbers(next_year)[0] == 1
    assert numbers(other_group)[0] == 1


def test_deleted_numbers_are_not_reused_and_moving_keeps_numbers(world):
    meeting = plan(world.steering_group, at(2018, 9, 14))
    extra = services.case_add(meeting=meeting, title="Budsjett")
    # Sent for comments, the agenda's numbers have been seen: a deletion leaves its gap.
    services.minutes_send_for_comments(
        meeting=meeting, comment_deadline=timezone.localdate(), by=world.users["secretary"]
    )
    services.case_delete(case=extra)
    later = services.case_add(meeting=meeting, title="Partnerskapskonferanse")
    assert later.number == extra.number + 2  # Eventuelt took the one after Budsjett
    services.case_move(case=later, offset=-1)
    assert numbers(meeting) == [later.number, 1, extra.number + 1]


def test_queued_case_gets_its_number_when_scheduled_and_keeps_it_when_postponed(world):
    case = services.case_propose(group=world.steering_group, title="KVP")
    assert case.number is None
    first = plan(world.steering_group, at(2018, 11, 29))
    services.case_schedule(case=case, meeting=first)
    number = case.number
    second = plan(world.steering_group, at(2019, 3, 1))
    services.case_schedule(case=case, meeting=second)
    case.refresh_from_db()
    assert (case.number, case.year, case.meeting, case.postponed_from) == (
        number,
        2018,
        second,
        first,
    )


@pytest.mark.postgres
def test_concurrent_additions_get_distinct_numbers(transactional_db, postgres, world):
    meeting = plan(world.steering_group, at(2018, 9, 14))
    start = threading.Barrier(8)
    errors = []

    def add(i):
        try:
            start.wait()
            services.case_add(meeting=meeting, title=f"Sak fra sekretær {i}")
        except Exception as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=add, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbered = [n for n in numbers(meeting) if n is not None]
    assert sorted(numbered) == list(range(1, 10))  # the standing case 1, then 2 to 9
