"""What a rule is, what it is given, and what it returns."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, ClassVar, Iterable

SEVERITIES = ("veto", "deduct", "warn", "info")


@dataclass
class Finding:
    """One judgement with its evidence: what triggered it, where, and with which parameters."""

    rule_id: str
    severity: str  # veto, deduct, warn or info
    detail: str
    evidence_url: str = ""
    subject: str = ""  # what the finding is about within the site (a clause, a column, a URL)
    points: float = 0.0
    evidence: dict = field(default_factory=dict)
    params: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.severity not in SEVERITIES:
            raise ValueError(f"finding of {self.rule_id}: severity {self.severity!r} not in {SEVERITIES}")


@dataclass
class Context:
    """What every rule gets besides the facts: the monitoring date and its own parameters."""

    asof: date
    params: dict[str, Any]

    def days_before(self, days: int) -> date:
        return self.asof - timedelta(days=int(days))

    def months_before(self, months: int) -> date:
        """The same day ``months`` calendar months before asof (clamped to the month's end)."""
        y, m = divmod(self.asof.year * 12 + self.asof.month - 1 - int(months), 12)
        day = min(self.asof.day, calendar.monthrange(y, m + 1)[1])
        return date(y, m + 1, day)


class Rule:
    """A check of one official indicator (or a provincial addition).

    Subclasses set ``id`` (a rule id of the contract, or a new one for a new check), ``target``
    ("site" or "account"), ``clause`` (the official text it implements), ``defaults`` (its
    parameters; each can be overridden from the RULE_PARAMS setting) and implement ``evaluate``.
    """

    id: ClassVar[str]
    target: ClassVar[str] = "site"
    clause: ClassVar[str] = ""
    defaults: ClassVar[dict[str, Any]] = {}

    def evaluate(self, subject, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(self, severity: str, detail: str, ctx: Context, **kw) -> Finding:
        return Finding(rule_id=self.id, severity=severity, detail=detail, params=dict(ctx.params), **kw)

    @property
    def summary(self) -> str:
        doc = (self.__doc__ or "").strip().splitlines()
        return doc[0] if doc else self.id
