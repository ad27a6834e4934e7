"""Finding members by name in a province or the whole country (10 million rows).

A name is searched by its words first: every word typed, folded, is a whole word of the member's folded name
("nguyen van hung" finds Nguyễn Văn Hùng and Nguyễn Văn Hưng, not Nguyễn Văn Hưởng). PostgreSQL answers that
from a GIN index of the name's words, which also holds the member's province and district as two more words
("o" + path), so a search within a province reads only that province's entries: about 40 ms for a common name
at national size, where a trigram search for the same text reads tens of thousands of index pages.

Only when no member has those whole words (a name cut short: "nguyen van hu") does the search fall back to the
text anywhere in the name, through the trigram index (unions/migrations/0004): slower, but still found.

The index is created by unions/migrations/0008_member_name_words.py from the same text as VECTOR below
(tests/test_explain.py checks the planner uses it). SQLite, the embedded default, searches the text only.
"""

import re

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, QuerySet
from django.db.models.expressions import RawSQL

from .models import Organization

STEP = Organization.steplen
# The words of the name, then the province and the district (depths 2 and 3) as words of their own.
VECTOR = (
    f"to_tsvector('simple'::regconfig, {{t}}search_name || ' o' || substr({{t}}org_path, 1, {2 * STEP}) "
    f"|| ' o' || substr({{t}}org_path, 1, {3 * STEP}))"
)
_WORD = re.compile(r"[a-z0-9]+")


def available() -> bool:
    return connection.vendor == "postgresql"


def words(folded: str) -> list[str]:
    return _WORD.findall(folded)


def scope_word(paths: list[str] | None) -> str | None:
    """The index word of the narrowest province or district holding every path searched, or None (the whole
    country, or reaches in several provinces)."""
    if not paths:
        return None
    cut = min(len(p) for p in paths)
    cut = min(cut - cut % STEP, 3 * STEP)
    while cut >= 2 * STEP:
        if len({p[:cut] for p in paths}) == 1:
            return "o" + paths[0][:cut]
        cut -= STEP
    return None


def by_words(qs: QuerySet, folded: str, paths: list[str] | None) -> QuerySet:
    """Members of `qs` whose name has every word of `folded`; `paths`: the subtrees the search is limited to."""
    terms = " ".join(filter(None, [scope_word(paths), *words(folded)]))
    table = connection.ops.quote_name(qs.model._meta.db_table) + "."
    match = RawSQL(f"{VECTOR.format(t=table)} @@ plainto_tsquery('simple'::regconfig, %s)", [terms])
    return qs.filter(ExpressionWrapper(match, output_field=BooleanField()))
