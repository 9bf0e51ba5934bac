"""名称变动未报备 (a 通报 category, not a 19号 item; indicators.md §7.3).

The 西藏 2022 Q4 通报 lists "名称变动未报备" among its 不合格 accounts, so it counts as a failure by
default (``counts_as_fail``). The name shown on the platform is compared with the registered name
after NFKC folding and removal of spaces and middle dots; a name reported (报备) in the registry's
``reported_names`` is no violation. WeChat resets names that imitate government bodies to
"未命名公众号": reported as a change, with a note.
"""

from __future__ import annotations

from rules.account_facts import fold_name
from rules.base import Rule
from rules.hookspecs import hookimpl

UNNAMED = "未命名公众号"


class AccountNameChanged(Rule):
    """The name the platform shows differs from the registered (报备) name."""

    id = "account_name_changed"
    target = "account"
    clause = "名称变动未报备（通报类别；比对前做 NFKC 折叠并去除空格与“·”）"
    defaults = {"counts_as_fail": True}

    def evaluate(self, account, ctx):
        if not account.found or not account.observed_name:
            return
        observed = fold_name(account.observed_name)
        if observed == fold_name(account.name):
            return
        evidence = {"registered": account.name, "observed": account.observed_name,
                    "platform_id": account.platform_id, "source": account.adapter}
        if observed in {fold_name(n) for n in account.reported_names}:
            yield self.finding("info", f"名称已由“{account.name}”变更为“{account.observed_name}”，已报备", ctx,
                               evidence_url=account.evidence_url, subject="account", evidence=evidence)
            return
        detail = f"平台显示名称“{account.observed_name}”，登记名称“{account.name}”"
        if observed == UNNAMED:
            detail += "；“未命名公众号”是平台对名称不合规账号的重置，名称须重新核定并报备"
        severity = "veto" if ctx.params["counts_as_fail"] else "warn"
        yield self.finding(severity, detail, ctx, evidence_url=account.evidence_url, subject="account",
                           evidence=evidence)


@hookimpl
def register_rules():
    return [AccountNameChanged()]
