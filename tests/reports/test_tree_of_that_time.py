"""Figures of a period count each unit under the parent it had on the period's last day (issue 17, point 5).

After the reform of 1/7/2025 a district federation is dissolved and its grassroots unions handed to a commune
union: the district's term report 2018–2023, rebuilt afterwards, still says what it said; the commune's does
not take the district's history; the rollup table and the live count keep agreeing through moves, mergers and
dissolutions.
"""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from awards.models import Award, AwardType, Decision, Proposal
from campaigns.models import Campaign, CampaignLaunch, Registration
from reports import award_totals, breakdowns, builder, figures, periods, rollups, selectors, services
from reports import metrics as m
from reports.models import MetricSnapshot
from tests.awards import helpers as h
from tests.factories import MemberFactory, add_org
from unions import placement
from unions import services as union_services
from unions.models import Organization, ParentChange

REFORM = datetime.date(2025, 7, 1)
TERM = periods.term(2018, 2023)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def fresh(org):
    """A new object: placements and rollup coverage are remembered on the scope object, as within a page."""
    return Organization.objects.get(pk=org.pk)


_numbers = iter(range(1, 10_000))


def decided(issuer, day, subject, code):
    decision = Decision.objects.create(
        number=f"{next(_numbers)}/QĐ",
        signed_on=day,
        issuer=issuer,
        issuer_name=issuer.name,
        signer_name="Nguyễn Văn Vinh",
        signer_title="Chủ tịch",
    )
    member = subject if not isinstance(subject, Organization) else None
    org = subject if member is None else subject.organization
    return Award.objects.create(
        award_type=AwardType.objects.get(code=code), organization=org, member=member, year=day.year, decision=decision
    )


@pytest.fixture
def history(world, award_catalogue):
    """District A's term 2018–2023: members, awards decided 2019–2023 by the district and the city, launches,
    registrations, initiatives, a proposal; district B's alongside (never counted for A); the commune union that
    takes district A's units over in 2025."""
    w = world
    w.commune = add_org(w.city, "commune_union", "Công đoàn phường Xuân Đỉnh", code="HN-XD")
    campaign = Campaign.objects.create(
        code="C",
        name="Phong trào",
        kind="annual",
        organizer=w.city,
        year=2019,
        start_on=datetime.date(2019, 1, 1),
        end_on=datetime.date(2023, 12, 31),
        registration_deadline=datetime.date(2019, 3, 1),
        titles=["A"],
        status="launched",
        launched_on=datetime.date(2019, 1, 5),
    )
    for i, union in enumerate((w.union_a1, w.union_a2, w.union_b1)):
        people = [
            MemberFactory(organization=union, joined_on=datetime.date(2015, 3, 1), gender="female")
            for _ in range(3 + i)
        ]
        MemberFactory(organization=union, joined_on=datetime.date(2020, 5, 1))
        for year in range(2019, 2024):
            decided(
                w.district_a if union != w.union_b1 else w.district_b,
                datetime.date(year, 11, 20),
                people[year % len(people)],
                "CNG_Q",
            )
            Registration.objects.create(
                campaign=campaign,
                year=year,
                organization=union,
                title="A",
                status="achieved" if year % 2 else "registered",
            )
        decided(w.city, datetime.date(2021, 4, 2), people[0], "BK_LDLD_CN")
        decided(w.district_a if union != w.union_b1 else w.district_b, datetime.date(2022, 12, 1), union, "GK_CD_TT")
        CampaignLaunch.objects.create(
            campaign=campaign, organization=union, launched_on=datetime.date(2020, 2, 1), participants=3
        )
        h.initiative(people[1], 2021, "grassroots")
        Proposal.objects.create(
            title="Đề nghị", from_org=union, to_org=Organization.objects.get_parent(union), year=2022, status="decided"
        )
    decided(w.city, datetime.date(2023, 1, 15), w.district_a, "BK_LDLD_TT")  # the district's own award
    decided(w.root, datetime.date(2020, 6, 1), w.union_a2, "BK_TLD_TT")
    return w


