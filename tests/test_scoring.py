"""The 100-point score: caps, the 60 and 80 boundaries, bonus items, and 75×4/3 for department
sites without 办事服务 — judged by `scrapy rescore` over a real crawl, with the SCORING table changed."""

from __future__ import annotations

import json
import shutil
from types import SimpleNamespace

import pytest

from rules.base import Finding
from rules.verdict import verdict_for
from tests.conftest import crawl_inspect, query, run_scrapy
from tests.servers import Reply, Served, html_page, write_sites

ASOF = "2023-02-09"
OTHERS_OFF = ("-s", "RULES_DISABLED=interaction_poor,service_unusable,broken_links")
# the page has no identity marks: site_code, conac, icp, police, jiucuo (1 point each) and domain (2)
IDENTITY_RAW = 7.0


@pytest.fixture(scope="module")
def base_db(tmp_path_factory):
    d = tmp_path_factory.mktemp("score")
    home = html_page("测试县人民政府", "<ul>" + "".join(
        f"<li><a href='/xw/{i}.html'>测试县召开第{i}次会议</a><span>2023-02-0{i}</span></li>" for i in range(1, 7)) + "</ul>")
    routes = {"/": Reply(200, home), **{f"/xw/{i}.html": Reply(200, html_page(f"会议{i}")) for i in range(1, 7)}}
    with Served("127.0.0.76", routes) as portal, Served("127.0.0.77", routes) as dept:
        registry = write_sites(d / "sites.csv", [("portal", portal.url, "portal", "csx.example.com"),
                                                 ("dept", dept.url, "department", "jtj.example.com", "no")])
        db = d / "score.db"
        result = crawl_inspect(registry, db, ASOF, *OTHERS_OFF)
        assert result.returncode == 0, result.stderr[-3000:]
    return db


def rescore(base, tmp_path, scoring: dict, params: dict | None = None):
    db = tmp_path / "s.db"
    shutil.copy(base, db)
    args = ["rescore", "-d", str(db), *OTHERS_OFF, "-s", "SCORING=" + json.dumps(scoring, ensure_ascii=False)]
    if params:
        args += ["-s", "RULE_PARAMS=" + json.dumps(params)]
    result = run_scrapy(*args)
    assert result.returncode == 0, result.stderr[-3000:]
    return {sid: (q, score, deducted, bonus) for sid, q, score, deducted, bonus in query(
        db, "SELECT site_id, qualified, score, deducted, bonus FROM verdicts")}


def identity_points(domain: float, cap: float = 100, category: str = "功能设计") -> dict:
    return {"deductions": {"site_identity": {"category": category, "cap": cap, "points": {
        "site_code": 1, "conac": 1, "icp": 1, "police": 1, "jiucuo": 1, "domain": domain}}}}


def test_default_table_caps_identity_at_five(base_db, tmp_path):
    got = rescore(base_db, tmp_path, {})
    assert got["portal"] == (1, 95.0, 5.0, 0.0)
    findings = query(base_db, "SELECT SUM(points) FROM findings WHERE site_id='portal' AND rule_id='site_identity'")
    assert findings == [(IDENTITY_RAW,)]  # the findings keep their own points; the cap applies to the score


def test_rescore_prints_each_score_as_the_report_does(base_db, tmp_path):
    db = tmp_path / "s.db"
    shutil.copy(base_db, db)
    result = run_scrapy("rescore", "-d", str(db), *OTHERS_OFF)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "  portal: 合格 score=95\n" in result.stdout  # 95, not 95.0: the notice's 得分 column


def test_sixty_passes_and_below_sixty_fails(base_db, tmp_path):
    assert rescore(base_db, tmp_path, identity_points(35))["portal"][:2] == (1, 60.0)
    q, score, _, _ = rescore(base_db, tmp_path, identity_points(35.1))["portal"]
    assert (q, score) == (0, 59.9)


def test_bonus_only_strictly_above_eighty_and_for_portals(base_db, tmp_path):
    award = {"bonus_items": {"awards": {"portal": [{"item": "创新应用", "points": 40}],
                                        "dept": [{"item": "创新应用", "points": 5}]}}}
    at80 = rescore(base_db, tmp_path, identity_points(15), award)
    assert at80["portal"] == (1, 80.0, 20.0, 0.0)  # exactly 80: no bonus
    above = rescore(base_db, tmp_path, identity_points(14.9), award)
    assert above["portal"] == (1, 110.1, 19.9, 30.0)  # bonus capped at 30
    assert above["dept"][3] == 0.0  # a department site gets no bonus


def test_department_without_services_is_scored_out_of_75(base_db, tmp_path):
    got = rescore(base_db, tmp_path, identity_points(10))  # 15 points deducted
    assert got["portal"][1] == 85.0
    assert got["dept"][1] == pytest.approx(80.0)  # (75 - 15) × 4/3
    # its 办事服务 deductions are not scored at all
    got = rescore(base_db, tmp_path, identity_points(10, category="办事服务"))
    assert got["dept"][1] == 100.0 and got["portal"][1] == 85.0


def test_rule_and_category_caps():
    site = SimpleNamespace(site_id="s", inspected=True, kind="portal", services=True, status="inspected", reason="")
    f = [Finding("a", "deduct", "x", points=8), Finding("a", "deduct", "y", points=8),
         Finding("b", "deduct", "z", points=30), Finding("c", "warn", "w", points=50)]
    table = {"deductions": {"a": {"category": "功能设计", "cap": 10}, "b": {"category": "办事服务", "cap": 40}},
             "categories": {"办事服务": 25}}
    v = verdict_for(site, f, table)
    assert (v.qualified, v.score, v.deducted) == (True, 65.0, 35.0)  # a: 16→10, b: 30→25 (its category), warn: 0
    v = verdict_for(site, f + [Finding("site_unreachable", "veto", "v")], table)
    assert (v.qualified, v.score, v.vetoes) == (False, None, ["site_unreachable"])
