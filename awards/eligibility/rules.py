"""The rules of DESIGN.md §5 as small functions; thresholds come from the catalogue's parameters."""

import math
from decimal import Decimal

from django.utils.translation import gettext as _

from ..models import DISCIPLINE_ORDER, RATING_ORDER, Rating
from .collective import reference_date
from .registry import CONDITIONAL, DEFER, FAIL, INFO, PASS, WARN, Result, rule, run
from .worktime import days_text

SCOPE_ORDER = {"grassroots": 0, "provincial": 1, "national": 2}


def _rating_label(code):
    return Rating(code).label


def _ok(condition, yes, no, evidence=None, *, fail=FAIL):
    return Result("", PASS if condition else fail, yes if condition else no, evidence or [])


@rule("rating_at_least")
def rating_at_least(ctx, min="HTT"):
    rating = ctx.ratings.get(ctx.year)
    if rating is None:
        return Result("", FAIL, _("No performance rating recorded for %(year)s.") % {"year": ctx.year})
    return _ok(
        RATING_ORDER[rating.rating] >= RATING_ORDER[min],
        _("Rated %(rating)s in %(year)s.") % {"rating": rating.get_rating_display(), "year": ctx.year},
        _("Rated %(rating)s in %(year)s; %(min)s or better is required.")
        % {"rating": rating.get_rating_display(), "year": ctx.year, "min": _rating_label(min)},
        [_("Rating %(year)s: %(rating)s") % {"year": ctx.year, "rating": rating.rating}],
    )


@rule("min_months_worked", "individual")
def min_months_worked(ctx, months=10):
    time = ctx.work_time
    if time.months is None:
        return Result("", WARN, _("Months worked in %(year)s are not recorded.") % {"year": ctx.year})
    source = _("from the employment dates") if time.months_computed else _("as entered")
    return _ok(
        time.months >= months,
        _("Worked %(n)s months in the year (%(source)s).") % {"n": time.months, "source": source},
        _("Worked only %(n)s months in the year (%(source)s); at least %(min)s are required.")
        % {"n": time.months, "source": source, "min": months},
        [_("Months worked %(year)s: %(n)s") % {"year": ctx.year, "n": time.months}],
    )


@rule("max_absent_days", "individual")
def max_absent_days(ctx, days=40):
    time = ctx.work_time
    if time.absent is None:
        return Result("", WARN, _("Days absent in %(year)s are not recorded.") % {"year": ctx.year})
    source = _("from the leave records") if time.absent_computed else _("as entered")
    shown = days_text(time.absent)
    return _ok(
        time.absent < days,
        _("%(n)s days absent (maternity leave not counted; %(source)s).") % {"n": shown, "source": source},
        _("%(n)s days absent (maternity leave not counted; %(source)s); %(max)s or more days exclude the title.")
        % {"n": shown, "source": source, "max": days},
        [_("Days absent %(year)s: %(n)s") % {"year": ctx.year, "n": shown}],
    )


@rule("no_discipline_in_year")
def no_discipline_in_year(ctx, min_level="reprimand"):
    hits = [
        d
        for d in ctx.discipline
        if d.decided_on and d.decided_on.year == ctx.year and DISCIPLINE_ORDER[d.level] >= DISCIPLINE_ORDER[min_level]
    ]
    return _ok(
        not hits,
        _("No discipline in %(year)s.") % {"year": ctx.year},
        _("Disciplined in %(year)s (%(level)s, decision %(number)s).")
        % {
            "year": ctx.year,
            "level": hits[0].get_level_display() if hits else "",
            "number": hits[0].decision_number if hits else "",
        },
    )


@rule("no_open_case")
def no_open_case(ctx):
    open_discipline = [d for d in ctx.discipline if d.decided_on is None]
    cases = open_discipline + list(ctx.open_complaints)
    if cases:
        return Result(
            "",
            DEFER,
            _("An open disciplinary case, complaint or inspection: the proposal waits until it is resolved."),
            [str(c) for c in cases],
        )
    return Result("", PASS, _("No open disciplinary case, complaint or inspection."))


@rule("one_of")
def one_of(ctx, rules, label=""):
    results = [run(spec, ctx) for spec in rules]
    passed = [r for r in results if r.status == PASS]
    if passed:
        return Result("", PASS, passed[0].message, passed[0].evidence)
    return Result(
        "",
        FAIL,
        label or _("None of the alternatives is met: %(list)s") % {"list": " ".join(r.message for r in results)},
    )