def build(world, scope, period):
    return builder.build(services.report_request(actor=world.admin, organization=scope, period=period).pk)


def frozen(run):
    """{(code, child organisation id or ''): value} of a run: children named by identity, not by path."""
    ids = dict(Organization.objects.values_list("path", "id"))
    return {(s.code, ids[s.child] if s.child else ""): s.value for s in MetricSnapshot.objects.filter(run=run)}


def dissolve(world, district, successor):
    return union_services.organization_dissolve(
        actor=world.admin,
        organization=district,
        happened_on=REFORM,
        decision_number="1520/QĐ-LĐLĐ",
        successor=successor,
    )


def test_a_term_report_rebuilt_after_the_reform_equals_the_one_built_before(history):
    w = history
    first = build(w, fresh(w.district_a), TERM)
    before = frozen(first)
    # The report has something to compare: every section holds figures.
    assert before["members", ""] == 11 and before["grassroots", ""] == 2
    assert before["awards_individual", ""] == 12 and before["awards_collective", ""] == 4
    assert before["members", w.union_a1.pk] == 5 and before["members", w.union_a2.pk] == 6
    assert before["registrations", ""] == 10 and before["proposals:decided", ""] == 2
    assert before["total:own:giay khen:collective", ""] == 2
    assert {code for code, _child in before if code.startswith("type:")} >= {"type:CNG_Q", "type:BK_TLD_TT"}

    dissolve(w, fresh(w.district_a), fresh(w.commune))
    assert set(ParentChange.objects.values_list("organization", "old_parent", "new_parent", "happened_on")) == {
        (w.union_a1.pk, w.district_a.pk, w.commune.pk, REFORM),
        (w.union_a2.pk, w.district_a.pk, w.commune.pk, REFORM),
    }
    # The units and their rows now carry the commune's paths.
    assert Organization.objects.get(pk=w.union_a1.pk).path.startswith(w.commune.path)

    services.report_rebuild(actor=w.admin, run=first)
    rebuilt = builder.build(first.pk)
    assert rebuilt.status == "done" and rebuilt.rebuilt_by == w.admin
    assert frozen(rebuilt) == before
    # "By unit" names the children the district had then, now under the commune.
    with rebuilt.excel.open("rb") as f:
        units = load_workbook(io.BytesIO(f.read())).worksheets[1]
    names = sorted(row[0] for row in units.iter_rows(min_row=2, values_only=True))
    assert names == sorted([w.union_a1.name, w.union_a2.name])
    assert "4 lượt tập thể và 12 lượt cá nhân được các cấp công đoàn biểu dương khen thưởng" in rebuilt.narrative

    # The same figures live, from the registry and the breakdowns, and on the dashboard's rows.
    district = fresh(w.district_a)
    for code, metric in m.REGISTRY.items():
        assert metric.value(district, TERM) == before[code, ""], code
    totals = award_totals.snapshot_codes(award_totals.award_totals(district, TERM))
    assert totals == {code: v for (code, child), v in before.items() if code.startswith("total:") and not child}
    rows = selectors.children(w.admin, district, TERM)
    assert {row["org"].pk: row["members"] for row in rows} == {w.union_a1.pk: 5, w.union_a2.pk: 6}


