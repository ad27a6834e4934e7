import datetime

import pytest

from campaigns.models import Campaign

TODAY = datetime.date(2026, 11, 24)


@pytest.fixture
def campaign(world):
    """A launched city campaign addressing every grassroots union, open for registration."""
    return Campaign.objects.create(
        code="HN-LDG-2026",
        name="Lao động giỏi, lao động sáng tạo năm 2026",
        kind="annual",
        organizer=world.city,
        year=2026,
        start_on=datetime.date(2026, 1, 1),
        end_on=datetime.date(2026, 12, 31),
        registration_deadline=datetime.date(2099, 12, 31),
        titles=["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở"],
        status=Campaign.Status.LAUNCHED,
        launched_on=datetime.date(2026, 2, 1),
    )


@pytest.fixture
def district_campaign(world):
    """A draft campaign of district A for education unions only."""
    return Campaign.objects.create(
        code="BTL-DTHT-2026",
        name="Dạy tốt – Học tốt năm học 2026",
        kind="annual",
        organizer=world.district_a,
        year=2026,
        start_on=datetime.date(2026, 1, 1),
        end_on=datetime.date(2026, 12, 31),
        registration_deadline=datetime.date(2099, 6, 30),
        titles=["Giáo viên dạy giỏi"],
        target_sectors=",education,",
    )
