"""Link health and site identity: a real `scrapy crawl inspect` over served sites, judged by the rules."""

from __future__ import annotations

import json

import pytest

from tests.conftest import crawl_inspect, query
from tests.servers import RESET, Reply, Served, html_page, write_sites

ASOF = "2023-02-09"
FOOTER = ('<p>主办：测试县人民政府办公室 网站标识码：5401000001</p><p>藏ICP备05000001号-1 藏公网安备54010202000001号</p>'
          '<span id="_ideConac"></span><script src="https://dcs.conac.cn/js/27/000/0000/60000000/CA270000000600000000000.js"></script>'
          '<script id="_jiucuo_" sitecode="5401000001" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>')
META = '<meta name="SiteIDCode" content="5401000001">'


def news_list(prefix, n=6):
    return "<ul class='list'>" + "".join(
        f"<li><a href='{prefix}/t2023020{i}_{i}.html'>测试县召开第{i}次工作推进会议</a><span>2023-02-0{i}</span></li>"
        for i in range(1, n + 1)) + "</ul>"


def article(title):
    return html_page(title, f"<p>发布时间：2023-02-01</p><p>{title}正文。</p>")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    d = tmp_path_factory.mktemp("checks")
    big = b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024)
    with Served("127.0.0.73", {"/gone.html": Reply(404, "not here"), "/fine.html": Reply(200, article("外链"))}) as ext:
        good_home = html_page(
            "测试县人民政府",
            news_list("/xwdt") + f"<a href='/xwdt/'>新闻动态</a><a href='/missing.html'>失效页面</a>"
            f"<a href='/broken500.html'>出错页面</a><img src='/img/lost.png' alt='图片'>"
            f"<a href='/files/report.pdf'>附件</a><a href='/nohead.html'>只接受GET</a>"
            f"<a href='{ext.url}gone.html'>外部失效</a><a href='{ext.url}fine.html'>外部正常</a>"
            f"<a href='/locked.html'>需登录</a><a href='javascript:void(0)'>脚本</a><a href='mailto:a@b.cn'>邮件</a>",
            FOOTER, META)
        column = html_page("新闻动态", news_list("/xwdt") + "<a href='/col-missing.html'>栏目页失效链接</a>", "", META)
        good_routes = {"/": Reply(200, good_home), "/xwdt/": Reply(200, column),
                       "/broken500.html": Reply(500, "error"), "/files/report.pdf": Reply(200, big, content_type="application/pdf"),
                       "/nohead.html": Reply(200, article("GET页面")), "/locked.html": Reply(403, "forbidden"),
                       "/img/lost.png": RESET}
        good_routes.update({f"/xwdt/t2023020{i}_{i}.html": Reply(200, article(f"会议{i}")) for i in range(1, 7)})
        bare_home = html_page("测试乡人民政府", news_list("/gzdt") + "<a href='/nowhere.html'>失效</a>", "<p>版权所有</p>")
        bare_routes = {"/": Reply(200, bare_home)}
        bare_routes.update({f"/gzdt/t2023020{i}_{i}.html": Reply(200, article(f"动态{i}")) for i in range(1, 7)})
        with Served("127.0.0.74", good_routes, no_head={"/nohead.html"}) as good, \
                Served("127.0.0.75", bare_routes, soft_404=True) as bare:
            registry = write_sites(d / "sites.csv", [
                ("good", good.url, "portal", "csx.gov.cn"), ("bare", bare.url, "portal", "bare.example.com")])
            db = d / "checks.db"
            # the sites have no 留言 or 办事 entry: those vetoes are other tests' business, the score is ours
            result = crawl_inspect(registry, db, ASOF, "-s", "RULES_DISABLED=interaction_poor,service_unusable")
            assert result.returncode == 0, result.stderr[-3000:]
            hits = {"good": list(good.hits), "ext": list(ext.hits)}
    return db, hits


