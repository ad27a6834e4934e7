from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, ValidationError
from django.http import Http404


def get_or_404(selector, user, pk, **kwargs):
    """Fetch through a scoped selector: outside the user's reach the object does not exist."""
    try:
        return selector(user, pk, **kwargs)
    except ObjectDoesNotExist:
        raise Http404 from None


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
