"""A list page costs the same number of queries for 2 rows as for 50 (healthchecks' habit).

``assert_constant`` grows the rows through the caller's ``grow(start, count)``, requests each
page at 2 rows and again at 50, checks that the rows are shown, and on a difference prints both
lists of queries side by side, so that the query that repeats per row is easy to find. Pages
that list the same rows share one growth: building the rows is what takes the time.
"""

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext

SMALL, LARGE = 2, 50


def row(n: int) -> str:
    """The name of the n-th row a test builds: zero-padded, so names sort as they were made."""
    return f"Rad {n:02d}"


def first_and_last(n: int) -> list[str]:
    return [row(0), row(n - 1)]


@dataclass
class Page:
    """A page as one role reads it: ``login()`` returns the client, ``shown(n)`` the texts that
    must be on it with n rows. ``url`` may be a function, for rows that are fixed when their
    object is made (an agreement's parties): ``grow`` then makes the object again, larger."""

    login: Callable[[], object]
    url: str | Callable[[], str]
    shown: Callable[[int], Iterable[str]] = first_and_last


def address(page: Page) -> str:
    return page.url() if callable(page.url) else page.url


def page_queries(page: Page, n: int) -> list[str]:
    client = page.login()
    url = address(page)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        # A streamed export runs its queries while it is read.
        content = b"".join(response) if response.streaming else response.content
    assert response.status_code == 200, url
    body = content.decode(errors="replace")
    missing = [text for text in page.shown(n) if text not in body]
    assert not missing, f"{url} with {n} rows does not show {missing}"
    return [query["sql"] for query in queries.captured_queries]


def assert_constant(pages: list[Page], grow: Callable[[int, int], object]) -> list[int]:
    """Grow to 2 rows, then to 50; each page shows its rows and costs the same each time."""
    grow(0, SMALL)
    small = [page_queries(page, SMALL) for page in pages]
    grow(SMALL, LARGE - SMALL)
    large = [page_queries(page, LARGE) for page in pages]
    grown = [
        f"{address(page)}: {len(few)} queries at {SMALL} rows, {len(many)} at {LARGE}\n"
        + "\n".join(difflib.unified_diff(few, many, f"{SMALL} rows", f"{LARGE} rows", n=1))
        for page, few, many in zip(pages, small, large, strict=True)
        if len(few) != len(many)
    ]
    assert not grown, "\n\n".join(grown)
    return [len(few) for few in small]