def test_the_commune_does_not_take_the_districts_history_but_counts_what_it_holds_now(history):
    w = history
    dissolve(w, fresh(w.district_a), fresh(w.commune))
    commune = fresh(w.commune)
    old = build(w, commune, TERM)
    snap = frozen(old)
    assert {k: v for k, v in snap.items() if v} == {}
    assert award_totals.award_totals(commune, TERM) == [] and breakdowns.awards_by_level(commune, TERM) == []
    assert list(placement.children_at(commune, TERM.end)) == []
    # The city's term figure is the same either way: the units stayed inside it.
    city_before = {code: metric.value(fresh(w.city), TERM) for code, metric in m.REGISTRY.items()}
    assert city_before["members"] == 11 + 7

    # After the reform the commune counts the units it holds, and the dissolved district nothing.
    member = MemberFactory(organization=fresh(w.union_a1), joined_on=datetime.date(2026, 2, 1))
    decided(fresh(w.commune), datetime.date(2026, 5, 4), member, "CNG_Q")
    year = periods.year(2026)
    now = frozen(build(w, fresh(w.commune), year))
    assert now["members", ""] == 12 and now["grassroots", ""] == 2 and now["awards_individual", ""] == 1
    assert now["members", w.union_a1.pk] == 6 and now["members", w.union_a2.pk] == 6
    assert m.REGISTRY["members"].value(fresh(w.district_a), year) == 0
    assert m.REGISTRY["grassroots"].value(fresh(w.district_a), year) == 0


def test_a_union_moved_between_districts_counts_under_each_in_its_own_time(history):
    w = history
    rollups.rebuild()
    moved_on = datetime.date(2024, 7, 1)
    union_services.organization_move(
        actor=w.admin,
        organization=fresh(w.union_a2),
        new_parent=fresh(w.district_b),
        happened_on=moved_on,
        decision_number="7/QĐ",
    )
    assert list(ParentChange.objects.values_list("organization", "old_parent", "new_parent", "happened_on")) == [
        (w.union_a2.pk, w.district_a.pk, w.district_b.pk, moved_on)
    ]
    rollups.rebuild()  # what the commit's refresh does; the table now holds today's tree
    before, after = periods.year(2023), periods.year(2025)
    members_a2 = 6
    # The district pages (counted live): headline figures and rows.
    for period, a_has_it in ((before, True), (after, False)):
        a, b = fresh(w.district_a), fresh(w.district_b)
        shown_a = {f["code"]: f["value"] for f in selectors.headline(a, period)}
        shown_b = {f["code"]: f["value"] for f in selectors.headline(b, period)}
        assert shown_a["members"] == 5 + (members_a2 if a_has_it else 0), period.code
        assert shown_b["members"] == 7 + (0 if a_has_it else members_a2), period.code
        assert shown_a["grassroots"] == (2 if a_has_it else 1) and shown_b["grassroots"] == (1 if a_has_it else 2)
        rows_a = {row["org"].pk for row in selectors.children(w.admin, a, period)}
        rows_b = {row["org"].pk for row in selectors.children(w.admin, b, period)}
        assert (w.union_a2.pk in rows_a, w.union_a2.pk in rows_b) == (a_has_it, not a_has_it), period.code
    # The first half of 2024 ends before the move; the second half after it.
    assert m.REGISTRY["members"].value(fresh(w.district_a), periods.half(2024, 1)) == 11
    assert m.REGISTRY["members"].value(fresh(w.district_a), periods.half(2024, 2)) == 5
    # The city's page reads the table; its rows by district are regrouped live for the year before.
    city = fresh(w.city)
    assert rollups.covers(city, before) and not rollups.covers_children(city, before)
    rows = {row["org"].pk: row for row in selectors.children(w.admin, city, before)}
    assert rows[w.district_a.pk]["members"] == 11 and rows[w.district_b.pk]["members"] == 7
    assert (
        rows[w.district_a.pk]["awards_individual"]
        == m.REGISTRY["awards_individual"].value(fresh(w.district_a), before)
        == 2
    )
    rows = {row["org"].pk: row for row in selectors.children(w.admin, fresh(w.city), after)}
    assert rows[w.district_a.pk]["members"] == 5 and rows[w.district_b.pk]["members"] == 13


