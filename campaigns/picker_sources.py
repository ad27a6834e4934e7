"""What the pickers of campaign forms offer (see unions/pickers.py)."""

from unions.models import Member, MemberStatus
from unions.pickers import MEMBER, source


@source("campaigns.author", MEMBER)
def authors(user, within):
    """Active members of any union in the user's reach: co-authors often sit in several unions (the
    initiative service checks the same reach)."""
    return Member.objects.visible_to(user).filter(status=MemberStatus.ACTIVE)
