"""无法核实 (our status, in no official text; indicators.md §7.3).

A captcha, WAF page, login wall, rate limit or platform error says nothing about the account:
"Never report this as 搜索不到." It is never a failure; the account is listed separately for a
manual check (the hand-check CSV import, docs/accounts.md).
"""

from __future__ import annotations

from rules.base import Rule
from rules.hookspecs import hookimpl

REASONS = {"captcha": "验证码/环境异常页", "login_wall": "需要登录", "rate_limited": "平台限流",
           "blocked": "平台拒绝访问", "over_budget": "本次检查对该平台的请求额度已用完",
           "article_deleted": "文章已删除", "registry": "登记信息不足", "adapter_error": "读取程序出错",
           "http_4xx": "平台或订阅桥接服务拒绝请求", "http_5xx": "平台或订阅桥接服务出错", "timeout": "请求超时",
           "not_a_feed": "订阅源不是 RSS/Atom", "platform_error": "平台接口返回异常"}


class AccountUnverifiable(Rule):
    """The platform could not be read for this account: listed for a manual check, never a failure."""

    id = "account_unverifiable"
    target = "account"
    clause = "无法核实（验证码、登录墙、限流或平台错误）：不判定，列出待人工核查"

    def evaluate(self, account, ctx):
        if account.status not in ("unverifiable", "not_inspected"):
            return
        why = REASONS.get(account.reason, account.reason or "本次检查未取得结果")
        yield self.finding("warn", f"无法核实（{why}），待人工核查" + (f"：{account.note}" if account.note else ""),
                           ctx, evidence_url=account.evidence_url or account.url, subject="account",
                           evidence={"reason": account.reason, "note": account.note, "source": account.adapter})


@hookimpl
def register_rules():
    return [AccountUnverifiable()]
