from . import access


def navigation(request):
    """What the menu may show: only what the signed-in role can use."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav": {
            "read": access.can(user, access.READ),
            "members_write": access.can(user, access.MEMBER_WRITE),
            "registration_review": access.can(user, access.REGISTRATION_REVIEW),
            "users": access.can(user, access.USER_MANAGE),
            "audit": access.can(user, access.AUDIT_READ),
            "document_templates": access.can(user, access.DOCUMENT_TEMPLATE),
            "union_quality": access.can(user, access.UNION_RATE),
            "admin_site": user.is_staff,
            # The receiving body's desks (issue 14.3): its received proposals, its rounds and settings.
            "received": any(
                access.can(user, a) for a in (access.PROPOSAL_REVIEW, access.COUNCIL_RECORD, access.DECISION_SIGN_OFF)
            ),
            "rounds": access.can(user, access.PROCESSING_ORGANISE),
        }
    }
