"""首页不更新 (单项否决 3).

国办秘函〔2019〕19号: "监测 2 周,首页无信息更新的,即单项否决。 如首页仅为网站栏目导航入口,所有二级页面无信息
更新的,即单项否决。" Undated items do not count as updates (2015 评分表: "未注明信息发布时间的视为不更新").

A homepage whose dated items are stale is a warning, not a veto, when it may well show an update:
it also shows what its scripts fetch and could not be read (a news box filled by $.getJSON from an
answer that failed, a client-side template) or a panel that could not be fetched while a level-1
column did update within the window, or it shows without a date an item that its column dates
within the window. A box filled from an answer that was read is judged with the homepage's items.
"""

from __future__ import annotations

from rules.base import Rule
from rules.facts import UPDATING, describe_unseen
from rules.hookspecs import hookimpl


class HomepageNotUpdated(Rule):
    """The homepage (or, for a nav-only homepage, every level-2 page) has no item within the window."""

    id = "homepage_not_updated"
    clause = "监测2周,首页无信息更新的,即单项否决。如首页仅为网站栏目导航入口,所有二级页面无信息更新的,即单项否决。"
    defaults = {"window_days": 14}

    def evaluate(self, site, ctx):
        if not site.inspected:
            return
        since = ctx.days_before(ctx.params["window_days"])
        dated = [i for i in site.homepage_items if i.date and i.date <= ctx.asof]
        if dated:
            newest = max(dated, key=lambda i: i.date)
            if newest.date < since:
                yield self.stale_homepage(site, ctx, newest, len(dated), since)
            return
        # nav-only homepage: judge the level-2 pages that list information (a static 机构职能 page
        # or an unreadable list says nothing either way)
        level2 = [c for c in site.columns if c.level == 1 and c.items and not c.shared_list]
        if not level2:
            yield self.finding(
                "warn", "首页无带日期的信息，且未能读取任何二级页面的信息列表，无法判定首页是否更新", ctx,
                evidence_url=site.url, subject="homepage",
                evidence={"homepage": site.url, "undated_items": len(site.homepage_items)})
            return
        latest = [(c, site.latest_in(c, ctx.asof)) for c in level2]
        fresh = [(c, i) for c, i in latest if i and i.date >= since]
        if fresh:
            return
        newest = max((i for _, i in latest if i), key=lambda i: i.date, default=None)
        # "all level-2 pages" unchanged is only known when every list that should be updated was read
        unread = [c for c in site.columns if c.level == 1 and c.category in UPDATING and (c.unread or c.unseen)]
        yield self.finding(
            "warn" if unread else "veto", f"首页仅为导航入口（无带日期信息），{len(level2)}个二级页面监测时间点前"
                    f"{ctx.params['window_days']}天内均无更新" + (f"，最新为 {newest.date}" if newest else "，均无带日期信息")
                    + (f"；另有{len(unread)}个应更新栏目未能读取列表（{'、'.join(c.name for c in unread)}），"
                       "无法确认所有二级页面均未更新，未作否决" if unread else ""),
            ctx, evidence_url=newest.url if newest else site.url, subject="homepage",
            evidence={"nav_only": True, "since": since.isoformat(), "homepage": site.url,
                      "level2": [{"name": c.name, "url": c.url, "latest": i.date.isoformat() if i else None}
                                 for c, i in latest],
                      "unread": [{"name": c.name, "url": c.url} for c in unread]})

    def stale_homepage(self, site, ctx, newest, dated: int, since):
        """The homepage's newest dated item is older than the window: a veto, unless the homepage also
        shows content that was not read while a column did update, or shows without a date an item
        its column dates within the window (then a warning)."""
        unseen, fresh = site.homepage_unseen, self.fresh_columns(site, since, ctx.asof)
        elsewhere = self.dated_elsewhere(site, since, ctx.asof)
        evidence = {"latest": newest.date.isoformat(), "title": newest.title, "url": newest.url,
                    "since": since.isoformat(), "homepage": site.url,
                    "dated_items": dated, "undated_items": len(site.homepage_items) - dated}
        if unseen:
            evidence["not_read"] = unseen
        doubts = []
        if unseen and fresh:
            evidence["fresh_columns"] = [{"name": c.name, "url": c.url, "latest": i.date.isoformat(), "item": i.url}
                                         for c, i in fresh]
            doubts.append(f"首页另有由脚本加载或未能读取的内容（{describe_unseen(unseen)}），而栏目"
                          f"{'、'.join(c.name for c, _ in fresh[:3])}在监测期内有更新")
        if elsewhere:
            evidence["undated_but_fresh"] = [{"title": i.title, "url": i.url, "date": i.date.isoformat(),
                                              "column": c.name} for c, i in elsewhere]
            c, i = elsewhere[0]
            doubts.append(f"首页展示的{len(elsewhere)}条信息未标注日期，但栏目中标注的发布日期在监测期内"
                          f"（如“{i.title}”，{c.name}，{i.date}）")
        if not doubts:
            return self.finding(
                "veto", f"首页最新信息发布于 {newest.date}（{newest.title}），监测时间点前{ctx.params['window_days']}天内无更新",
                ctx, evidence_url=newest.url, subject="homepage", evidence=evidence)
        return self.finding(
            "warn", f"首页标注日期的信息最新发布于 {newest.date}（{newest.title}），但{'；'.join(doubts)}，"
                    "无法确认首页未更新，未作否决，请人工核实",
            ctx, evidence_url=elsewhere[0][1].url if elsewhere else newest.url, subject="homepage", evidence=evidence)

    @staticmethod
    def dated_elsewhere(site, since, asof) -> list:
        """(column, its item) for each undated homepage item that a column lists dated within the window."""
        undated = {i.url for i in site.homepage_items if i.date is None}
        out, seen = [], set()
        for col in site.columns:
            for item in col.items:
                if item.url in undated and item.url not in seen and item.date and since <= item.date <= asof:
                    seen.add(item.url)
                    out.append((col, item))
        return out

    @staticmethod
    def fresh_columns(site, since, asof) -> list:
        """(column, its newest item) of the level-1 columns that should update and did within the window."""
        out = []
        for col in site.columns:
            latest = site.latest_in(col, asof) if col.level == 1 and col.category in UPDATING \
                and not col.shared_list else None
            if latest is not None and latest.date >= since:
                out.append((col, latest))
        return out


@hookimpl
def register_rules():
    return [HomepageNotUpdated()]
