"""栏目不更新 (单项否决 4).

国办秘函〔2019〕19号: "1.监测时间点前 2 周内的动态、要闻类栏目,以及监测时间点前 6 个月内的通知公告、政策文件类
一级栏目,累计超过(含)5 个未更新。 2.应更新但长期未更新的栏目数量超过(含)10 个。 3.空白栏目数量超过(含)5 个。
上述情况出现任意一种,即单项否决。" Undated items count as not updated; a column's date is the newest of its items.
A list that dates none of its items takes the publication date its fetched articles show on their own
pages: the information is dated, on the page the list links to. A column whose list looks stale while
its page also shows what a script fetched and we could not read is a warning, not counted: the list
a reader sees may be that one.
"""

from __future__ import annotations

from rules.base import Rule
from rules.hookspecs import hookimpl

WINDOWS = {"news": ("days", "news_window_days"), "notice": ("months", "notice_window_months"),
           "personnel_plan": ("months", "personnel_plan_window_months"),
           "cadence": ("months", "other_window_months")}


class ColumnsNotUpdated(Rule):
    """Stale news and first-level notice/policy columns, long-stale columns, blank columns."""

    id = "columns_not_updated"
    clause = ("1.监测时间点前2周内的动态、要闻类栏目,以及监测时间点前6个月内的通知公告、政策文件类一级栏目,累计超过(含)5个未更新。"
              "2.应更新但长期未更新的栏目数量超过(含)10个。3.空白栏目数量超过(含)5个。")
    defaults = {"news_window_days": 14, "notice_window_months": 6, "personnel_plan_window_months": 12,
                "other_window_months": 12, "stale_count": 5, "long_stale_count": 10, "blank_count": 5}

    def since(self, category, ctx):
        unit, key = WINDOWS[category]
        n = ctx.params[key]
        return ctx.days_before(n) if unit == "days" else ctx.months_before(n)

    def evaluate(self, site, ctx):
        if not site.inspected:
            return
        stale, unread, unseen = [], [], []
        for col in site.columns:
            if col.category not in WINDOWS or col.blank:
                continue
            if col.unread:  # not a fact to veto on
                unread.append(col)
                continue
            since = self.since(col.category, ctx)
            latest = site.latest_in(col, ctx.asof)
            if latest is None or latest.date < since:
                (unseen if col.unseen else stale).append((col, latest, since))
        clause1 = [s for s in stale if s[0].category == "news" or (s[0].category == "notice" and s[0].level == 1)]
        blank = [c for c in site.columns if c.blank]
        p = ctx.params
        yield from self._clause(ctx, "clause1", clause1, p["stale_count"],
                                "动态要闻类栏目（2周）及通知公告、政策文件类一级栏目（6个月）未更新")
        yield from self._clause(ctx, "clause2", stale, p["long_stale_count"], "应更新但长期未更新的栏目")
        if blank:
            severity = "veto" if len(blank) >= p["blank_count"] else "info"
            yield self.finding(
                severity, f"空白栏目{len(blank)}个（阈值{p['blank_count']}个）：" + "、".join(c.name for c in blank),
                ctx, evidence_url=blank[0].url, subject="clause3",
                evidence={"count": len(blank), "threshold": p["blank_count"],
                          "columns": [{"name": c.name, "url": c.url, "placeholder": c.placeholder} for c in blank]})
        if unseen:
            yield self.finding(
                "warn", f"{len(unseen)}个栏目的静态列表未更新，但页面另有脚本加载的内容未能读取，未计入判定，请人工核实："
                        + "、".join(f"{c.name}（{_when(i)}）" for c, i, _ in unseen),
                ctx, evidence_url=unseen[0][0].url, subject="script_loaded",
                evidence={"columns": [{"name": c.name, "url": c.url, "category": c.category,
                                       "latest": i.date.isoformat() if i else None, "since": since.isoformat(),
                                       "not_read": c.unseen} for c, i, since in unseen]})
        if unread:
            yield self.finding(
                "warn", f"{len(unread)}个应更新栏目未能读取列表，未计入判定：" + "、".join(c.name for c in unread),
                ctx, evidence_url=unread[0].url, subject="unread",
                evidence={"columns": [{"name": c.name, "url": c.url, "category": c.category,
                                       "fetched": c.fetched, "shared_list": c.shared_list} for c in unread]})

    def _clause(self, ctx, subject, stale, threshold, label):
        if not stale:
            return
        severity = "veto" if len(stale) >= threshold else "info"
        names = "、".join(f"{c.name}（{_when(i)}）" for c, i, _ in stale)
        yield self.finding(
            severity, f"{label}{len(stale)}个（阈值{threshold}个）：{names}", ctx,
            evidence_url=stale[0][0].url, subject=subject,
            evidence={"count": len(stale), "threshold": threshold, "columns": [
                {"name": c.name, "url": c.url, "category": c.category, "level": c.level,
                 "latest": i.date.isoformat() if i else None, "latest_url": i.url if i else None,
                 "latest_from": (i.source if i.source == "article" else "list") if i else None,
                 "since": since.isoformat(), "items": len(c.items),
                 "undated": sum(1 for x in c.items if not x.date)} for c, i, since in stale]})


def _when(item) -> str:
    if item is None:
        return "无带日期信息"
    return f"{item.date}，列表未标注日期，据{item.date_raw}" if item.source == "article" else str(item.date)


@hookimpl
def register_rules():
    return [ColumnsNotUpdated()]