@rule("initiative_recognised", "individual")
def initiative_recognised(ctx, scope="grassroots", years=1, count=1):
    first = ctx.year - years + 1
    found = [
        i
        for i in ctx.initiatives
        if first <= i.year <= ctx.year
        and i.scope
        and SCOPE_ORDER[i.scope] >= SCOPE_ORDER[scope]
        and ctx.initiative_free(i)
    ]
    label = dict(_scope_labels())[scope]
    period = str(ctx.year) if first == ctx.year else f"{first}–{ctx.year}"
    return _ok(
        len(found) >= count,
        _("Initiative recognised at %(scope)s: %(title)s.") % {"scope": label, "title": found[0].title}
        if found
        else "",
        _("Needs %(count)s initiative(s) recognised at %(scope)s or higher in %(period)s, not used for another award.")
        % {"count": count, "scope": label, "period": period},
        [i.title for i in found],
    )


def _scope_labels():
    from campaigns.models import RecognitionScope

    return RecognitionScope.choices


@rule("research_accepted", "individual")
def research_accepted(ctx):
    found = [p for p in ctx.research if p.accepted_on and p.accepted_on.year == ctx.year]
    return _ok(
        bool(found),
        _("Research project accepted: %(title)s.") % {"title": found[0].title} if found else "",
        _("No research project accepted in %(year)s.") % {"year": ctx.year},
    )


def _title_years(ctx, codes):
    return {a.year for code in codes for a in ctx.awards.get(code, [])}


@rule("title_in_consecutive_years")
def title_in_consecutive_years(ctx, awards, years=3):
    codes = [awards] if isinstance(awards, str) else awards
    have = _title_years(ctx, codes)
    needed = list(range(ctx.year - years + 1, ctx.year + 1))
    missing = [y for y in needed if y not in have]
    names = ", ".join(ctx.type_names(codes))
    if not missing:
        return Result("", PASS, _("%(title)s in %(years)s.") % {"title": names, "years": ", ".join(map(str, needed))})
    if missing == [ctx.year]:
        return Result(
            "",
            WARN,
            _("%(title)s for %(year)s is not decided yet; it may be decided in this round.")
            % {"title": names, "year": ctx.year},
        )
    return Result(
        "",
        FAIL,
        _("Needs %(title)s in each of %(years)s; missing %(missing)s.")
        % {"title": names, "years": ", ".join(map(str, needed)), "missing": ", ".join(map(str, missing))},
    )


@rule("rating_in_consecutive_years")
def rating_in_consecutive_years(ctx, min="HTXS", years=2, initiatives=0, initiative_scope="grassroots"):
    needed = list(range(ctx.year - years + 1, ctx.year + 1))
    short = [y for y in needed if y not in ctx.ratings or RATING_ORDER[ctx.ratings[y].rating] < RATING_ORDER[min]]
    if short:
        return Result(
            "",
            FAIL,
            _("Needs %(rating)s in each of %(years)s; not in %(missing)s.")
            % {
                "rating": _rating_label(min),
                "years": ", ".join(map(str, needed)),
                "missing": ", ".join(map(str, short)),
            },
        )
    if initiatives:
        result = initiative_recognised(ctx, scope=initiative_scope, years=years, count=initiatives)
        if result.status != PASS:
            return result
    return Result(
        "", PASS, _("%(rating)s in %(years)s.") % {"rating": _rating_label(min), "years": ", ".join(map(str, needed))}
    )


def _needed(total, share):
    """Members needed for `share` percent of `total` (70 % of 57 is 39,9: 40 members)."""
    return math.ceil(Decimal(share) * total / 100)


def _conditional(ctx, award, missing):
    """The title is short by `missing` members but as many are proposed in the same file: met if approved."""
    proposed = ctx.stats["pending"].get(award, 0)
    if not missing or proposed < missing:
        return None
    return Result(
        "",
        CONDITIONAL,
        _("Met if %(n)s of the %(proposed)s %(title)s proposals in this file are approved.")
        % {"n": missing, "proposed": proposed, "title": ctx.type_name(award)},
    )


