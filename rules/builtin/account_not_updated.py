"""新媒体 内容不更新 (单项否决).

国办秘函〔2019〕19号 政务新媒体单项否决 "内容不更新": 监测时间点前2周内无更新 (corroborated by 宝鸡 2020,
浙江 2021, 汉台 2022, 北京 2019; indicators.md §7.1). The latest original or forwarded post counts;
pinned (置顶) posts do not. An account with no dated post has not been updated.
"""

from __future__ import annotations

from rules.base import Rule
from rules.hookspecs import hookimpl


class AccountNotUpdated(Rule):
    """No post (pinned posts excluded) within window_days before asof."""

    id = "account_not_updated"
    target = "account"
    clause = "政务新媒体单项否决：内容不更新（监测时间点前2周内无更新）"
    defaults = {"window_days": 14}

    def evaluate(self, account, ctx):
        if not account.found:
            return
        window = int(ctx.params["window_days"])
        latest = account.latest_post(ctx.asof)
        pinned = [p for p in account.posts if p.pinned]
        evidence = {"since": ctx.days_before(window).isoformat(), "posts": len(account.posts),
                    "pinned_skipped": [{"date": p.date.isoformat() if p.date else p.date_raw, "url": p.url}
                                       for p in pinned],
                    "undated": sum(1 for p in account.posts if not p.date and not p.pinned)}
        if latest is not None:
            days = (ctx.asof - latest.date).days
            if days < window:
                return
            evidence.update(latest=latest.date.isoformat(), title=latest.title, url=latest.url, days=days)
            detail = f"最新发文 {latest.date}（{latest.title[:40]}），距监测时间点 {days} 天，{window}天内无更新"
            url = latest.url
        else:
            detail = "未读到任何带日期的非置顶发文" + (f"（{len(account.posts)} 条均无日期或置顶）" if account.posts
                                                   else f"（{account.note or '无任何发文'}）")
            url = account.evidence_url
        if pinned:
            detail += f"；已排除置顶 {len(pinned)} 条"
        if account.partial:
            # a sample of article pages (WeChat) cannot show that nothing newer exists
            yield self.finding("warn", f"{detail}。所读为指定文章而非账号全部发文，无法确认此后有无更新，请人工核查",
                               ctx, evidence_url=url, subject="freshness_unknown", evidence=evidence)
            return
        yield self.finding("veto", detail, ctx, evidence_url=url, subject="account", evidence=evidence)


@hookimpl
def register_rules():
    return [AccountNotUpdated()]
