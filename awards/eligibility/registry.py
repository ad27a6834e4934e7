"""The registry of eligibility rules: small functions named in the award catalogue."""

from dataclasses import dataclass, field

PASS, FAIL, WARN, DEFER, INFO = "pass", "fail", "warn", "defer", "info"
# Met only if lines proposed in the same file (or decided in the same decision) are approved: it does not block the
# proposal, and the decision checks it again once those lines are conferred. Short: the line stores it in 8 chars.
CONDITIONAL = "cond"
# The rule name written first on a conditional collective line the decision refused (its members not conferred).
REFUSED_AT_DECISION = "refused_at_decision"


@dataclass
class Result:
    rule: str
    status: str
    message: str
    evidence: list = field(default_factory=list)

    @property
    def blocks(self):
        return self.status in (FAIL, DEFER)


@dataclass
class Rule:
    name: str
    subject_kind: str  # "individual", "collective" or "any"
    check: object


RULES = {}


def rule(name, subject_kind="any"):
    """Register `fn(ctx, **params) -> Result` under `name`."""

    def register(fn):
        RULES[name] = Rule(name, subject_kind, fn)
        return fn

    return register


def run(spec, ctx):
    """Run one rule spec {"rule": name, "params": {...}} against a context."""
    entry = RULES.get(spec["rule"])
    if entry is None:
        from django.utils.translation import gettext as _

        return Result(
            spec["rule"],
            WARN,
            _("Unknown rule %(name)s: ask the administrator to fix the catalogue.") % {"name": spec["rule"]},
        )
    result = entry.check(ctx, **spec.get("params", {}))
    result.rule = spec["rule"]
    return result
