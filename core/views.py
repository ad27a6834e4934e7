from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def add_service_errors(form, error: ValidationError):
    """Show a service's ValidationError next to the fields it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            if field == NON_FIELD_ERRORS:
                target = None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


# The action name of pages about the signed-in user's own account or notifications (see unions.access).
SELF = "self"


def about_self(view):
    """Declare a page about the signed-in user's own account or notifications: no organisation, no action.

    The permission matrix reads the declaration (`access_action`), like `unions.access.declares`.
    """
    view.access_action = SELF
    return view
