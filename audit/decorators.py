"""The audit entry of a page that shows personal data or a file that carries it, declared on the view.

Creating, changing and deleting are written by the services that do them; what only a view does, showing and
handing out files, is written here, once the view has answered: a refused, missing or redirected request
showed nothing and leaves no entry.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db.models import Model
from django.utils.functional import Promise

from .models import Action
from .services import record

View = Callable[..., Any]


def audited(action: str, *, label: str | Promise = "") -> Callable[[View], View]:
    """Write one `action` entry ("view" or "export") after the view answered 200.

    What only the view learns (the member it fetched, the organisation, a label with a row count) it hands over
    with `about(request, obj=…, organization=…, label=…)`; `label` here is the default description."""
    Action(action)

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            request.audit_about = {}
            response = view(request, *args, **kwargs)
            if response.status_code == 200:
                details = {"label": str(label) if label else "", **request.audit_about}
                record(actor=request.user, action=action, request=request, **details)  # type: ignore[no-untyped-call]
            return response

        return wrapper

    return decorator


def about(
    request: Any, *, obj: Model | None = None, organization: Model | None = None, label: str | Promise | None = None
) -> None:
    """What the audited view showed or handed out (see `audited`)."""
    details = {"obj": obj, "organization": organization, "label": None if label is None else str(label)}
    request.audit_about.update({key: value for key, value in details.items() if value is not None})