@rule("share_of_members_with_title", "collective")
def share_of_members_with_title(ctx, award="LDTT", share=70):
    stats = ctx.stats
    if not stats["members"]:
        return Result("", FAIL, _("The union has no active member."))
    have = stats["titles"].get(award, 0)
    pct = Decimal(100 * have) / stats["members"]
    counted = [
        _("Members on %(date)s, with its divisions and groups: %(n)s")
        % {"date": reference_date(ctx.year).strftime("%d/%m/%Y"), "n": stats["members"]}
    ]
    numbers = {"n": have, "total": stats["members"], "pct": round(pct, 1), "title": ctx.type_name(award)}
    conditional = _conditional(ctx, award, max(_needed(stats["members"], share) - have, 0))
    if conditional is not None:
        conditional.message += " " + _("Now %(n)s of %(total)s members (%(pct)s%%) have %(title)s.") % numbers
        conditional.evidence = counted
        return conditional
    return _ok(
        pct >= share,
        _("%(n)s of %(total)s members (%(pct)s%%) have %(title)s.") % numbers,
        _("Only %(n)s of %(total)s members (%(pct)s%%) have %(title)s; %(share)s%% are required.")
        % {**numbers, "share": share},
        counted,
    )


@rule("all_members_rating_at_least", "collective")
def all_members_rating_at_least(ctx, min="HT"):
    stats = ctx.stats
    return _ok(
        stats["members"] and stats["at_least_ht"] >= stats["members"],
        _("Every member is rated %(min)s or better.") % {"min": _rating_label(min)},
        _("%(n)s of %(total)s members are rated %(min)s or better; all are required.")
        % {"n": stats["at_least_ht"], "total": stats["members"], "min": _rating_label(min)},
    )


@rule("members_with_title_at_least", "collective")
def members_with_title_at_least(ctx, award="CSTDCS", count=1):
    have = ctx.stats["titles"].get(award, 0)
    conditional = _conditional(ctx, award, max(count - have, 0))
    if conditional is not None:
        return conditional
    return _ok(
        have >= count,
        _("%(n)s member(s) with %(title)s.") % {"n": have, "title": ctx.type_name(award)},
        _("Needs at least %(count)s member with %(title)s.") % {"count": count, "title": ctx.type_name(award)},
    )


@rule("nobody_disciplined", "collective")
def nobody_disciplined(ctx, min_level="warning"):
    levels = [lvl for lvl in ctx.stats["discipline_levels"] if DISCIPLINE_ORDER[lvl] >= DISCIPLINE_ORDER[min_level]]
    return _ok(
        not levels,
        _("No member disciplined with a warning or higher in %(year)s.") % {"year": ctx.year},
        _("%(n)s member(s) disciplined with a warning or higher in %(year)s.") % {"n": len(levels), "year": ctx.year},
    )


@rule("first_in_cluster", "collective")
def first_in_cluster(ctx):
    # Campaign rankings count for led_long_campaign; here only the yearly emulation clusters.
    firsts = [m for m in ctx.cluster_ranks if m.cluster.year == ctx.year and m.rank == 1 and not m.cluster.campaign_id]
    return _ok(
        bool(firsts),
        _("First in %(cluster)s.") % {"cluster": firsts[0].cluster.name} if firsts else "",
        _("Not first in an emulation cluster in %(year)s.") % {"year": ctx.year},
    )


@rule("led_long_campaign", "collective")
def led_long_campaign(ctx, min_years=3):
    """First at the final review of a thematic or phased campaign lasting at least `min_years` years."""

    def long_enough(c):
        return c.kind in ("thematic", "phased") and c.end_on.year - c.start_on.year + 1 >= min_years

    led = [
        m
        for m in ctx.cluster_ranks
        if m.rank == 1
        and m.cluster.campaign_id
        and long_enough(m.cluster.campaign)
        and (m.cluster.campaign.final_review_on or m.cluster.campaign.end_on).year == ctx.year
    ]
    return _ok(
        bool(led),
        _("Led “%(campaign)s” at its final review.") % {"campaign": led[0].cluster.campaign.name} if led else "",
        _("Did not lead a campaign of at least %(n)s years at its final review in %(year)s.")
        % {"n": min_years, "year": ctx.year},
    )


@rule("once_per_person", "individual")
def once_per_person(ctx):
    earlier = ctx.awards.get(ctx.award_type.code, [])
    return _ok(
        not earlier,
        _("Not received before."),
        _("Already received in %(year)s.") % {"year": earlier[0].year if earlier else ""},
    )


@rule("min_service_years", "individual")
def min_service_years(ctx, years=20):
    joined = ctx.subject.joined_on
    if joined is None:
        return Result("", WARN, _("The date of joining the union is not recorded."))
    served = ctx.year - joined.year
    return _ok(
        served >= years,
        _("%(n)s years of union work.") % {"n": served},
        _("%(n)s years of union work; %(min)s are required.") % {"n": served, "min": years},
    )


