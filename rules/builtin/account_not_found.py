"""搜索不到 (a 通报 category, not a 19号 item; indicators.md §7.3).

宝鸡: "因改名称或注销未及时报送,致使在检测中未搜索到账号信息". An account is not found only when the
platform itself says so: its ID lookup answers not found or deregistered, and (where the platform
allows it) a search for the registered name misses too. Counted as a failure by default
(``counts_as_fail``, as the 西藏 通报 did). An account found under another ID than the registered
one is reported as a warning so the registry can be corrected.
"""

from __future__ import annotations

from rules.base import Rule
from rules.hookspecs import hookimpl


class AccountNotFound(Rule):
    """The platform says the account does not exist (ID lookup and name search both miss)."""

    id = "account_not_found"
    target = "account"
    clause = "搜索不到（通报类别：按名称搜索不到且按账号 ID 查询不存在或已注销）"
    defaults = {"counts_as_fail": True}

    def evaluate(self, account, ctx):
        evidence = {"registered": account.name, "registered_id": account.registered_id,
                    "reason": account.reason, "note": account.note, "source": account.adapter}
        if account.status == "not_found":
            severity = "veto" if ctx.params["counts_as_fail"] else "warn"
            yield self.finding(severity, f"账号搜索不到：{account.note or account.reason}", ctx,
                               evidence_url=account.evidence_url, subject="account", evidence=evidence)
        elif account.found and account.reason == "found_by_name":
            yield self.finding("warn", f"登记的账号 ID 查无，按名称找到：{account.note}；请更正登记信息", ctx,
                               evidence_url=account.evidence_url, subject="registry_id",
                               evidence={**evidence, "platform_id": account.platform_id})


@hookimpl
def register_rules():
    return [AccountNotFound()]
