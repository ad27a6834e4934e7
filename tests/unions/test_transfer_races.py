"""Two officers asking to transfer the same member at the same moment: one request, and a message for the other."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from tests.factories import UserFactory, role
from unions.models import TransferRequest
from unions.services import transfers

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_requests_for_one_member(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database for real concurrency")
    second_officer = UserFactory(username="officer2_union_a1")
    role(second_officer, world.union_a1, "union_officer")
    barrier = threading.Barrier(2)
    outcomes = []

    def ask(actor, to):
        try:
            barrier.wait()
            transfers.transfer_request(
                actor=actor, member=world.member_a1, to_organization=to, transferred_on=timezone.localdate()
            )
            outcomes.append("sent")
        except ValidationError as exc:
            outcomes.append(exc.messages[0])
        finally:
            connection.close()

    threads = [
        threading.Thread(target=ask, args=(world.officer_union_a1, world.union_b1)),
        threading.Thread(target=ask, args=(second_officer, world.union_a2)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("sent") == 1
    (message,) = [o for o in outcomes if o != "sent"]
    assert "already waiting" in message or "đang chờ" in message
    assert TransferRequest.objects.filter(member=world.member_a1, status="open").count() == 1
