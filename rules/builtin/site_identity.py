"""网站标识与基本规范 (扣分指标, 功能设计; 《政府网站发展指引》 国办发〔2017〕47号).

47号: "政府网站要使用以.gov.cn为后缀的英文域名和符合要求的中文域名" and the opening steps "开办审批、申请党政机关
网站标识、ICP备案、公安机关备案和申请政府网站标识码五个环节". The 国管局 2019 Q2 self-check deducts under 功能设计
for "域名, 网站标识 compliant; IPv6; 我为政府网站找错 entry". The points of each item are UNVERIFIED project
defaults in the SCORING setting (docs/scoring.md).

Reads the ``identity`` facts of crawler/analyzers/identity.py. A check stored as ``unchecked`` (an IP
address, a loopback fixture, DNS switched off) is listed in one ``info`` finding and never deducted.
A certificate that expires within ``cert_warn_days`` of asof is a ``warn``.
"""

from __future__ import annotations

from datetime import date

from rules.base import Rule
from rules.hookspecs import hookimpl

LABELS = {
    "site_code": "网站标识码", "conac": "党政机关网站标识", "icp": "ICP备案号", "police": "公安机关备案号",
    "domain": "政府网站域名（.gov.cn/.政务）", "jiucuo": "“我为政府网站找错”入口", "https": "HTTPS访问",
    "ipv6": "IPv6访问（AAAA记录）", "cert_expiry": "HTTPS证书有效期",
}


class SiteIdentity(Rule):
    """Identity marks, domain and HTTPS/IPv6 hygiene of a site's homepage."""

    id = "site_identity"
    clause = "政府网站要使用以.gov.cn为后缀的英文域名；开办审批、申请党政机关网站标识、ICP备案、公安机关备案和申请政府网站标识码"
    defaults = {"cert_warn_days": 30, "points": {}}

    def evaluate(self, site, ctx):
        checks = site.identity
        if not checks:
            return
        points = ctx.params["points"]
        for name, row in checks.items():
            status, label = row["status"], LABELS.get(name, name)
            evidence = {"check": name, "status": status, "value": row["value"], "detail": row["detail"]}
            if name == "cert_expiry":
                yield from self.certificate(row, ctx, evidence)
            elif status in ("absent", "invalid"):
                what = "缺失" if status == "absent" else "格式不符"
                pts = float(points.get(name, 0))
                yield self.finding("deduct" if pts else "warn", f"{label}{what}：{row['detail']}", ctx,
                                   evidence_url=row["evidence_url"], subject=name, points=pts, evidence=evidence)
            elif status == "inconsistent":
                yield self.finding("warn", f"{label}不一致，请人工核对：{row['detail']}", ctx,
                                   evidence_url=row["evidence_url"], subject=name, evidence=evidence)
        unchecked = sorted(n for n, r in checks.items() if r["status"] == "unchecked")
        if unchecked:
            yield self.finding("info", "未能检查：" + "、".join(LABELS.get(n, n) for n in unchecked), ctx,
                               evidence_url=site.url, subject="unchecked",
                               evidence={n: checks[n]["detail"] for n in unchecked})

    def certificate(self, row, ctx, evidence):
        if row["status"] != "present":
            return
        try:
            not_after = date.fromisoformat(row["value"])
        except ValueError:
            return
        left = (not_after - ctx.asof).days
        if left <= ctx.params["cert_warn_days"]:
            text = f"已于 {not_after} 过期" if left < 0 else f"将于 {not_after} 到期（{left}天后）"
            yield self.finding("warn", f"HTTPS证书{text}", ctx, evidence_url=row["evidence_url"],
                               subject="cert_expiry", evidence={**evidence, "days_left": left})


@hookimpl
def register_rules():
    return [SiteIdentity()]
