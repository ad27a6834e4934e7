"""The audit entry of a page that shows personal data or a file that carries it, declared on the view.

Creating, changing and deleting are written by the services that do them; what only a view does, showing and
handing out files, is written here, once the view has answered: a refused, missing or redirected request
showed nothing and leaves no entry.
"""

from functools import wraps

from .models import Action
from .services import record


def audited(action, *, label=""):
    """Write one `action` entry ("view" or "export") after the view answered 200.

    What only the view learns (the member it fetched, the organisation, a label with a row count) it hands over
    with `about(request, obj=…, organization=…, label=…)`; `label` here is the default description."""
    Action(action)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            request.audit_about = {}
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                details = {"label": str(label) if label else "", **request.audit_about}
                record(actor=request.user, action=action, request=request, **details)
            return response

        return wrapper

    return decorator


def about(request, *, obj=None, organization=None, label=None):
    """What the audited view showed or handed out (see `audited`)."""
    details = {"obj": obj, "organization": organization, "label": None if label is None else str(label)}
    request.audit_about.update({key: value for key, value in details.items() if value is not None})
