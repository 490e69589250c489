"""The results page costs the same for 2 results as for 50 (tests/query_counts.py)."""

from urllib.parse import urlencode

from django.urls import reverse

from meetings import services
from tests.query_counts import Page, assert_constant, row
from tests.search.helpers import at

URL = reverse("search:results") + "?" + urlencode({"q": "budsjettrad", "order": "newest"})


def test_search_results_cost_the_same_for_2_and_50(world, client_for):
    meeting = services.meeting_plan(
        group=world.steering_group, title="Møte", starts_at=at(2018, 3, 12), standing_cases=False
    )

    def grow(start, count):
        for n in range(start, start + count):
            services.case_add(meeting=meeting, title=f"{row(n)} budsjettrad")

    def newest(n):
        # Newest first (equal dates: the last made first), the first page of 20.
        return [row(n - 1), f"{n} treff"]

    counts = assert_constant(
        [
            Page(lambda: client_for(world.users["member"]), URL, newest),
            Page(lambda: client_for(world.users["portal_admin"]), URL, newest),
        ],
        grow,
    )
    # session, user, the ids of the projects the member reads (search.visibility: the
    # portal admin reads all, no query), the page of results with the total in its rows
    # (visibility is subqueries of it; search.selectors.results_page), the user's
    # organisation (the header names it; the portal admin has none), the form's project
    # choices.
    assert counts == [6, 4], counts
