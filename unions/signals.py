"""One change signal for rows owned by organisations: `owned_rows_changed(paths)`.

Every service that writes rows a figure counts (members, organisations, launches, registrations, initiatives,
works, proposals, decisions, awards) calls `announce` with the tree paths of the organisations owning the rows
it wrote: before and after, when a row changes owner. Bulk writes included, which send no post_save; that is
why the announcement is explicit and not a model signal. Higher apps listen (reports refreshes its rollups)
without this app knowing them.

The signal is sent once per transaction, after it commits, with every path announced inside it: a listener
reads committed rows and a 10.000-row import costs one refresh, not 10.000. A transaction that rolls back
sends nothing; paths announced in a savepoint that rolled back ride along with the next send of the same
thread, which costs a refresh of a branch that did not change and nothing else.
"""

import threading
from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

# Sent with `paths`: a sorted list of the organisation paths whose owned rows changed.
owned_rows_changed = Signal()

_pending = threading.local()


def announce(paths: Iterable[str]) -> None:
    """Rows owned under these organisation paths changed: listeners hear of it once the transaction commits."""
    paths = {path for path in paths if path}
    if not paths:
        return
    pending = getattr(_pending, "paths", None)
    if pending is None:
        pending = _pending.paths = set()
    pending |= paths
    # One callback per call (a callback registered in a savepoint that rolls back is dropped with it);
    # the first to run sends every pending path, the others find none.
    transaction.on_commit(_send)


def _send() -> None:
    paths, _pending.paths = getattr(_pending, "paths", None), None
    if paths:
        owned_rows_changed.send(sender=announce, paths=sorted(paths))
