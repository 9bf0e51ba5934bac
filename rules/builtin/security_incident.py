"""安全、泄密事故等严重问题 (单项否决 1).

国办秘函〔2019〕19号: "1.出现严重表述错误。 2.泄露国家秘密。 3.发布或链接反动、暴力、色情等内容。 4.对安全攻击(如页面被
挂马、内容被篡改等)没有及时有效处置造成严重安全事故。 5.存在弄虚作假行为(如伪造发稿日期等)。 6.因网站建设管理工作不当
引发严重负面舆情。 上述情况出现任意一种,即单项否决。"

Detection is heuristic (docs/indicators.md 4.1, docs/security.md). Clear-cut evidence vetoes: a hidden
off-site link whose own text or host carries a word of a veto lexicon (score ≥ veto_score); several
distinct words of veto lexicons in one place of a page (its title, meta keywords, a hidden block, text a
script writes, the visible text); a leader's name or title in the confusion dictionary at level veto.
Weaker signals are `warn` for a person to confirm: a lone word, a hidden link without such a word, a
confusion row at level warn, items dated after asof, an article whose own date or URL date disagrees
with its list date (伪造发稿日期 candidates). With ``require_review`` (default) every
veto says it awaits a person's confirmation; ``dismissed`` (page URLs, link targets or signal
subjects a person overruled) drops signals on the next ``scrapy rescore``.
"""

from __future__ import annotations

from rules.base import Rule
from rules.facts import ARTICLE_DATE_RAW, as_date
from rules.hookspecs import hookimpl

SOURCES = {"title": "页面标题", "meta_keywords": "页面关键词/描述", "hidden": "隐藏区块", "script": "脚本写入的内容",
           "script_inert": "脚本代码", "body": "正文", "link": "链接标题", "post": "发文标题"}
CASE_3 = "3.发布或链接反动、暴力、色情等内容"
MAX_LISTED = 20


