"""Each user's choice per kind decides how a notification reaches them; the daily digest gathers the rest."""

import pytest

from notifications import services
from notifications.kinds import DEFAULTS, Delivery, Kind
from notifications.models import Notification, Preference
from tests.factories import UserFactory


@pytest.fixture
def person(db):
    return UserFactory(username="lan", email="lan@example.vn")


def send(user, key, kind=Kind.PROPOSAL_RETURNED):
    return services.notify(user=user, key=key, title=f"Tiêu đề {key}", body="Nội dung", link="/proposals/7/", kind=kind)


def test_default_is_email_at_once_for_what_is_addressed_to_you(person, mailoutbox):
    assert DEFAULTS[Kind.PROPOSAL_RETURNED] == Delivery.EMAIL
    note = send(person, "a")
    assert note.kind == Kind.PROPOSAL_RETURNED and note.emailed_at is not None
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["lan@example.vn"]
    assert "/proposals/7/" in mailoutbox[0].body


def test_in_app_only_sends_no_mail(person, mailoutbox):
    services.preferences_set(actor=person, choices={Kind.PROPOSAL_RETURNED: Delivery.APP})
    assert send(person, "a") is not None
    assert Notification.objects.filter(user=person).count() == 1 and mailoutbox == []


def test_off_sends_nothing_and_only_for_that_kind(person, mailoutbox):
    services.preferences_set(actor=person, choices={Kind.PROPOSAL_RETURNED: Delivery.OFF})
    assert send(person, "a") is None
    assert send(person, "b", kind=Kind.DECISION_ISSUED) is not None
    assert list(Notification.objects.values_list("key", flat=True)) == ["b"]
    assert len(mailoutbox) == 1


def test_a_choice_equal_to_the_default_keeps_no_row(person):
    services.preferences_set(actor=person, choices={Kind.PROPOSAL_RETURNED: Delivery.DIGEST})
    assert Preference.objects.filter(user=person).count() == 1
    services.preferences_set(actor=person, choices={Kind.PROPOSAL_RETURNED: Delivery.EMAIL})
    assert not Preference.objects.filter(user=person).exists()


def test_digest_gathers_the_days_items_in_one_mail_once(person, mailoutbox):
    other = UserFactory(username="minh", email="minh@example.vn")
    for user in (person, other):
        services.preferences_set(actor=user, choices=dict.fromkeys(Kind, Delivery.DIGEST))
    send(person, "a")
    send(person, "b", kind=Kind.DECISION_ISSUED)
    send(other, "c")
    assert mailoutbox == []  # nothing at once
    assert services.digest_send() == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["lan@example.vn", "minh@example.vn"]
    mine = next(m for m in mailoutbox if m.to == ["lan@example.vn"])
    assert "Tiêu đề a" in mine.body and "Tiêu đề b" in mine.body and "Tiêu đề c" not in mine.body
    assert not Notification.objects.filter(in_digest=True).exists()
    assert services.digest_send() == 0 and len(mailoutbox) == 2  # the next day: nothing again


def test_digest_items_stay_in_the_bell(person):
    services.preferences_set(actor=person, choices={Kind.PROPOSAL_RETURNED: Delivery.DIGEST})
    send(person, "a")
    services.digest_send()
    assert Notification.objects.get(user=person).read_at is None
