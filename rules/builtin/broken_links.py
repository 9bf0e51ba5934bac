"""链接可用性 (扣分指标): links of the homepage and of crawled pages that do not open.

The 2019 deduction table has not been read. The 2015 普查评分表 is recalled as "首页…每个不可用链接扣1分,
其他页面…扣0.1分" (UNVERIFIED; docs/indicators.md §5): the points and the cap are in the SCORING setting.

Reads the ``links`` facts of crawler/analyzers/links.py. A link that answers 401/403/429 (a login or a
firewall) is not counted. Where the site's soft-404 probe got a page instead of a 404, dead links that
answer 200 cannot be seen: a ``warn`` says so, and each deduction says its count may be short.
"""

from __future__ import annotations

from rules.base import Rule
from rules.hookspecs import hookimpl


class BrokenLinks(Rule):
    """Each link that does not open is deducted, more on the homepage than elsewhere."""

    id = "broken_links"
    clause = "链接可用性：首页及其他页面存在不可用链接（错链、断链）"
    defaults = {"points": {}}

    def evaluate(self, site, ctx):
        if not site.links:
            return
        points = ctx.params["points"]
        probes = [link for link in site.links if link.kind == "soft404_probe"]
        soft = next((p for p in probes if p.outcome == "soft_404"), None)
        note = "（该站点对不存在的页面不返回404，失效链接可能未被全部发现）" if soft else ""
        if soft:
            yield self.finding(
                "warn", f"软404：随机路径 {soft.url} 返回了页面而非404，失效链接检测不可靠", ctx,
                evidence_url=soft.url, subject="soft_404", evidence={"probe": soft.url, "detail": soft.detail})
        for link in site.links:
            if link.kind == "soft404_probe" or link.outcome != "broken":
                continue
            where = "homepage" if link.on_homepage else "other"
            place = "首页" if link.on_homepage else "页面"
            yield self.finding(
                "deduct", f"{place}存在不可用链接 {link.url}（{link.detail}）{note}", ctx,
                evidence_url=link.page_url, subject=link.url, points=float(points.get(where, 0)),
                evidence={"link": link.url, "kind": link.kind, "page": link.page_url, "on_homepage": link.on_homepage,
                          "http_code": link.http_code, "method": link.method, "detail": link.detail,
                          "reliable": soft is None})


@hookimpl
def register_rules():
    return [BrokenLinks()]