class SecurityIncident(Rule):
    """Hidden spam links, injected forbidden content, severe expression errors, forged dates."""

    id = "security_incident"
    clause = ("1.出现严重表述错误。2.泄露国家秘密。3.发布或链接反动、暴力、色情等内容。4.对安全攻击(如页面被挂马、内容被篡改等)"
              "没有及时有效处置造成严重安全事故。5.存在弄虚作假行为(如伪造发稿日期等)。6.因网站建设管理工作不当引发严重负面舆情。")
    defaults = {"require_review": True, "veto_score": 0.9, "warn_score": 0.7, "keyword_veto_terms": 2,
                "date_mismatch_days": 1, "dismissed": []}

    def evaluate(self, site, ctx):
        if not site.inspected:
            return
        yield from self.signal_findings(site.security, ctx)
        yield from self.dates(site, ctx)

    def signal_findings(self, signals, ctx):
        """One finding per page (or post) and kind of signal, at the severity the strongest one earns."""
        p = ctx.params
        dismissed = set(p["dismissed"])
        rows = [r for r in signals if not dismissed & {r.url, r.target, r.subject}]
        # distinct words of veto categories per place of a page (澳门新葡京 and 狼友 on one title add up)
        place_terms: dict[tuple[str, str], set[str]] = {}
        for r in rows:
            if r.kind == "keyword" and r.level == "veto" and r.source != "script_inert":
                place_terms.setdefault((r.url, r.source), set()).update(t for t in r.matched.split("、") if t)
        groups: dict[tuple[str, str, str], list] = {}
        for r in rows:
            severity = self.severity(r, p, len(place_terms.get((r.url, r.source), ())))
            if severity:
                groups.setdefault((severity, r.kind, r.url), []).append(r)
        for (severity, kind, url), found in groups.items():
            yield self._finding(severity, kind, url, found, ctx)

    @staticmethod
    def severity(r, p, place_terms: int) -> str:
        if r.kind == "hidden_link":
            if r.level == "veto" and r.score >= p["veto_score"]:
                return "veto"
            return "warn" if r.score >= p["warn_score"] else ""
        if r.kind == "keyword":
            # a lone word is a warning wherever it is: a tab panel or a title may quote it in ordinary news
            return "veto" if r.level == "veto" and place_terms >= p["keyword_veto_terms"] else "warn"
        if r.kind == "expression":
            return "veto" if r.level == "veto" else "warn"
        return ""

    def _finding(self, severity, kind, url, found, ctx):
        review = severity == "veto" and ctx.params["require_review"]
        if kind == "hidden_link":
            hosts = sorted({r.target.split("/")[2] for r in found if r.target.count("/") >= 2})
            words = "、".join(dict.fromkeys(w for r in found for w in r.matched.split("、") if w))
            signals = sorted({s for r in found for s in r.signals})
            detail = (f"页面存在{len(found)}个隐藏的站外链接（暗链），指向 {'、'.join(hosts[:5])}"
                      + (f"，含违禁词「{words}」" if words else "") + f"；触发信号：{'、'.join(signals)}")
            subject = f"hidden_link:{url}"
        elif kind == "keyword":
            detail = "；".join(f"{SOURCES.get(r.source, r.source)}出现{r.category}类违禁词「{r.matched}」"
                              f"（信号：{'、'.join(r.signals)}）：“{r.context[:120]}”" for r in found)
            subject = f"keyword:{url}"
        else:
            detail = "；".join(f"疑似严重表述错误「{r.matched}」（应为「{r.right}」{('，' + r.category) if r.category else ''}）"
                              f"：“{r.context[:120]}”" for r in found)
            subject = f"expression:{url}"
        if review:
            detail += "（需人工复核确认）"
        case = {"expression": "1.出现严重表述错误", "keyword": CASE_3,
                "hidden_link": f"{CASE_3}；4.页面被篡改（暗链）"}[kind]
        evidence = {"case": case, "page": url, "signals": [r.as_evidence() for r in found[:MAX_LISTED]],
                    "count": len(found), "lexicon_version": found[0].lexicon_version,
                    "review": "required" if review else "not_required"}
        return self.finding(severity, detail, ctx, evidence_url=url, subject=subject, evidence=evidence)

    def dates(self, site, ctx):
        """伪造发稿日期 candidates: items dated after asof; articles whose own date disagrees with the list."""
        items = [i for i in [*site.homepage_items, *(i for c in site.columns for i in c.items)]
                 if i.date and i.date > ctx.asof]
        items = list({i.url: i for i in items}.values())
        if items:
            items.sort(key=lambda i: i.date, reverse=True)
            yield self.finding(
                "warn", f"{len(items)}条信息的发布日期晚于监测时间点 {ctx.asof}（疑似伪造发稿日期或日期录入错误，需人工确认）："
                        + "、".join(f"{i.title}（{i.date}）" for i in items[:5]),
                ctx, evidence_url=items[0].url, subject="future_dates",
                evidence={"case": "5.存在弄虚作假行为(如伪造发稿日期等)", "asof": ctx.asof.isoformat(),
                          "items": [{"title": i.title, "url": i.url, "date": i.date.isoformat(), "date_raw": i.date_raw}
                                    for i in items[:MAX_LISTED]], "count": len(items)})
        limit = ctx.params["date_mismatch_days"]
        odd = [a for a in site.articles if self.disagrees(a, ctx.asof, limit)]
        if odd:
            yield self.finding(
                "warn", f"{len(odd)}篇文章页的发布日期与栏目列表日期或网址日期不一致（相差超过{limit}天），或晚于监测时间点（需人工确认）："
                        + "、".join(f"{a.list_title or a.url}（列表 {a.list_date}，文章页 {a.date}"
                                   + (f"，网址 {a.evidence['url']}" if a.evidence.get("url") else "") + "）" for a in odd[:5]),
                ctx, evidence_url=odd[0].url, subject="date_mismatch",
                evidence={"case": "5.存在弄虚作假行为(如伪造发稿日期等)", "articles": [
                    {"url": a.url, "article_date": a.date.isoformat() if a.date else None,
                     "list_date": a.list_date.isoformat() if a.list_date else None, "seen": a.evidence}
                    for a in odd[:MAX_LISTED]], "count": len(odd)})

    @staticmethod
    def disagrees(a, asof, limit: int) -> bool:
        """Dated after asof, or the article's stated publication date or its URL's date far from the list's
        date (a 成文日期, a closing line's or an update date differs from it by nature)."""
        if a.date and a.date > asof:
            return True
        if not a.list_date:
            return False
        stated = a.date if a.evidence.get("source") not in ARTICLE_DATE_RAW else None
        return any(d and abs((d - a.list_date).days) > limit for d in (stated, as_date(a.evidence.get("url"))))


@hookimpl
def register_rules():
    return [SecurityIncident()]
