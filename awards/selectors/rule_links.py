"""Where the data a rule reads is entered: a failed rule on a proposal line links to that page.

Built from what the line already holds (its subject and union, the proposal's year): no query.
"""

from urllib.parse import urlencode

from core.row_urls import row_url

# Rule name → the page where its data is entered.
RATINGS, MEMBER, DISCIPLINE, INITIATIVES, RESEARCH, REGISTER = (
    "ratings",
    "member",
    "discipline",
    "initiatives",
    "research",
    "register",
)
RULE_PAGES = {
    "rating_at_least": RATINGS,
    "rating_in_consecutive_years": RATINGS,
    "all_members_rating_at_least": RATINGS,
    "max_absent_days": RATINGS,  # leave by kind is entered on the grid, beside the rating
    "min_months_worked": MEMBER,  # the employment dates
    "min_service_years": MEMBER,  # the joining date
    "member_is_woman": MEMBER,
    "no_discipline_in_year": DISCIPLINE,
    "no_open_case": DISCIPLINE,
    "nobody_disciplined": DISCIPLINE,
    "initiative_recognised": INITIATIVES,
    "one_of": INITIATIVES,  # the alternatives of CSTĐCS: an initiative, HTXS or research
    "research_accepted": RESEARCH,
    "title_in_consecutive_years": REGISTER,
    "once_per_person": REGISTER,
    "no_same_level_conflict": REGISTER,
    "share_of_members_with_title": REGISTER,
    "members_with_title_at_least": REGISTER,
}


def _url(name, **query):
    url = row_url(name)
    return f"{url}?{urlencode(query)}" if query else url


def rule_page(line, rule, year):
    """The address where the data of `rule` for this line's subject is entered, or "" when there is none."""
    page = RULE_PAGES.get(rule)
    if page == RATINGS:
        return _url("awards:ratings", organization=line.organization_id, year=year)
    if page == MEMBER:
        return row_url("unions:member_edit", line.member_id) if line.member_id else ""
    if page == DISCIPLINE:
        return _url("awards:discipline_list")
    if page == INITIATIVES:
        return _url("initiatives:initiative_list")
    if page == RESEARCH:
        return _url("initiatives:research_list")
    if page == REGISTER:
        query = {"organization": line.organization_id}
        if line.member_id:
            query["q"] = line.member.full_name
        return _url("awards:award_list", **query)
    return ""


def with_reasons(lines, year):
    """Give each line `reasons`: its results other than passes, each with the page where its data is entered."""
    for line in lines:
        line.reasons = [
            {**result, "url": rule_page(line, result["rule"], year) if result["status"] != "pass" else ""}
            for result in line.eligibility
            if result["status"] != "pass"
        ]
    return lines
