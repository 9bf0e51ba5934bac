"""A first report: the verdict of every site with its vetoes and evidence (Markdown or HTML)."""

from __future__ import annotations

import html
import json
import sqlite3
from pathlib import Path

RULE_NAMES = {
    "security_incident": "安全、泄密事故等严重问题", "site_unreachable": "站点无法访问",
    "homepage_not_updated": "首页不更新", "columns_not_updated": "栏目不更新",
    "interaction_poor": "互动回应差", "service_unusable": "服务不实用",
}


def rows(db_path):
    con = sqlite3.connect(db_path)
    con.row_factory = sqlite3.Row
    verdicts = con.execute("SELECT s.site_id, s.name, s.url, s.region, v.qualified, v.score, v.vetoes, v.reason "
                           "FROM verdicts v JOIN sites s USING (run_id, site_id) ORDER BY s.rowid").fetchall()
    findings = con.execute("SELECT site_id, rule_id, detail, evidence_url FROM findings WHERE severity = 'veto'").fetchall()
    con.close()
    return verdicts, findings


def write_report(db_path, out_path) -> Path:
    out_path = Path(out_path)
    verdicts, findings = rows(db_path)
    by_site = {}
    for f in findings:
        by_site.setdefault(f["site_id"], []).append(f)
    md = out_path.suffix.lower() == ".md"
    lines = []
    for v in verdicts:
        result = "合格" if v["qualified"] == 1 else "不合格" if v["qualified"] == 0 else "未检查"
        reasons = "；".join(f"{RULE_NAMES.get(f['rule_id'], f['rule_id'])}：{f['detail']}" for f in by_site.get(v["site_id"], []))
        lines.append((v["name"], v["url"], v["region"], result, reasons or (v["reason"] or ""), v["score"]))
    if md:
        text = "| 网站 | 地址 | 地区 | 结果 | 原因 | 得分 |\n|---|---|---|---|---|---|\n" + "".join(
            f"| {' | '.join(str(c if c is not None else '') .replace('|', '/') for c in line)} |\n" for line in lines)
    else:
        cells = "".join("<tr>" + "".join(f"<td>{html.escape(str(c if c is not None else ''))}</td>" for c in line) + "</tr>"
                        for line in lines)
        text = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>抽查情况</title></head><body>"
                f"<table><tr><th>网站</th><th>地址</th><th>地区</th><th>结果</th><th>原因</th><th>得分</th></tr>{cells}</table></body></html>")
    out_path.write_text(text, encoding="utf-8")
    return out_path