def _agree(scopes, period_list):
    """Every figure the same by each path; returns how many scope × period were counted in the dashboard's
    grouped pass (below the table)."""
    grouped = 0
    for scope_id in scopes:
        for period in period_list:
            scope = Organization.objects.get(pk=scope_id)
            live = {code: metric.value(scope, period) for code, metric in m.REGISTRY.items()}
            assert figures.values(scope, period, list(m.REGISTRY)) == live, (scope.name, period.code)
            assert figures.awards_by_type(scope, period) == m.awards_by_type(scope, period), (scope.name, period.code)
            assert award_totals.award_totals(scope, period) == award_totals.award_totals(
                Organization.objects.get(pk=scope_id), period, live=True
            ), (scope.name, period.code)
            shown = figures.by_child(scope, period, m.CHILD_COLUMNS)
            for code in m.CHILD_COLUMNS:
                live_children = {
                    p: v for p, v in m.REGISTRY[code].by_child(scope, period).items() if p != scope.path and v
                }
                table = {p: v for p, v in shown[code].items() if p != scope.path and v}
                assert table == live_children, (scope.name, period.code, code)
            # The dashboard's one pass: below the table, the scope's figures are summed from rows grouped by child.
            ahead = Organization.objects.get(pk=scope_id)
            selectors.count_ahead(ahead, period)
            assert figures.values(ahead, period, m.HEADLINE) == {c: live[c] for c in m.HEADLINE}, (scope.name,)
            assert figures.values(ahead, period, m.CHILD_COLUMNS) == {c: live[c] for c in m.CHILD_COLUMNS}
            ahead_children = figures.by_child(ahead, period, m.CHILD_COLUMNS)
            for code in m.CHILD_COLUMNS:
                table = {p: v for p, v in ahead_children[code].items() if p != scope.path and v}
                live_children = {
                    p: v for p, v in m.REGISTRY[code].by_child(scope, period).items() if p != scope.path and v
                }
                assert table == live_children, ("ahead", scope.name, period.code, code)
            grouped += bool(ahead.__dict__.get("_live_columns"))
    return grouped


def test_registry_and_rollups_agree_through_a_move_a_merge_and_a_dissolution(
    history, django_capture_on_commit_callbacks
):
    """Every metric × scope × standard period, after each change of the tree (the table refreshed at commit)."""
    w = history
    w.city2 = add_org(w.root, "provincial_federation", "Liên đoàn Lao động tỉnh Phú Thọ", code="PT")
    today = timezone.localdate()
    standard = {p.code: p for p in periods.standard(today)}
    wanted = [periods.year(y) for y in (2019, 2022, 2023, 2024, 2025, today.year)]
    wanted += [periods.half(today.year - 1, 1), periods.half(today.year - 1, 2), periods.term(2018, 2023)]
    assert all(p.code in standard for p in wanted)
    scopes = [w.root.pk, w.city.pk, w.city2.pk, w.district_a.pk, w.district_b.pk, w.commune.pk, w.union_a1.pk]
    rollups.rebuild()
    steps = [
        # district B leaves the city for another province: the city's past figures change, not only its rows.
        lambda: union_services.organization_move(
            actor=w.admin,
            organization=fresh(w.district_b),
            new_parent=fresh(w.city2),
            happened_on=datetime.date(2023, 7, 1),
            decision_number="2/QĐ",
        ),
        lambda: union_services.organization_merge(
            actor=w.admin,
            organization=fresh(w.union_a2),
            into=fresh(w.union_a1),
            happened_on=datetime.date(2024, 3, 1),
            decision_number="3/QĐ",
        ),
        lambda: dissolve(w, fresh(w.district_a), fresh(w.commune)),
    ]
    exercised = set()
    for step in steps:
        with django_capture_on_commit_callbacks(execute=True):
            step()
        assert _agree(scopes, wanted)
        for period in wanted:
            city = fresh(w.city)
            if not rollups.covers(city, period) and period.code in standard:
                exercised.add(period.code)
    # The table holds today's tree: for the years before district B left, the city's figures were counted live.
    assert periods.year(2022).code in exercised and periods.year(today.year).code not in exercised
    city = fresh(w.city)
    assert rollups.values(city, periods.year(2022))["members"] != m.REGISTRY["members"].value(city, periods.year(2022))
