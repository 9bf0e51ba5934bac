"""站点无法访问 (单项否决 2).

国办秘函〔2019〕19号: "监测 1 周,每天间隔性访问 20 次以上,超过(含)15 秒网站仍打不开的次数累计占比超过(含)5%,
即单项否决。" The probes come from `scrapy crawl probe` rounds (the ``probes`` table, the site's history);
the window is the ``window_days`` calendar days (Asia/Shanghai) before asof. "超过(含)" includes the
boundary at both 15 s and 5 %. "20 次以上" includes 20 (以上 includes the number).

A day with fewer than ``min_probes_per_day`` probes means the site was not monitored as the rule
requires: that is a ``warn`` finding, never a silent pass, and never a veto on thin evidence (the
failure ratio seen is reported with it).
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from rules.base import Rule
from rules.hookspecs import hookimpl


class SiteUnreachable(Rule):
    """Failed homepage probes over the monitoring week reach the ratio of the rule."""

    id = "site_unreachable"
    clause = "监测1周,每天间隔性访问20次以上,超过(含)15秒网站仍打不开的次数累计占比超过(含)5%,即单项否决。"
    defaults = {
        "window_days": 7,
        "min_probes_per_day": 20,
        "fail_ratio": 0.05,
        "timeout_s": 15,
        # statuses that say nothing about availability: left out of the count (a WAF page to our prober)
        "ignore_statuses": ["blocked"],
        # statuses that count as "opened" (every other status counts as a failed probe)
        "ok_statuses": ["ok"],
    }

    def evaluate(self, site, ctx):
        p = ctx.params
        first, last = ctx.days_before(p["window_days"]), ctx.days_before(1)
        log = site.probes
        probes = [x for x in (log.between(first, last) if log is not None else [])
                  if x.status not in p["ignore_statuses"]]
        failed = [x for x in probes if self.failed(x, p)]
        per_day = Counter(x.day for x in probes)
        days = [first + timedelta(days=i) for i in range(p["window_days"])]
        short = [d for d in days if per_day[d] < p["min_probes_per_day"]]
        ratio = len(failed) / len(probes) if probes else None
        evidence = {
            "window": [first.isoformat(), last.isoformat()], "probes": len(probes), "failed": len(failed),
            "ratio": round(ratio, 4) if ratio is not None else None,
            "per_day": {d.isoformat(): per_day[d] for d in days},
            "failures_by_status": dict(Counter(x.status for x in failed)),
            "examples": [{"time": x.time.isoformat(), "status": x.status, "elapsed": x.elapsed,
                          "http_code": x.http_code, "detail": x.detail, "origin": x.origin} for x in failed[:10]],
        }
        url = failed[0].url if failed else site.url
        if short:
            seen = f"，已有{len(probes)}次访问中失败{len(failed)}次（{ratio:.1%}）" if probes else "，无任何可用的访问记录"
            yield self.finding(
                "warn", f"可用性监测不足：监测时间点前{p['window_days']}天中有{len(short)}天每天访问少于"
                        f"{p['min_probes_per_day']}次{seen}，无法按“站点无法访问”指标判定（insufficient monitoring）",
                ctx, evidence_url=url, subject="insufficient_monitoring",
                evidence={**evidence, "short_days": [d.isoformat() for d in short]})
            return
        if ratio >= p["fail_ratio"]:
            yield self.finding(
                "veto", f"监测时间点前{p['window_days']}天共访问首页{len(probes)}次，{len(failed)}次在"
                        f"{p['timeout_s']}秒内未能打开（{ratio:.1%}，≥{p['fail_ratio']:.0%}）",
                ctx, evidence_url=url, subject="probes", evidence=evidence)

    @staticmethod
    def failed(probe, p) -> bool:
        if probe.status not in p["ok_statuses"]:
            return True
        return probe.elapsed is not None and probe.elapsed >= p["timeout_s"]


@hookimpl
def register_rules():
    return [SiteUnreachable()]
