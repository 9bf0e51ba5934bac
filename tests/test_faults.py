"""A real crawl over the fault region: it completes, and every site gets a verdict or a typed status."""

import json

import pytest

from crawler.demo.faults import FAULTS, FaultRegion
from tests.conftest import crawl_inspect, query

# short timeouts: the slow site sleeps 4 s, the crawl gives up after 1.5 s (twice, with the retry);
# a 4 MiB cap (pages here are < 100 kB) stops the 50 MB answers early even on a busy machine
QUICK = ["-s", "DOWNLOAD_TIMEOUT=1.5", "-s", "DOWNLOAD_MAXSIZE=4194304", "-s", "DOWNLOAD_WARNSIZE=2097152",
         "-s", "INSPECT_SITE_MAX_REQUESTS=80", "-s", "PROGRESS_INTERVAL=0"]
EXPECTED = {f.site_id: f for f in FAULTS}


@pytest.fixture(scope="module")
def fault_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("faults")
    with FaultRegion(first_address=1, slow_seconds=4) as region:
        registry = region.write_registry(tmp / "faults.csv")
        db = tmp / "faults.db"
        result = crawl_inspect(registry, db, "2023-02-09", *QUICK)
    return result, db


def test_the_run_completes(fault_run):
    result, db = fault_run
    assert result.returncode == 0, result.stderr[-3000:]
    assert query(db, "SELECT finish_reason FROM runs") == [("finished",)]
    [(stats,)] = query(db, "SELECT stats FROM runs")
    # the only tracebacks are those of pages whose reading raised, each logged with its URL
    assert result.stderr.count("Traceback") == json.loads(stats).get("govinspect/read_errors", 0), result.stderr[-3000:]


@pytest.mark.parametrize("site_id", sorted(EXPECTED))
def test_every_site_gets_its_status_and_typed_reason(fault_run, site_id):
    _, db = fault_run
    fault = EXPECTED[site_id]
    [(status, reason)] = query(db, "SELECT status, reason FROM sites WHERE site_id = ?", site_id)
    assert status == fault.status, reason
    [(qualified, vstatus, vreason)] = query(
        db, "SELECT qualified, status, reason FROM verdicts WHERE site_id = ?", site_id)
    if fault.status == "inspected":
        assert qualified is not None
    else:
        assert reason.split(":")[0] == fault.reason, reason
        assert qualified is None and vstatus == fault.status and vreason == reason  # never judged


@pytest.mark.parametrize("site_id", ["f_flaky", "f_gbk_header", "f_utf8_header", "f_jsredirect", "f_robots"])
def test_recoverable_faults_are_judged_like_their_clean_twin(fault_run, site_id):
    _, db = fault_run
    assert query(db, "SELECT qualified, vetoes FROM verdicts WHERE site_id = ?", site_id) == [(1, "[]")]


def test_lying_charset_headers_are_repaired_and_recorded(fault_run):
    _, db = fault_run
    for site_id in ("f_gbk_header", "f_utf8_header"):
        rows = query(db, "SELECT title, encoding, decode_repaired FROM pages WHERE site_id = ? AND role = 'homepage'",
                     site_id)
        [(title, encoding, repaired)] = rows
        assert title == "拉萨市人民政府".replace("拉萨市", f"故障{site_id[2:]}县"), title
        assert repaired and encoding in repaired, repaired
    titles = [t for (t,) in query(db, "SELECT title FROM items WHERE site_id = 'f_utf8_header'")]
    assert titles and all("\ufffd" not in t for t in titles)


def test_javascript_redirect_is_followed(fault_run):
    _, db = fault_run
    [(final,)] = query(db, "SELECT final_url FROM sites WHERE site_id = 'f_jsredirect'")
    assert final.endswith("/portal/index.html")


def test_traps_stay_within_the_budgets(fault_run):
    _, db = fault_run
    [(n,)] = query(db, "SELECT count(*) FROM pages WHERE site_id = 'f_trap'")
    assert n <= 80
    [(cal,)] = query(db, "SELECT count(*) FROM pages WHERE site_id = 'f_trap' AND url LIKE '%/rili/%'")
    assert 1 <= cal <= 3 + 30  # INSPECT_COLUMN_PAGES of the calendar, plus its bounded sub-columns


def test_the_summary_counts_each_kind_of_failure(fault_run):
    result, db = fault_run
    [(stats,)] = query(db, "SELECT stats FROM runs")
    stats = json.loads(stats)
    for fault in FAULTS:
        if fault.status != "inspected":
            assert stats.get(f"govinspect/sites/{fault.status}/{fault.reason}", 0) >= 1, fault
    summary = [line for line in result.stderr.splitlines() if "failure summary:" in line]
    assert any("not_inspected (" in line and "too_large 3" in line and "timeout 1" in line for line in summary)
    assert any("failed fetches: " in line and "http_4xx 2" in line for line in summary)
    assert any("blocked (js_wall 3, waf_challenge 1)" in line for line in summary)


