"""服务不实用: 办事服务 entries and 办事指南 elements read from real pages, and the service_unusable rule."""

import json
import shutil

from crawler.extract import Page
from crawler.extract.service import entry_table, find_service_links, read_guide
from tests.conftest import query, run_scrapy


def page(body: str, url="http://demo.example/") -> Page:
    return Page(f"<html><body>{body}</body></html>", url)


def test_entries_by_name_and_by_platform_host():
    p = page('<a href="/bsfw/">办事服务</a><a href="https://zwfw.xizang.gov.cn/">西藏</a>'
             '<a href="/bszn/">办事指南</a><a href="/xwdt/">新闻动态</a>')
    found = {(link.name, link.kind) for link in find_service_links(p.body, p.url, entry_table())}
    assert found == {("办事服务", "entry"), ("西藏", "platform"), ("办事指南", "guide")}


def test_guide_elements_in_tables_headings_and_text():
    guide = page("<h2>食品经营许可办事指南</h2><table><tr><th>事项名称</th><td>食品经营许可</td></tr>"
                 "<tr><th>法律依据</th><td>《食品安全法》</td></tr><tr><th>申请材料</th><td>申请书</td></tr>"
                 "<tr><th>联系电话</th><td></td></tr></table><h3>办理流程</h3><p>申请—受理—决定</p>"
                 "<p>受理地点：政务服务中心</p><p>办理时间：无</p>")
    read = read_guide(guide)
    assert read.found == ["事项名称", "设定依据", "办理材料", "办理地点", "办理流程"]
    assert read.missing == ["申请条件", "办理时间", "联系电话"]
    assert read.empty == ["办理时间", "联系电话"]  # labelled without a value: missing all the same


def service(db, site_id):
    return {subject: (severity, detail, url, json.loads(ev)) for subject, severity, detail, url, ev in query(
        db, "SELECT subject, severity, detail, evidence_url, evidence FROM findings "
            "WHERE site_id = ? AND rule_id = 'service_unusable'", site_id)}


def test_guides_missing_elements_are_stored_and_veto(demo_db):
    guides = query(demo_db, "SELECT url, status, found, missing, missing_count FROM service_guides WHERE site_id = 'dazi'")
    assert len(guides) == 3
    for url, status, found, missing, count in guides:
        assert status == "ok" and json.loads(found) == ["事项名称", "办理地点", "联系电话"] and count == 5
    severity, detail, url, ev = service(demo_db, "dazi")["clause2"]
    assert severity == "veto" and "未核实" in detail and url in {g[0] for g in guides}
    assert ev["threshold"] == 5 and ev["threshold_verified"] is False and len(ev["guides"]) == 3


def test_complete_guides_pass(demo_db):
    guides = query(demo_db, "SELECT missing_count FROM service_guides WHERE site_id = 'lasa'")
    assert guides and all(count == 0 for (count,) in guides)
    assert all(severity != "veto" for severity, *_ in service(demo_db, "lasa").values())


def test_no_entry_is_a_veto_and_a_department_without_services_is_exempt(demo_db):
    assert query(demo_db, "SELECT count(*) FROM service_entries WHERE site_id = 'swt'") == [(0,)]
    severity, detail, url, ev = service(demo_db, "swt")["clause1"]
    assert severity == "veto" and "未提供办事服务" in detail and url.startswith("http://127.0.0.")
    assert ev["pages_searched"] >= 1
    assert query(demo_db, "SELECT services FROM sites WHERE site_id = 'dag'") == [(0,)]
    assert set(service(demo_db, "dag")) == {"exempt"}
    assert query(demo_db, "SELECT qualified, vetoes FROM verdicts WHERE site_id = 'dag'") == [(1, "[]")]


def test_guide_threshold_is_a_rule_param(demo_db, tmp_path):
    db = tmp_path / "rescore.db"
    shutil.copy(demo_db, db)
    result = run_scrapy("rescore", "-d", str(db), "-s",
                        'RULE_PARAMS={"service_unusable": {"guide_missing_threshold": 6}}')
    assert result.returncode == 0, result.stderr[-2000:]
    assert query(db, "SELECT vetoes FROM verdicts WHERE site_id = 'dazi'") == [("[]",)]
    assert service(db, "dazi")["clause2"][0] == "info"