def links(db, site):
    return {url.split("/", 3)[3] if url.count("/") >= 3 else url: (kind, outcome, code, home)
            for url, kind, outcome, code, home in query(
                db, "SELECT url, kind, outcome, http_code, on_homepage FROM links WHERE site_id=?", site)}


def test_links_are_checked_and_typed(crawled):
    db, hits = crawled
    got = links(db, "good")
    assert got["missing.html"][:3] == ("a", "broken", 404)
    assert got["broken500.html"][:3] == ("a", "broken", 500)
    assert got["img/lost.png"][:2] == ("img", "broken")
    assert got["files/report.pdf"][:3] == ("attachment", "ok", 200)
    assert got["nohead.html"][:3] == ("a", "ok", 200)  # HEAD refused, GET fallback
    assert got["locked.html"][1] == "unverifiable"
    assert got["gone.html"][1:3] == ("broken", 404) and got["fine.html"][1] == "ok"
    assert got["col-missing.html"][1] == "broken" and got["col-missing.html"][3] == 0  # found on a column page
    assert not any(u.startswith(("javascript", "mailto")) for u in got)
    # the PDF was never downloaded whole: HEAD only
    assert [m for m, p in hits["good"] if p == "/files/report.pdf"] == ["HEAD"]
    assert [m for m, p in hits["good"] if p == "/nohead.html"] == ["HEAD", "GET"]


def test_each_url_is_checked_once_per_run(crawled):
    db, hits = crawled
    ext_checks = [(m, p) for m, p in hits["ext"]]
    assert ext_checks.count(("HEAD", "/fine.html")) == 1
    (n,) = query(db, "SELECT COUNT(*) FROM links WHERE site_id='good' AND url LIKE '%/missing.html'")[0]
    assert n == 1


def test_broken_links_are_deducted_with_their_points(crawled):
    db, _ = crawled
    rows = {json.loads(ev)["link"].split("/", 3)[3]: (sev, pts, url) for sev, pts, url, ev in query(
        db, "SELECT severity, points, evidence_url, evidence FROM findings WHERE site_id='good' AND rule_id='broken_links'")}
    assert set(rows) == {"missing.html", "broken500.html", "img/lost.png", "gone.html", "col-missing.html"}
    assert rows["missing.html"][:2] == ("deduct", 1.0)
    assert rows["col-missing.html"][:2] == ("deduct", 0.1) and rows["col-missing.html"][2].endswith("/xwdt/")
    (score, deducted), = query(db, "SELECT score, deducted FROM verdicts WHERE site_id='good'")
    assert deducted == pytest.approx(4.1) and score == pytest.approx(95.9)


def test_soft_404_site_is_flagged_unreliable(crawled):
    db, _ = crawled
    probe = query(db, "SELECT outcome FROM links WHERE site_id='bare' AND kind='soft404_probe'")
    assert probe == [("soft_404",)]
    assert query(db, "SELECT outcome FROM links WHERE site_id='good' AND kind='soft404_probe'") == [("not_found",)]
    findings = query(db, "SELECT subject, severity, detail FROM findings WHERE site_id='bare' AND rule_id='broken_links'")
    assert [(s, sev) for s, sev, _ in findings] == [("soft_404", "warn")]  # /nowhere.html answered 200: unseen


def identity(db, site):
    return {c: (s, v) for c, s, v in query(db, "SELECT check_name, status, value FROM identity WHERE site_id=?", site)}


def test_identity_footer_present(crawled):
    db, _ = crawled
    got = identity(db, "good")
    assert got["site_code"][0] == "present" and json.loads(got["site_code"][1]) == {
        "footer": "5401000001", "jiucuo": "5401000001", "meta": "5401000001"}
    assert got["conac"][0] == got["jiucuo"][0] == "present"
    assert got["icp"] == ("present", "藏ICP备05000001号-1") and got["police"] == ("present", "藏公网安备54010202000001号")
    assert got["domain"] == ("present", "csx.gov.cn")  # from the registry, not the loopback host
    assert got["https"][0] == got["ipv6"][0] == got["cert_expiry"][0] == "unchecked"
    assert query(db, "SELECT COUNT(*) FROM findings WHERE site_id='good' AND rule_id='site_identity' "
                     "AND severity IN ('deduct', 'warn')") == [(0,)]