def test_monitors_flag_the_run_without_failing_it(fault_run):
    result, db = fault_run
    tail = result.stderr.splitlines()
    monitor = next(i for i, line in enumerate(tail) if "monitor summary:" in line)
    assert "failed" in tail[monitor]
    assert any("FAIL sites_not_inspected: 17 of 25 sites" in line for line in tail[monitor:])
    [(monitors,)] = query(db, "SELECT monitors FROM runs")
    checks = {c["name"]: c["passed"] for c in json.loads(monitors)}
    assert checks == {"finish_reason": True, "item_validation": True, "error_rate": True,
                      "sites_not_inspected": False, "log_errors": True, "zero_items": True, "verdicts": True}
    assert result.returncode == 0


def crawl_with_buggy_spider(demo_registry, tmp_path, spider):
    """Crawl lasa and linzhi, lasa read by one of the buggy site-specific spiders in tests/spiders/crashing.py."""
    rows = demo_registry.read_text(encoding="utf-8-sig").splitlines()
    column = rows[0].split(",").index("spider")
    keep = [r.split(",") for r in rows[1:] if r.split(",")[0] in ("lasa", "linzhi")]
    for r in keep:
        if r[0] == "lasa":
            r[column] = spider
    registry = tmp_path / "sites.csv"
    registry.write_text("\n".join([rows[0], *(",".join(r) for r in keep)]) + "\n", encoding="utf-8")
    db = tmp_path / f"{spider}.db"
    result = crawl_inspect(registry, db, "2023-02-09", "-s", "SPIDER_MODULES=crawler.spiders,tests.spiders.crashing")
    assert result.returncode == 0, result.stderr[-3000:]
    return db, result


def test_a_page_whose_reading_raises_is_a_fact_and_the_run_goes_on(demo_registry, demo_db, tmp_path):
    db, result = crawl_with_buggy_spider(demo_registry, tmp_path, "crashing_lists")
    failed = query(db, "SELECT url, error FROM pages WHERE site_id='lasa' AND outcome='read_error'")
    assert failed and all(error == "ValueError: a bug in a site-specific spider" for _, error in failed)
    assert all(f"reading {url} failed: ValueError" in result.stderr for url, _ in failed)
    # the homepage was read: the site is inspected, its unread columns are doubts, never a veto
    assert query(db, "SELECT status FROM sites WHERE site_id='lasa'") == [("inspected",)]
    assert not query(db, "SELECT 1 FROM findings WHERE site_id='lasa' AND rule_id='columns_not_updated' AND severity='veto'")
    # the other site is judged as in the full run
    linzhi = "SELECT qualified, vetoes FROM verdicts WHERE site_id='linzhi'"
    assert query(db, linzhi) == query(demo_db, linzhi)
    [(monitors,)] = query(db, "SELECT monitors FROM runs")
    assert {c["name"]: c["passed"] for c in json.loads(monitors)}["log_errors"] is False


def test_facts_yielded_before_a_page_raised_are_stored(demo_registry, demo_db, tmp_path):
    db, result = crawl_with_buggy_spider(demo_registry, tmp_path, "crashing_subnav")
    raised = [line for line in result.stderr.splitlines() if "ValueError: a bug after the page was read" in line]
    assert raised
    # every homepage column's first page was read, then raised: its page and entries are kept
    level1 = "SELECT column_url FROM columns WHERE site_id='lasa' AND level=1 ORDER BY 1"
    assert query(db, level1) == query(demo_db, level1)
    first = "SELECT column_url FROM pages WHERE site_id='lasa' AND role='column' AND page_no=1 AND outcome='ok' ORDER BY 1"
    assert query(db, first) == query(db, level1)
    entries = ("SELECT column_url, url, date FROM items WHERE site_id='lasa' AND page_url IN "
               "(SELECT url FROM pages WHERE role='column' AND page_no=1) AND column_url IN "
               f"({level1.replace(' ORDER BY 1', '')}) ORDER BY 1, 2")
    assert query(db, entries) and query(db, entries) == query(demo_db, entries)
    assert query(db, "SELECT count(*) FROM links WHERE site_id='lasa'")[0][0] > 0
    assert not query(db, "SELECT 1 FROM pages WHERE site_id='lasa' AND outcome='read_error'")


def test_a_fact_that_cannot_be_stored_is_dropped_alone_and_said(demo_registry, demo_db, tmp_path):
    db, result = crawl_with_buggy_spider(demo_registry, tmp_path, "blank_entry")
    dropped = [line for line in result.stderr.splitlines() if "dropped a fact of http" in line]
    assert dropped and all("EntryItem without url" in line for line in dropped)
    entries = "SELECT column_url, url FROM items WHERE site_id='lasa' ORDER BY 1, 2"
    assert query(db, entries) == query(demo_db, entries)  # the rest of each page's facts are stored
    [(monitors,)] = query(db, "SELECT monitors FROM runs")
    checks = {c["name"]: c for c in json.loads(monitors)}
    assert checks["item_validation"]["passed"] is False
    assert checks["item_validation"]["detail"].startswith(f"{len(dropped)} item(s) dropped as invalid")


