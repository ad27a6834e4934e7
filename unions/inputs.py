"""One signal for facts that higher apps judge members and organisations on: `inputs_changed(members, paths)`.

A service of this app or of campaigns that changes what such a judgement reads (a member's employment dates,
their union, their leaving; an initiative's authors or recognition; a research project; a cluster ranking)
calls `inputs_changed_send` with the ids of the members concerned and the tree paths of the organisations
concerned. Unlike `signals.owned_rows_changed` it is sent at once, inside the writing transaction: a listener
(awards marks the eligibility of open proposal lines as stale) writes in the same transaction, so no reader
sees the new fact next to the old judgement. This app does not know who listens.
"""

from collections.abc import Iterable

from django.dispatch import Signal

# Sent with `members` (a set of member ids) and `paths` (a set of organisation paths).
inputs_changed = Signal()


def inputs_changed_send(*, members: Iterable[int | None] = (), paths: Iterable[str | None] = ()) -> None:
    """The facts about these members, or about these organisations and what they hold, changed."""
    member_ids = {pk for pk in members if pk}
    org_paths = {path for path in paths if path}
    if member_ids or org_paths:
        inputs_changed.send(sender=inputs_changed_send, members=member_ids, paths=org_paths)