@rule("member_is_woman", "individual")
def member_is_woman(ctx):
    return _ok(ctx.subject.gender == "female", _("A woman member."), _("This title is for women members."))


@rule("no_same_level_conflict")
def no_same_level_conflict(ctx):
    """A comprehensive and a thematic award of the same level in one year exclude each other."""
    mine = ctx.award_type
    clashes = [
        a
        for awards in ctx.awards.values()
        for a in awards
        if a.year == ctx.year
        and a.award_type.issuing_level == mine.issuing_level
        and a.award_type.is_thematic != mine.is_thematic
        and a.award_type.category == mine.category
    ]
    return _ok(
        not clashes,
        _("No other award of the same level this year."),
        _(
            "Already has %(award)s in %(year)s: a comprehensive and a thematic award of the same level "
            "exclude each other."
        )
        % {"award": clashes[0].award_type.name if clashes else "", "year": ctx.year},
    )


@rule("quota")
def quota(ctx, per_year):
    used = ctx.quota_used()
    return _ok(
        used < per_year,
        _("%(used)s of the %(n)s places used this year.") % {"used": used, "n": per_year},
        _("The quota of %(n)s for this year is used up.") % {"n": per_year},
        fail=WARN,
    )


@rule("vote_threshold")
def vote_threshold(ctx, percent):
    return Result(
        "",
        INFO,
        _("Needs a secret ballot of at least %(pct)s%% of all council members (absent members vote in writing).")
        % {"pct": percent},
    )


# ---- the union's own titles (awards/migrations/0018_union_titles.py, docs/union-titles.md) ----------------


@rule("union_quality_at_least", "collective")
def union_quality_at_least(ctx, min="HTT"):
    """The class the level above gave the union's work in the year (xếp loại chất lượng hoạt động CĐCS)."""
    rating = ctx.quality.get(ctx.year)
    if rating is None:
        return Result(
            "",
            FAIL,
            _(
                "No quality rating of the union for %(year)s: the union above it enters it "
                "(Quality of grassroots unions)."
            )
            % {"year": ctx.year},
        )
    score = "" if rating.score is None else _(", score %(score)s") % {"score": days_text(rating.score)}
    evidence = [
        _("Quality rating %(year)s: %(grade)s%(score)s") % {"year": ctx.year, "grade": rating.grade, "score": score}
    ]
    return _ok(
        RATING_ORDER[rating.grade] >= RATING_ORDER[min],
        _("Rated %(grade)s%(score)s by the union above in %(year)s.")
        % {"grade": rating.get_grade_display(), "score": score, "year": ctx.year},
        _(
            "Rated %(grade)s%(score)s by the union above in %(year)s; %(min)s or better is required "
            "(set in the rule set)."
        )
        % {"grade": rating.get_grade_display(), "score": score, "year": ctx.year, "min": _rating_label(min)},
        evidence,
    )


@rule("configured_criteria")
def configured_criteria(ctx, source="", where="", criteria=()):
    """Criteria the product cannot check: the text that sets them, where a federation types them, a check by hand.

    Written instead of a guess where the regulation's words were not at hand: a federation lists its
    criteria in the rule set's `criteria`, and the proposal shows them to the council to check.
    """
    if not criteria:
        return Result(
            "",
            WARN,
            _("Criteria as set by %(source)s — not entered yet: configure them at %(where)s, and check them by hand.")
            % {"source": source, "where": where},
        )
    return Result(
        "",
        WARN,
        _("Criteria as set by %(source)s (configured at %(where)s), to check by hand: %(list)s")
        % {"source": source, "where": where, "list": "; ".join(criteria)},
        list(criteria),
    )


@rule("held_in_cycle")
def held_in_cycle(ctx, every=5, first=2008):
    """An award given only in some years: every `every` years from `first` (the Nguyễn Đức Cảnh prize)."""
    offset = (ctx.year - first) % every
    following = ctx.year + (every - offset) % every if ctx.year >= first else first
    return _ok(
        ctx.year >= first and offset == 0,
        _("%(year)s is a year in which this award is given (every %(n)s years).") % {"year": ctx.year, "n": every},
        _("This award is given every %(n)s years; the next time is %(next)s.") % {"n": every, "next": following},
    )
