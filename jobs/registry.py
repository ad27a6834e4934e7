"""Which function does the work of each job kind. Apps register theirs in their tasks module."""

from dataclasses import dataclass, field

_HANDLERS = {}


@dataclass
class Failed:
    """What a handler returns when the work ended without the expected output (its writes are kept)."""

    error: str
    result: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Handler:
    func: object
    on_failure: object = None


def handler(kind, *, on_failure=None):
    """@handler("members.import") def run(batch_id): ... -> dict, or Failed(message)."""

    def register(func):
        _HANDLERS[kind] = Handler(func, on_failure)
        return func

    return register


def get(kind):
    if kind not in _HANDLERS:
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tasks")
    return _HANDLERS[kind]


def find(kind):
    """The handler of a kind, or None when no app registers it."""
    try:
        return get(kind)
    except KeyError:
        return None
