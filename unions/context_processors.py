from . import access


def navigation(request):
    """What the menu may show: only what the signed-in role can use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav": {
            "read": access.has_perm(user, access.READ),
            "members_write": access.has_perm(user, access.MEMBER_WRITE),
            "users": access.has_perm(user, access.USER_MANAGE),
            "admin_site": user.is_staff,
        }
    }
