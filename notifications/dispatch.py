"""Events to notifications, after commit and outside the request.

A service calls `send_after_commit(Kind.X, proposal_id=…, actor_id=…)` inside its transaction. When the
transaction commits, the `notifications.tasks.deliver` task runs the sender the owning app registered for the
kind (`@sender(Kind.X)` in `<app>/notices.py`, found like job handlers): it loads the object, computes the
recipients through `unions.access` (nobody outside the object's reach) and returns one `Message` per user.
Each goes through `services.notify`, which applies the user's preference and sends once per key, so a task
run twice sends nothing twice. A rolled-back transaction sends nothing.

This app sits below `unions`: it knows no object and no role; the senders above it do.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import translation
from django.utils.module_loading import autodiscover_modules

from .kinds import Kind
from .services import notify

log = logging.getLogger(__name__)
_SENDERS = {}


@dataclass(frozen=True)
class Message:
    user: object
    key: str
    title: str
    body: str = ""
    link: str = ""


def sender(kind):
    """@sender(Kind.PROPOSAL_SUBMITTED) def f(*, proposal_id, …) -> iterable of Message."""

    def register(func):
        _SENDERS[Kind(kind)] = func
        return func

    return register


def sender_of(kind):
    kind = Kind(kind)
    if kind not in _SENDERS:
        autodiscover_modules("notices")
    return _SENDERS[kind]


def send_after_commit(kind, **ids):
    """Schedule the notifications of an event once the current transaction commits (ids only, JSON-safe)."""
    from .tasks import deliver

    kind = Kind(kind).value
    sender_of(kind)  # fail in the service, where the mistake is, rather than in the worker

    def enqueue():
        deliver.delay(kind, ids)

    # robust: a broker outage after the commit is logged, never turned into an error of the finished request.
    transaction.on_commit(enqueue, robust=True)


def deliver(kind, ids):
    """The task's body: the sender's messages, each sent as its user chose; the number actually sent."""
    kind = Kind(kind)
    sent = 0
    with translation.override("vi"):
        for message in sender_of(kind)(**ids):
            note = notify(
                user=message.user,
                key=message.key,
                title=message.title,
                body=message.body,
                link=message.link,
                kind=kind,
            )
            sent += note is not None
    return sent
