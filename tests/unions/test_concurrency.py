"""Two officers saving the same CCCD at the same moment create one member, not two."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from unions import services
from unions.models import Member

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_creates_with_the_same_cccd(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database for real concurrency")
    barrier = threading.Barrier(2)
    outcomes = []

    def create(name):
        try:
            barrier.wait()
            services.member_create(
                actor=world.staff_district_a,
                organization=world.union_a1,
                full_name=name,
                gender="female",
                national_id="001199123456",
            )
            outcomes.append("created")
        except ValidationError as exc:
            outcomes.append(exc.message_dict["national_id"][0])
        finally:
            connection.close()

    threads = [threading.Thread(target=create, args=(n,)) for n in ("Hà Thị Một", "Hà Thị Hai")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["created", "Đã có đoàn viên mang số CCCD này."]
    assert Member.objects.filter(national_id="001199123456").count() == 1


def test_concurrent_code_allocation_never_repeats(world):
    if connection.vendor != "postgresql":
        pytest.skip("needs a server database for real concurrency")
    from unions.services import allocate_member_codes

    codes, barrier = [], threading.Barrier(4)

    def take():
        barrier.wait()
        codes.extend(allocate_member_codes(50))
        connection.close()

    threads = [threading.Thread(target=take) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(codes) == len(set(codes)) == 200
