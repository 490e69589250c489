"""The database-specific half of search: PostgreSQL full text + trigrams, or SQLite FTS5.

The DDL lives here so the migration and the SQLite test run the very same statements.
"""

from __future__ import annotations

import re

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import F, FloatField, Lookup, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Greatest

POSTGRES_DDL = [
    # Trusted since PostgreSQL 13: the database owner may create it, no superuser needed.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS searchentry_vector_gin ON search_searchentry"
    " USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS searchentry_title_trgm ON search_searchentry"
    " USING gin (title gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS searchentry_body_trgm ON search_searchentry"
    " USING gin (body gin_trgm_ops)",
]
POSTGRES_UNDO = [
    "DROP INDEX IF EXISTS searchentry_vector_gin",
    "DROP INDEX IF EXISTS searchentry_title_trgm",
    "DROP INDEX IF EXISTS searchentry_body_trgm",
]

# An external-content FTS5 table over the entries, kept in step by triggers. The trigram
# tokenizer matches inside words, so "avtale" finds "samarbeidsavtalen" here too.
SQLITE_DDL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, body, content='search_searchentry', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS search_fts_insert AFTER INSERT ON search_searchentry BEGIN"
    " INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_delete AFTER DELETE ON search_searchentry BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, title, body)"
    " VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_update AFTER UPDATE ON search_searchentry BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, title, body)"
    " VALUES ('delete', old.id, old.title, old.body);"
    " INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
]
SQLITE_UNDO = [
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TABLE IF EXISTS search_fts",
]

# The trigram tokenizer needs three characters to match anything.
FTS5_MIN_WORD = 3


class ILikeContains(Lookup):
    """``column ILIKE %word%``: unlike Django's icontains (UPPER(...) LIKE) it can use the
    column's trigram index."""

    lookup_name = "ilike_contains"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} ILIKE {rhs}", [*lhs_params, *rhs_params]


def _like_pattern(word: str) -> str:
    return "%" + re.sub(r"([\\%_])", r"\\\1", word) + "%"


# --- PostgreSQL ---------------------------------------------------------------


def _prefix_query(words: list[str]) -> SearchQuery:
    # Only letters and digits reach here (search.query.words), so the raw syntax is safe.
    return SearchQuery(
        " & ".join(f"{word}:*" for word in words), search_type="raw", config="norwegian"
    )


def postgres_match(words: list[str]) -> Q:
    """Every word must match: as a Norwegian stem (or its prefix), inside a compound, or
    nearly (a typo, "møtebok" for "møtebøker") by trigram word similarity."""
    condition = Q()
    for word in words:
        pattern = Value(_like_pattern(word), output_field=TextField())
        condition &= (
            Q(search_vector=_prefix_query([word]))
            | Q(ILikeContains(F("title"), pattern))
            | Q(ILikeContains(F("body"), pattern))
            | Q(TrigramWordSimilar(F("title"), Value(word)))
            | Q(TrigramWordSimilar(F("body"), Value(word)))
        )
    return condition


def postgres_rank(words: list[str]):
    if not words:
        return Value(0.0, output_field=FloatField())
    text = " ".join(words)
    return SearchRank(F("search_vector"), _prefix_query(words)) + Greatest(
        TrigramWordSimilarity(Value(text), "title"),
        TrigramWordSimilarity(Value(text), "body") * Value(0.5),
    )


# --- SQLite -------------------------------------------------------------------


def fts5_expression(words: list[str]) -> str:
    """An FTS5 MATCH expression: every word as a quoted phrase, all required."""
    return " AND ".join('"' + word.replace('"', '""') + '"' for word in words)


FTS5_IDS = "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
FTS5_RANK = (
    "(SELECT -bm25(search_fts, 2.0, 1.0) FROM search_fts"
    " WHERE search_fts MATCH %s AND search_fts.rowid = search_searchentry.id)"
)


def sqlite_match(words: list[str]) -> Q:
    long_words = [word for word in words if len(word) >= FTS5_MIN_WORD]
    condition = Q()
    if long_words:
        # Constant SQL; the user's words go in as a parameter.
        condition &= Q(id__in=RawSQL(FTS5_IDS, [fts5_expression(long_words)]))  # noqa: S611
    for word in words:
        if len(word) < FTS5_MIN_WORD:
            condition &= Q(title__icontains=word) | Q(body__icontains=word)
    return condition


def sqlite_rank(words: list[str]):
    long_words = [word for word in words if len(word) >= FTS5_MIN_WORD]
    if not long_words:
        return Value(0.0, output_field=FloatField())
    expression = fts5_expression(long_words)
    return RawSQL(FTS5_RANK, [expression], output_field=FloatField())  # noqa: S611
