"""The rollup table and the live count agree on every metric, scope and standard period, and stay so after writes."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from awards.models import Award, AwardType, Decision
from awards.services import register, revocations
from campaigns.models import Initiative
from reports import award_totals, figures, periods, rollups, selectors
from reports import metrics as m
from reports.models import MetricRollup, RollupState
from tests.factories import MemberFactory, add_org
from unions import services as union_services
from unions.models import Member, Organization
from unions.signals import owned_rows_changed

Y = 2025


@pytest.fixture
def richer(data):
    """Edge cases of time: a member leaving mid-year, one joining in November, one with no join date,
    a dissolved union, a verified initiative, a decision issued above the districts."""
    world = data
    MemberFactory(
        organization=world.union_a1, joined_on=datetime.date(2020, 1, 1), left_on=datetime.date(Y, 6, 15), status="left"
    )
    MemberFactory(organization=world.union_a2, joined_on=datetime.date(Y, 11, 30), gender="female")
    MemberFactory(organization=world.union_b1, joined_on=None)
    MemberFactory(
        organization=world.union_b1,
        joined_on=datetime.date(2019, 5, 1),
        left_on=datetime.date(2018, 1, 1),
        status="left",
    )  # inconsistent dates: alive on no day, in both paths
    gone = add_org(world.district_b, "grassroots", "Công đoàn đã giải thể")
    Organization.objects.filter(pk=gone.pk).update(
        founded_on=datetime.date(2010, 1, 1), dissolved_on=datetime.date(Y, 4, 30)
    )
    i = Initiative.objects.filter(organization=world.union_a1).first()
    Initiative.objects.filter(pk=i.pk).update(
        status="applied", verified_benefit=7_000_000, verified_on=datetime.date(Y, 10, 1)
    )
    Decision.objects.create(
        number="1/QĐ-LĐLĐ",
        signed_on=datetime.date(Y - 1, 12, 20),
        issuer=world.city,
        issuer_name=world.city.name,
        signer_name="A",
        signer_title="Chủ tịch",
    )
    # Awards from every kind of issuer, seen from each scope: the scope itself, a level above, a unit below,
    # another province or another district, outside the union.
    other = add_org(world.root, "provincial_federation", "Liên đoàn Lao động thành phố Đà Nẵng", code="DN")
    other_union = add_org(add_org(other, "district_federation", "Liên đoàn Lao động quận Hải Châu"), "grassroots", "X")
    person = world.member_a1
    for n, (issuer, subject, code, day) in enumerate(
        (
            (world.root, person, "BK_TLD_CN", datetime.date(Y, 2, 1)),
            (world.root, world.district_b, "CO_TLD", datetime.date(Y, 8, 1)),
            (world.city, person, "BK_LDLD_CN", datetime.date(Y, 3, 1)),
            (world.city, other_union, "BK_LDLD_TT", datetime.date(Y, 9, 1)),
            (world.district_a, person, "GK_CD_CN", datetime.date(Y, 4, 1)),
            (world.district_a, world.union_b1, "GK_CD_TT", datetime.date(Y, 10, 1)),
            (other, person, "CSTD_TINH", datetime.date(Y, 5, 1)),
            (None, person, "BK_UBND", datetime.date(Y, 5, 5)),
        )
    ):
        decision = Decision.objects.create(
            number=f"{n}/QĐ-X",
            signed_on=day,
            issuer=issuer,
            issuer_name=issuer.name if issuer else "Ủy ban nhân dân thành phố Hà Nội",
            signer_name="A",
            signer_title="Chủ tịch",
        )
        member = subject if isinstance(subject, Member) else None
        Award.objects.create(
            award_type=AwardType.objects.get(code=code),
            organization=member.organization if member else subject,
            member=member,
            year=day.year,
            decision=decision,
        )
    return world


def _scopes():
    return list(Organization.objects.filter(depth__lte=rollups.max_depth()).order_by("path"))


def _assert_agree(scopes, period_list):
    for scope in scopes:
        for period in period_list:
            stored = rollups.values(scope, period)
            live = {code: metric.value(scope, period) for code, metric in m.REGISTRY.items()}
            assert stored == live, (scope.name, period.code)
            assert rollups.awards_by_type(scope, period) == m.awards_by_type(scope, period), (scope.name, period.code)
            assert_received_agree(scope, period)
            per_child = rollups.children_values(scope, period, m.CHILD_COLUMNS)
            for code in m.CHILD_COLUMNS:
                live_children = {
                    path: v for path, v in m.REGISTRY[code].by_child(scope, period).items() if path != scope.path and v
                }
                stored_children = {path: row[code] for path, row in per_child.items() if row.get(code)}
                assert stored_children == live_children, (scope.name, period.code, code)


def assert_received_agree(scope, period):
    """The awards received by type, issuer class and kind: the table says what the live count says."""

    def summed(rows):
        out: dict[tuple[str, str], tuple[int, int]] = {}
        for type_code, issuer, collective, individual in rows:
            c, i = out.get((type_code, issuer), (0, 0))
            out[type_code, issuer] = (c + collective, i + individual)
        return out

    live = summed((t.code, issuer, c, i) for t, issuer, c, i in award_totals.received_live(scope, period))
    assert summed(rollups.awards_received(scope, period)) == live, (scope.name, period.code)


def test_rollup_equals_live_for_every_metric_scope_and_period(richer):
    rows = rollups.rebuild()
    assert rows > 0
    standard = periods.standard(timezone.localdate())
    assert {periods.year(Y).code, periods.term(2023, 2028).code} <= {p.code for p in standard}
    _assert_agree(_scopes(), standard)
    # The figures above are not all zero: the comparison has something to compare.
    district_a = richer.district_a
    assert rollups.values(district_a, periods.year(Y))["members"] == 5
    assert rollups.values(district_a, periods.half(Y, 1))["members"] == 4  # the November joiner not yet
    assert rollups.values(richer.district_b, periods.year(Y))["grassroots"] == 1
    assert rollups.values(richer.city, periods.year(Y))["initiatives_verified_value"] == 7_000_000
    # Every issuer class is there to compare, in the city's year.
    classes = {issuer for _t, issuer, _c, _i in rollups.awards_received(richer.city, periods.year(Y))}
    assert classes == {"own", "above", "below", "other", "outside"}


def test_rollup_equals_live_three_levels_deep(richer, settings):
    """With districts in the table too, an issuer two levels above or in a sibling district is told apart."""
    settings.ROLLUP_MAX_DEPTH = 3
    rollups.rebuild()
    _assert_agree(_scopes(), [periods.year(Y), periods.half(Y, 1), periods.year(Y - 1)])
    received = {(t, issuer) for t, issuer, _c, _i in rollups.awards_received(richer.district_a, periods.year(Y))}
    assert ("BK_TLD_CN", "above") in received and ("BK_LDLD_CN", "above") in received
    assert ("GK_CD_CN", "own") in received
    b = {(t, issuer) for t, issuer, _c, _i in rollups.awards_received(richer.district_b, periods.year(Y))}
    assert ("GK_CD_TT", "other") in b and ("CO_TLD", "above") in b


def test_writes_refresh_their_branch_and_ancestors(richer, django_capture_on_commit_callbacks):
    """Writes through the services (which announce their owners) refresh the table at commit, no rebuild."""
    rollups.rebuild()
    year = periods.year(Y)
    before = rollups.values(richer.root, year)["awards_individual"]
    member = MemberFactory(organization=richer.union_b1, joined_on=datetime.date(2020, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        register.external_award_record(
            actor=richer.officer_union_b1,
            award_type=AwardType.objects.get(code="BK_UBND"),
            year=Y,
            member=member,
            number="125/QĐ-UBND",
            signed_on=datetime.date(Y, 4, 28),
            issuer_name="Ủy ban nhân dân thành phố Hà Nội",
            signer_name="A",
            signer_title="Chủ tịch",
        )
    assert rollups.values(richer.root, year)["awards_individual"] == before + 1
    with django_capture_on_commit_callbacks(execute=True):
        revocations.award_revoke(
            actor=richer.admin,
            award=Award.objects.filter(
                organization=richer.union_a1, year=Y, member__isnull=False, status="valid"
            ).first(),
            ground="a",
            decision_number="3/QĐ",
            decided_on=datetime.date(Y, 12, 30),
        )
    assert rollups.values(richer.root, year)["awards_individual"] == before
    with django_capture_on_commit_callbacks(execute=True):  # decisions owned above the branches: root and city
        register.awards_import(
            actor=richer.admin,
            organization=richer.city,
            rows=[
                register.PastAward(
                    award_type=AwardType.objects.get(code=code),
                    year=Y,
                    organization=richer.union_a2,
                    number=f"9/QĐ-{issuer.pk}",
                    signed_on=datetime.date(Y, 3, 3),
                    issuer=issuer,
                    issuer_name=issuer.name,
                )
                for code, issuer in (("TTLDTT", richer.root), ("TTLDXS", richer.city))
            ],
        )
    assert rollups.values(richer.root, year)["decisions"] == m.REGISTRY["decisions"].value(richer.root, year) > 0
    _assert_agree(_scopes(), [year, periods.half(Y, 2), periods.term(2023, 2028)])


def test_moving_a_union_moves_its_figures(richer, django_capture_on_commit_callbacks):
    rollups.rebuild()
    year = periods.year(Y)
    with django_capture_on_commit_callbacks(execute=True):
        union_services.organization_move(
            actor=richer.admin,
            organization=richer.union_a2,
            new_parent=richer.district_b,
            happened_on=datetime.date(Y, 12, 1),
            decision_number="5/QĐ",
        )
    _assert_agree(_scopes(), [year])
    assert rollups.values(richer.district_b, year)["grassroots"] == 2  # union_b1 and the moved union_a2


def test_large_scopes_read_the_table(client, richer):
    """The dashboard of a province shows what the table holds (here a planted value)."""
    rollups.rebuild()
    code = periods.year(Y).code
    MetricRollup.objects.update_or_create(
        organization=richer.city, period=code, code="members", defaults={"value": 987_654}
    )
    assert figures.values(richer.city, periods.year(Y), ["members"]) == {"members": 987_654}
    client.force_login(richer.leader_city)
    page = client.get(reverse("reports:dashboard"), {"org": richer.city.pk, "period": code})
    assert "987.654" in page.content.decode()
    # A custom range is not in the table: counted live.
    custom = periods.Period("range", datetime.date(Y, 2, 3), datetime.date(Y, 11, 4))
    assert not rollups.covers(richer.city, custom)
    # A district and its unions are below the rolled-up levels: counted live.
    assert not rollups.covers(richer.district_a, periods.year(Y))
    assert not rollups.covers(richer.union_a1, periods.year(Y))


def test_a_table_of_an_older_release_is_not_read_until_rebuilt(richer):
    """A release that adds codes (here the awards received by issuer) would read zeros from a table built before
    it: such a table is not read, figures are counted live, until the next rebuild."""
    rollups.rebuild()
    RollupState.objects.update(layout=rollups.LAYOUT - 1)
    city = Organization.objects.get(pk=richer.city.pk)
    assert not rollups.covers(city, periods.year(Y))
    assert rollups.refresh([richer.union_a1.path]) == 0
    assert award_totals.award_totals(city, periods.year(Y)) == award_totals.award_totals(
        city, periods.year(Y), live=True
    )
    call_command("rebuild_rollups", stdout=io.StringIO())
    assert rollups.covers(Organization.objects.get(pk=richer.city.pk), periods.year(Y))


def test_nothing_is_read_before_a_first_rebuild(richer):
    assert not rollups.covers(richer.root, periods.year(Y))
    assert rollups.refresh([richer.union_a1.path]) == 0
    # What the operator runs after a data migration (README): the whole table, at once.
    out = io.StringIO()
    call_command("rebuild_rollups", stdout=out)
    root = Organization.objects.get(pk=richer.root.pk)  # covers() remembers its answer on the object
    assert rollups.covers(root, periods.year(Y)) and int(out.getvalue().split()[0]) > 0
    _assert_agree([richer.root], [periods.year(Y)])


def test_an_import_of_1000_members_refreshes_the_province_figures(client, richer, django_capture_on_commit_callbacks):
    """Imports write in bulk (no post_save): the import service announces its paths, once for the whole file, so
    the rollups of the city and the country follow at commit, and the province dashboard shows the new members
    without the nightly rebuild."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    from unions.importers import member_files as imports
    from unions.services import import_batches

    rollups.rebuild()
    today = timezone.localdate()
    year = periods.year(today.year)
    assert rollups.covers(richer.city, year)  # the province dashboard reads the table, not a live count
    before = rollups.values(richer.city, year)["members"]
    shown_before = {f["code"]: f["value"] for f in selectors.headline(richer.city, year)}["members"]
    assert shown_before == before
    wb = Workbook()
    ws = wb.active
    ws.append(["Họ và tên", "Giới tính", "Ngày vào công đoàn"])
    for i in range(1000):
        ws.append(
            [
                f"Đoàn Thị {chr(65 + i % 26)}{chr(65 + i // 26 % 26)}{chr(65 + i // 676)}",
                "Nữ",
                datetime.date(today.year, 1, 2),
            ]
        )
    buffer = io.BytesIO()
    wb.save(buffer)
    batch = imports.batch_create(
        actor=richer.officer_union_a1,
        organization=richer.union_a1,
        upload=SimpleUploadedFile("ds.xlsx", buffer.getvalue()),
    )
    assert batch.status == "previewed", (batch.message, batch.errors[:3])
    import_batches.batch_confirm(actor=richer.officer_union_a1, batch=batch)
    heard = []
    owned_rows_changed.connect(lambda sender, paths, **kw: heard.append(paths), weak=False, dispatch_uid="heard-1000")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert import_batches.batch_run(batch.pk).created_count == 1000
    finally:
        owned_rows_changed.disconnect(dispatch_uid="heard-1000")
    assert [richer.union_a1.path in paths for paths in heard] == [True]  # one announcement, one refresh
    assert rollups.values(richer.city, year)["members"] == before + 1000
    assert rollups.values(richer.root, year)["members"] == m.REGISTRY["members"].value(richer.root, year)
    # What the leader of the province reads: the dashboard selector and the page.
    shown = {f["code"]: f["value"] for f in selectors.headline(richer.city, year)}["members"]
    assert shown == before + 1000
    children = {row["org"]: row["members"] for row in selectors.children(richer.leader_city, richer.city, year)}
    assert children[richer.district_a] == m.REGISTRY["members"].value(richer.district_a, year)
    client.force_login(richer.leader_city)
    page = client.get(reverse("reports:dashboard"), {"org": richer.city.pk, "period": year.code})
    assert f"{before + 1000:,}".replace(",", ".") in page.content.decode()
    # Every figure a page reads (the table for the root and the city, a live count below) equals the registry's
    # live value, for every metric, scope and period of the table.
    for scope in Organization.objects.all():
        for period in periods.standard(today):
            live = {code: metric.value(scope, period) for code, metric in m.REGISTRY.items()}
            assert figures.values(scope, period, list(m.REGISTRY)) == live, (scope.name, period.code)