def test_a_date_text_that_names_no_day_is_kept_as_text_not_guessed(demo_registry, tmp_path):
    db, _ = crawl_with_buggy_spider(demo_registry, tmp_path, "vague_dates")
    dates = dict(query(db, "SELECT date_raw, group_concat(DISTINCT coalesce(date, 'none')) FROM items "
                           "WHERE site_id='lasa' AND source='column' GROUP BY date_raw"))
    assert dates == {"3个月前": "none", "10分钟后": "none", "05/06/2022": "none", "2023-02-01": "2023-02-01"}


def test_a_response_s_facts_leave_before_its_requests():
    """A fact must be stored before anything its requests fetch can answer (a channel's "pending"
    row after the "ok" its page gave would be a wrong verdict)."""
    from scrapy import Request
    from scrapy.http import HtmlResponse

    from crawler.items import ColumnItem, Facts
    from crawler.middlewares import FactBatches

    response = HtmlResponse("http://127.0.0.1/a/", body=b"<html></html>")
    first, second = (ColumnItem(site_id="s", column_url=f"http://127.0.0.1/{c}/", name=c, category="")
                     for c in "bc")
    request = Request("http://127.0.0.1/b/")
    out = list(FactBatches().process_spider_output(response, iter([first, request, second])))
    assert out == [Facts([first, second], "http://127.0.0.1/a/"), request]

    async def gen():
        for x in (first, request, second):
            yield x

    async def collect():
        return [x async for x in FactBatches().process_spider_output_async(response, gen())]

    coro = collect()  # awaits nothing that needs a loop: stepped by hand
    with pytest.raises(StopIteration) as done:
        coro.send(None)
    assert done.value.value == out

    def failing():
        yield first
        yield request
        raise ValueError("a bug")

    kept = []
    with pytest.raises(ValueError):
        for x in FactBatches().process_spider_output(response, failing()):
            kept.append(x)
    assert kept == [Facts([first], "http://127.0.0.1/a/"), request]


def test_a_portal_whose_news_speak_of_upgrades_and_moves_is_not_a_notice():
    from crawler import blocking

    news = "".join(f"<li><a href='/xwdt/{i}.html'>{title}</a><span>2023-02-0{i}</span></li>" for i, title in enumerate(
        ["县政务服务平台系统升级维护公告", "县融媒体中心整合迁移至新址", "关于停止运行旧版办事系统的通知",
         "县政府召开常务会议", "全县安全生产工作会议召开", "县长调研春耕备耕工作"], 1))
    portal = f"<html><head><title>测试县人民政府</title></head><body><ul>{news}</ul></body></html>"
    assert blocking.notice(200, portal) is None
    assert blocking.notice(200, "<html><head><title>维护公告</title></head><body><p>网站维护中</p></body></html>").kind \
        == "maintenance_notice"


def test_a_homepage_in_a_frame_is_judged_on_what_the_frame_shows(tmp_path):
    from tests.servers import Reply, Served, html_page, write_sites

    news = "<ul class='list'>" + "".join(
        f"<li><a href='/xwdt/{i}.html'>某县召开第{i}次工作推进会议</a><span>2023-02-0{i}</span></li>"
        for i in range(1, 6)) + "</ul>"
    portal = Reply(200, html_page("某县人民政府", news))
    frameset = ("<html><head><title>某县人民政府</title></head><frameset rows='90,*'>"
                "<frame src='/top.html' name='top'><frame src='/portal/index.html' name='main'></frameset></html>")
    iframe = ("<html><head><title>某县人民政府</title></head><body style='margin:0'>"
              "<iframe src='/portal/index.html' width='100%' height='100%' frameborder='0'></iframe></body></html>")
    with Served("127.0.0.93", {"/": Reply(200, frameset), "/top.html": Reply(200, "<p>top</p>"),
                               "/portal/index.html": portal}) as framed, \
            Served("127.0.0.94", {"/": Reply(200, iframe), "/portal/index.html": portal}) as embedded:
        registry = write_sites(tmp_path / "sites.csv", [("framed", framed.url), ("embedded", embedded.url)])
        db = tmp_path / "frames.db"
        result = crawl_inspect(registry, db, "2023-02-09", *QUICK)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = {sid: (status, final) for sid, status, final in query(db, "SELECT site_id, status, final_url FROM sites")}
    assert rows["framed"] == ("inspected", framed.url + "portal/index.html")
    assert rows["embedded"] == ("inspected", embedded.url + "portal/index.html")
    counts = dict(query(db, "SELECT site_id, count(*) FROM items WHERE source = 'homepage' GROUP BY site_id"))
    assert counts == {"framed": 5, "embedded": 5}
