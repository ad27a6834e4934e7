"""The settings page: each signed-in user sets their own choices, nobody else's (matrix row: self)."""

from django.urls import reverse

from notifications.kinds import DEFAULTS, Delivery, Kind
from notifications.models import Preference
from notifications.selectors import preferences_for

URL = reverse("notifications:preferences")


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_user_saves_their_own_choices_only(client, world):
    client.force_login(world.officer_union_a1)
    page = client.get(URL)
    assert page.status_code == 200
    assert page.context["form"].initial == {} and page.context["form"][Kind.DECISION_ISSUED].initial == "email"
    data = {k.value: DEFAULTS[k].value for k in Kind}
    data[Kind.DECISION_ISSUED] = Delivery.DIGEST
    data[Kind.COUNCIL_RECORDED] = Delivery.OFF
    response = client.post(URL, data)
    assert response.status_code == 302
    assert preferences_for(world.officer_union_a1)[Kind.DECISION_ISSUED] == Delivery.DIGEST
    assert preferences_for(world.officer_union_a1)[Kind.COUNCIL_RECORDED] == Delivery.OFF
    assert set(Preference.objects.values_list("user__username", flat=True)) == {"officer_union_a1"}
    assert preferences_for(world.staff_district_a)[Kind.DECISION_ISSUED] == Delivery.EMAIL


def test_an_unknown_choice_is_refused(client, world):
    client.force_login(world.officer_union_a1)
    data = {k.value: DEFAULTS[k].value for k in Kind}
    data[Kind.DECISION_ISSUED] = "sms"
    response = client.post(URL, data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not Preference.objects.exists()