def test_identity_footer_absent(crawled):
    db, _ = crawled
    got = identity(db, "bare")
    assert {c: s for c, (s, _) in got.items() if s != "unchecked"} == {
        "site_code": "absent", "conac": "absent", "icp": "absent", "police": "absent", "jiucuo": "absent",
        "domain": "absent"}
    rows = {s: (sev, pts) for s, sev, pts in query(
        db, "SELECT subject, severity, points FROM findings WHERE site_id='bare' AND rule_id='site_identity'")}
    assert rows["domain"] == ("deduct", 2.0) and rows["site_code"] == ("deduct", 1.0)
    assert rows["unchecked"][0] == "info"
    (score, deducted), = query(db, "SELECT score, deducted FROM verdicts WHERE site_id='bare'")
    assert deducted == 5.0 and score == 95.0  # 7 points of identity deductions, capped at 5


@pytest.mark.parametrize("days", [10, 90])
def test_certificate_expiring_within_30_days_is_a_warning(tmp_path, days):
    """A site registered with https: HTTPS present, and its certificate's expiry judged against asof."""
    from datetime import date

    from tests.servers import self_signed

    home = html_page("测试县人民政府", news_list("/xw"), FOOTER, META)
    routes = {"/": Reply(200, home), **{f"/xw/t2023020{i}_{i}.html": Reply(200, article(f"会议{i}")) for i in range(1, 7)}}
    with Served("127.0.0.78", routes, tls=self_signed(tmp_path, "127.0.0.78", days=days)) as site:
        registry = write_sites(tmp_path / "sites.csv", [("tls", site.url, "portal", "tls.gov.cn")])
        db = tmp_path / "tls.db"
        result = crawl_inspect(registry, db, date.today().isoformat(), "-s",
                               "RULES_DISABLED=interaction_poor,service_unusable,homepage_not_updated,columns_not_updated")
        assert result.returncode == 0, result.stderr[-3000:]
    got = identity(db, "tls")
    assert got["https"][0] == "present" and got["cert_expiry"][0] == "present"
    left = (date.fromisoformat(got["cert_expiry"][1]) - date.today()).days
    assert days - 1 <= left <= days
    found = query(db, "SELECT severity, detail FROM findings WHERE site_id='tls' AND subject='cert_expiry'")
    if days <= 30:
        assert found[0][0] == "warn" and "到期" in found[0][1]
    else:
        assert found == []


def test_link_checks_are_bounded_per_site_and_attachments_never_downloaded_whole(tmp_path):
    big = b"%PDF-1.4\n" + b"0" * (8 * 1024 * 1024)
    home = html_page("测试县人民政府", news_list("/xw") + "<a href='/files/big.pdf'>附件</a>"
                     + "".join(f"<a href='/p{i}.html'>页面{i}</a>" for i in range(20)), FOOTER, META)
    routes = {"/": Reply(200, home), "/files/big.pdf": Reply(200, big, content_type="application/pdf"),
              **{f"/xw/t2023020{i}_{i}.html": Reply(200, article(f"会议{i}")) for i in range(1, 7)}}
    with Served("127.0.0.79", routes, no_head={"/files/big.pdf"}) as site:
        registry = write_sites(tmp_path / "sites.csv", [("cap", site.url)])
        db = tmp_path / "cap.db"
        # the PDF is over the check's size cap: only a GET that stops at the headers can pass
        result = crawl_inspect(registry, db, ASOF, "-s", "LINKS_MAX_PER_SITE=8", "-s", "LINKS_MAXSIZE=100000")
        assert result.returncode == 0, result.stderr[-3000:]
    checked = query(db, "SELECT url, outcome, method FROM links WHERE site_id='cap' AND kind != 'soft404_probe'")
    assert len(checked) == 8
    pdf = [(o, m) for u, o, m in checked if u.endswith("/files/big.pdf")]
    assert pdf == [("ok", "GET")]


