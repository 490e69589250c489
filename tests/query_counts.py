"""A list page costs the same number of queries for 2 rows as for 50 (healthchecks' habit).

``assert_constant`` grows the page's rows through the caller's ``grow(start, count)``, requests
the page at 2 rows and again at 50, checks that the rows are shown, and on a difference prints
both lists of queries side by side, so that the query that repeats per row is easy to find.
"""

import difflib
from collections.abc import Callable, Iterable

from django.db import connection
from django.test.utils import CaptureQueriesContext

SMALL, LARGE = 2, 50


def row(n: int) -> str:
    """The name of the n-th row a test builds: zero-padded, so names sort as they were made."""
    return f"Rad {n:02d}"


def page_queries(client, url: str, shown: Iterable[str]) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    missing = [text for text in shown if text not in body]
    assert not missing, f"{url} does not show {missing}"
    return [query["sql"] for query in queries.captured_queries]


def assert_constant(
    client,
    url: str,
    grow: Callable[[int, int], object],
    shown: Callable[[int], Iterable[str]] = lambda n: [row(0), row(n - 1)],
) -> int:
    """Grow to 2 rows, then to 50; the page shows ``shown(n)`` and costs the same each time."""
    grow(0, SMALL)
    small = page_queries(client, url, shown(SMALL))
    grow(SMALL, LARGE - SMALL)
    large = page_queries(client, url, shown(LARGE))
    assert len(large) == len(small), (
        f"{url}: {len(small)} queries at {SMALL} rows, {len(large)} at {LARGE}\n"
        + "\n".join(difflib.unified_diff(small, large, f"{SMALL} rows", f"{LARGE} rows", n=1))
    )
    return len(small)
