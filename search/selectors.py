"""Reading the index: one query for the page's results, visibility included."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, Count, F, Q, QuerySet, Value, When, Window

from search import backends
from search.models import SearchEntry
from search.visibility import public_entries, visible_entries

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
# "sak 3/18", "Sak 12/2024", or just "3/18".
CASE_NUMBER = re.compile(r"(?:\bsak\s*)?\b(\d{1,5})\s*/\s*(\d{4}|\d{2})\b", re.IGNORECASE)
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class ParsedQuery:
    words: list[str]
    case_number: tuple[int, int] | None  # (number, year as written: 18 or 2018)


def parse(text: str) -> ParsedQuery:
    found = CASE_NUMBER.search(text)
    case_number = None
    if found:
        case_number = (int(found.group(1)), int(found.group(2)))
        text = text[: found.start()] + " " + text[found.end() :]
    words = [word.lower() for word in WORD.findall(text)][:MAX_WORDS]
    return ParsedQuery(words=words, case_number=case_number)


def _case_number_match(number: int, year: int, kind: str = SearchEntry.Kind.CASE) -> Q:
    years = [year] if year >= 100 else [2000 + year, 1900 + year]
    return Q(kind=kind, case_number=number, year__in=years)


def search_entries(
    user,
    query: ParsedQuery,
    *,
    kind: str = "",
    project_id: int | None = None,
    year: int | None = None,
    order: str = "relevance",
) -> QuerySet[SearchEntry]:
    """The entries ``user`` may see that match ``query``, best (or newest) first."""
    entries = SearchEntry.objects.filter(visible_entries(user))
    if kind:
        entries = entries.filter(kind=kind)
    if project_id:
        entries = entries.filter(project_id=project_id)
    if year:
        entries = entries.filter(year=year)
    return _matching(entries, query, order=order)


def public_search_entries(
    query: ParsedQuery,
    *,
    project_id: int | None = None,
    year: int | None = None,
    order: str = "relevance",
) -> QuerySet[SearchEntry]:
    """The published versions' entries that match ``query``: what anyone may find."""
    entries = SearchEntry.objects.filter(public_entries())
    if project_id:
        entries = entries.filter(project_id=project_id)
    if year:
        # The meeting's year, for the meeting and its cases alike (search.public_index).
        entries = entries.filter(year=year)
    matching = _matching(entries, query, order=order, case_kind=SearchEntry.Kind.PUBLIC_CASE)
    return matching.select_related("group")


def _matching(
    entries: QuerySet[SearchEntry],
    query: ParsedQuery,
    *,
    order: str,
    case_kind: str = SearchEntry.Kind.CASE,
) -> QuerySet[SearchEntry]:
    postgres = connection.vendor == "postgresql"
    match, rank = (
        (backends.postgres_match, backends.postgres_rank)
        if postgres
        else (backends.sqlite_match, backends.sqlite_rank)
    )
    condition = Q()
    if query.words:
        condition &= match(query.words)
    if query.case_number:
        condition &= _case_number_match(*query.case_number, kind=case_kind)
    entries = entries.filter(condition).select_related("project").defer("search_vector")
    if order == "newest":
        return entries.order_by("-dated", "-id")
    # The case asked for by number comes first.
    exact = (
        Case(
            When(_case_number_match(*query.case_number, kind=case_kind), then=Value(1.0)),
            default=Value(0.0),
        )
        if query.case_number
        else Value(0.0)
    )
    return entries.annotate(
        rank=rank(query.words) + exact if query.words else exact,
    ).order_by(F("rank").desc(nulls_last=True), "-dated", "-id")


def results_page(entries: QuerySet[SearchEntry], requested, *, per_page: int) -> Page:
    """The page of ``entries`` asked for ("side"), its rows carrying the total.

    Paginator would run the search twice, once to count and once for the page; ranking needs
    every match either way, so ``COUNT(*) OVER ()`` on the page's query gives the total at no
    extra cost. A page past the end shows the last, as ``Paginator.get_page`` does.
    """
    try:
        number = max(1, int(requested))
    except (TypeError, ValueError):
        number = 1
    counted = entries.annotate(total=Window(Count("id")))

    def rows_of(page_number):
        start = (page_number - 1) * per_page
        return list(counted[start : start + per_page])

    rows = rows_of(number)
    if rows:
        total = rows[0].total
    else:
        total = entries.count() if number > 1 else 0
        last = max(1, -(-total // per_page))
        if number > last:
            number = last
            rows = rows_of(number) if total else []
    paginator = Paginator(entries, per_page)
    paginator.count = total  # a cached_property: set, it is never asked of the database
    return Page(rows, number, paginator)