@pytest.mark.parametrize("mark, footer, found", [
    ("POLICE", "川公网安备 51010402000507号", "川公网安备 51010402000507号"),
    ("POLICE", "京公网安备 11010502030143 号", "京公网安备 11010502030143 号"),
    ("POLICE", "公安机关备案号：51010402000507", "公安机关备案号：51010402000507"),
    ("POLICE", "公安备案号:51010402000507", "公安备案号:51010402000507"),
    # the 号 dropped, a colon, the province left out
    ("POLICE", "川公网安备51010402000507", "川公网安备51010402000507"),
    ("POLICE", "川公网安备：51010402000507号", "川公网安备：51010402000507号"),
    ("POLICE", "备案：公网安备 51010402000507号", "公网安备 51010402000507号"),
    ("POLICE", "公安备案号：请见页面底部", None),
    ("POLICE", "联系电话：0891-12345678901234", None),
    ("POLICE", "公网安备 1234", None),
    ("ICP", "蜀ICP备12345678号-1", "蜀ICP备12345678号-1"),
    ("ICP", "京ICP证030173号", "京ICP证030173号"),
    ("ICP", "ICP备案号：蜀ICP备12345678-1", "蜀ICP备12345678-1"),  # the 号 dropped
    ("ICP", "蜀ICP备12345678", "蜀ICP备12345678"),
    ("ICP", "ICP备案：暂无", None),
    ("ICP", "电话ICP备123", None),
])
def test_registration_numbers_in_the_footer_forms_sites_use(mark, footer, found):
    from crawler.analyzers import identity

    m = getattr(identity, mark).search(footer)
    assert (m.group(0) if m else None) == found


@pytest.mark.parametrize("footer,found", [
    ("网站标识码：5101000001", "5101000001"),
    ("政府网站标识码 bm01000001", "bm01000001"),
    ("网站标识码：51010000012", "51010000012"),  # shown, of the wrong form: invalid, not absent
    ("网站识别码：5101000001", "5101000001"),
    ("标识码：5101000001", "5101000001"),
    ("标识码：510100000123", None),  # a shorter label counts with a code of the right form only
])
def test_site_code_in_the_footer_forms_sites_use(footer, found):
    from crawler.analyzers.identity import FOOTER_CODE

    assert next((a or b for a, b in FOOTER_CODE.findall(footer)), None) == found


@pytest.mark.parametrize("entry, present", [
    ("<script id='_jiucuo_' sitecode='5401000001' src='https://zfwzgl.www.gov.cn/exposure/jiucuo.js'></script>", True),
    ("<a href='javascript:void(0)' onclick=\"window.open('https://zfwzgl.www.gov.cn/exposure/jiucuo.html"
     "?site_code=5401000001')\"><img src='/img/jc.png'></a>", True),
    ("<a href='/zfwzzc/index.html'>我为政府网站找错</a>", True),
    ("<a href='/zfwzzc/'><img src='/img/jc.png' alt='我为政府网站找错'></a>", True),
    ("<a href='/about/'>联系我们</a>", False),
])
def test_the_jiucuo_entry_in_the_forms_homepages_show_it(entry, present):
    from types import SimpleNamespace

    from scrapy.utils.test import get_crawler

    from crawler.analyzers.identity import IdentityAnalyzer
    from crawler.extract import Page

    site = SimpleNamespace(site_id="x", url="http://www.x.gov.cn/")
    page = Page(f"<html><body><div class='footer'>{entry}</div></body></html>", site.url)
    got = {i.check_name: i.status for i in IdentityAnalyzer(get_crawler()).marks(site, site.url, page)}
    assert got["jiucuo"] == ("present" if present else "absent")
