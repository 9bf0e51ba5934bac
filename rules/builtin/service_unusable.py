"""服务不实用 (单项否决 6).

国办秘函〔2019〕19号, as far as the copies reach: "1.未提供办事服务。 2.办事指南重点要素类别(包括事项名称、设定依据、
申请条件、办理材料、…" The 8 element categories are those of the 2015 gov.cn note (事项名称、设定依据、申请条件、办理材料、
办理地点、办理时间、联系电话、办理流程). The missing-elements threshold ("超过(含)5类"?) is UNVERIFIED: the default
``guide_missing_threshold`` of 5 is a project choice and must not be quoted as official.

A link to the provincial 政务服务 platform is an entry. Department sites the registry marks
``services=no`` (no external services, 指标说明) are exempt. No entry found on a homepage that also
shows what was not read (a menu its scripts fetch, a panel that failed) is a warning, not a veto.
"""

from __future__ import annotations

from rules.base import Rule
from rules.facts import describe_unseen
from rules.hookspecs import hookimpl


class ServiceUnusable(Rule):
    """No 办事服务 entry, or sampled 办事指南 pages missing too many element categories."""

    id = "service_unusable"
    clause = "1.未提供办事服务。2.办事指南重点要素类别(包括事项名称、设定依据、申请条件、办理材料、办理地点、办理时间、联系电话、办理流程)缺失(阈值未核实)。"
    defaults = {"guide_missing_threshold": 5, "guides_failing": 1}

    def evaluate(self, site, ctx):
        if not site.inspected:
            return
        if not site.services:
            yield self.finding("info", "登记为无对外办事服务的部门网站，不检查办事服务", ctx, evidence_url=site.url,
                               subject="exempt", evidence={"services": "no"})
            return
        entries = [e for e in site.service_entries if e.kind in ("entry", "platform")]
        guides_linked = [e for e in site.service_entries if e.kind == "guide"]
        if not entries and not guides_linked:
            evidence = {"homepage": site.url,
                        "pages_searched": sum(1 for pg in site.pages if pg.ok and pg.role in ("homepage", "column"))}
            detail = "未提供办事服务：首页及栏目页未发现办事服务入口或政务服务平台链接"
            unseen = site.homepage_unseen
            if unseen:
                evidence["not_read"] = unseen
                yield self.finding("warn", f"{detail}，但首页另有由脚本加载或未能读取的内容（"
                                           f"{describe_unseen(unseen)}），入口可能在其中，未作否决，请人工核实",
                                   ctx, evidence_url=site.url, subject="clause1", evidence=evidence)
            else:
                yield self.finding("veto", detail, ctx, evidence_url=site.url, subject="clause1", evidence=evidence)
            return
        yield from self._guides(site, ctx, entries + guides_linked)

    def _guides(self, site, ctx, entries):
        p = ctx.params
        threshold = int(p["guide_missing_threshold"])
        read = [g for g in site.guides if g.status == "ok"]
        failed = [g for g in site.guides if g.status in ("error", "unreadable")]
        if failed:
            yield self.finding("warn", f"{len(failed)}个办事指南页面无法读取：" + "、".join(g.title for g in failed), ctx,
                               evidence_url=failed[0].url, subject="guides_unread",
                               evidence={"guides": [{"url": g.url, "title": g.title, "error": g.error} for g in failed]})
        if not read:
            yield self.finding("info", "未能在本站抽查到办事指南页面（办事服务入口可能在政务服务平台），要素未检查", ctx,
                               evidence_url=entries[0].url, subject="clause2",
                               evidence={"entries": [{"name": e.name, "url": e.url, "kind": e.kind} for e in entries]})
            return
        bad = [g for g in read if len(g.missing) >= threshold]
        evidence = {"threshold": threshold, "threshold_verified": False, "sampled": len(read),
                    "guides": [{"url": g.url, "title": g.title, "missing": g.missing, "found": g.found} for g in bad or read]}
        if len(bad) >= int(p["guides_failing"]):
            names = "；".join(f"「{g.title}」缺{len(g.missing)}类（{'、'.join(g.missing)}）" for g in bad[:5])
            yield self.finding("veto", f"办事指南要素缺失（阈值{threshold}类，未核实）：{names}", ctx,
                               evidence_url=bad[0].url, subject="clause2", evidence=evidence)
        elif any(g.missing for g in read):
            worst = max(read, key=lambda g: len(g.missing))
            yield self.finding("info", f"抽查{len(read)}个办事指南，最多缺{len(worst.missing)}类要素（{'、'.join(worst.missing)}）",
                               ctx, evidence_url=worst.url, subject="clause2", evidence=evidence)


@hookimpl
def register_rules():
    return [ServiceUnusable()]
