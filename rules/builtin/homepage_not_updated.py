"""首页不更新 (单项否决 3).

国办秘函〔2019〕19号: "监测 2 周,首页无信息更新的,即单项否决。 如首页仅为网站栏目导航入口,所有二级页面无信息
更新的,即单项否决。" Undated items do not count as updates (2015 评分表: "未注明信息发布时间的视为不更新").
"""

from __future__ import annotations

from rules.base import Rule
from rules.facts import UPDATING
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
                yield self.finding(
                    "veto", f"首页最新信息发布于 {newest.date}（{newest.title}），监测时间点前{ctx.params['window_days']}天内无更新",
                    ctx, evidence_url=newest.url, subject="homepage",
                    evidence={"latest": newest.date.isoformat(), "title": newest.title, "url": newest.url,
                              "since": since.isoformat(), "homepage": site.url,
                              "dated_items": len(dated), "undated_items": len(site.homepage_items) - len(dated)})
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
        latest = [(c, c.latest(ctx.asof)) for c in level2]
        fresh = [(c, i) for c, i in latest if i and i.date >= since]
        if fresh:
            return
        newest = max((i for _, i in latest if i), key=lambda i: i.date, default=None)
        # "all level-2 pages" unchanged is only known when every list that should be updated was read
        unread = [c for c in site.columns if c.level == 1 and c.category in UPDATING and c.unread]
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


@hookimpl
def register_rules():
    return [HomepageNotUpdated()]
