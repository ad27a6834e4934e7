"""A report ready reaches the leaders over its organisation and whoever asked, as the kind "report ready"."""

from django.urls import reverse

from notifications.kinds import Kind
from notifications.models import Notification
from reports import builder, periods, services
from tests.factories import UserFactory, role


def test_report_ready_reaches_leaders_over_it_and_the_asker_only(
    world, award_catalogue, django_capture_on_commit_callbacks
):
    leader_b = UserFactory(username="leader_district_b")
    role(leader_b, world.district_b, "leader")
    run = services.report_request(
        actor=world.staff_district_a, organization=world.district_a, period=periods.year(2024)
    )
    with django_capture_on_commit_callbacks(execute=True):
        builder.build(run.pk)
    notes = Notification.objects.filter(kind=Kind.REPORT_READY)
    assert sorted(notes.values_list("user__username", flat=True)) == ["leader_city", "staff_district_a"]
    assert {n.link for n in notes} == {reverse("reports:report_detail", args=[run.pk])}
