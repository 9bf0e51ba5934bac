"""互动回应差: channels and messages read from real pages, and the interaction_poor rule over a real crawl."""

import json
import shutil
from datetime import date

import pytest

from crawler.extract import Page
from crawler.extract.interaction import (channel_classifier, find_channels, labelled_values, read_date, read_json,
                                         read_list, read_message_page, reply_state)
from tests.conftest import crawl_inspect, crawl_served, query, run_scrapy
from tests.servers import Reply, html_page

ASOF = date(2023, 2, 9)


def page(body: str, url="http://demo.example/hdjl/") -> Page:
    return Page(f"<html><head><title>t</title></head><body>{body}</body></html>", url)


# --- extraction (plain functions) ---------------------------------------------------------------

def test_channels_are_classified_from_the_keyword_table():
    p = page('<div class="nav"><a href="/a/">县长信箱</a><a href="/b/">网上信访</a><a href="/c/">在线访谈</a>'
             '<a href="/d/">纪检举报</a><a href="/e/">民意征集</a><a href="/f/">互动交流</a>'
             '<a href="/g/">关于开展县长信箱来信办理情况专项督查工作的通知</a></div>')
    found = {c.name: c.cls for c in find_channels(p.body, p.url, channel_classifier())}
    assert found == {"县长信箱": "consultation", "网上信访": "petition", "在线访谈": "interview",
                     "纪检举报": "discipline", "民意征集": "suggestion", "互动交流": "hub"}  # a news title is no channel


def test_users_extend_the_keyword_table(tmp_path):
    extra = tmp_path / "more.csv"
    extra.write_text("class,keyword\nconsultation,有事您说话\n", encoding="utf-8")
    p = page('<a href="/x/">有事您说话</a>')
    assert [c.cls for c in find_channels(p.body, p.url, channel_classifier(str(extra)))] == ["consultation"]
    bad = tmp_path / "bad.csv"
    bad.write_text("class,keyword\ncomplaint,投诉\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.csv, row 2: unknown class 'complaint'"):
        channel_classifier(str(bad))


def test_labelled_values_in_tables_definition_lists_and_text():
    p = page("<table><tr><th>来信时间</th><td>2023-01-02 10:00</td><th>办理状态</th><td>已办结</td></tr>"
             "<tr><th>答复单位</th><td>县住建局</td><th>答复时间</th><td></td></tr></table>"
             "<dl><dt>回复时间</dt><dd>2023-01-09</dd></dl><p>主题教育活动时间安排另行通知</p>")
    assert labelled_values(p.body) == {"asked": "2023-01-02 10:00", "status": "已办结", "unit": "县住建局",
                                       "answered": "2023-01-09"}
    p = page("<li><a href='m.html'>问</a> 留言时间：2023-01-01 回复时间：暂无 <span>未答复</span></li>")
    assert labelled_values(p.body) == {"asked": "2023-01-01", "answered": "暂无"}


def test_no_answer_is_not_a_parse_error():
    assert read_date("暂无", ASOF) == (None, "no_answer")
    assert read_date("未答复", ASOF) == (None, "no_answer")
    assert read_date("2022-02-30 09:00", ASOF) == (None, "malformed")
    assert read_date("", ASOF) == (None, "missing")
    assert read_date("2023年1月5日", ASOF) == (date(2023, 1, 5), "")
    assert reply_state("办理中", "") == "open" and reply_state("正在办理", "") == "open"
    assert reply_state("", "暂无") == "open"
    assert reply_state("已办结", "") == "answered"
    assert reply_state("已受理", "") == "open" and reply_state("已转办", "") == "open"
    assert reply_state("", "") == "unknown"


def test_list_shapes():
    both = page("<table><tr><th>标题</th><th>留言时间</th><th>答复时间</th><th>状态</th></tr>"
                "<tr><td><a href='m1.html'>关于路灯</a></td><td>2023-01-02</td><td>2023-01-05</td><td>已答复</td></tr>"
                "<tr><td><a href='m2.html'>关于供暖</a></td><td>2022-09-02</td><td>暂无</td><td>办理中</td></tr></table>")
    read = read_list(both, ASOF)
    assert read.shape == "table" and [m.answered_raw for m in read.messages] == ["2023-01-05", "暂无"]
    assert not any(m.needs_page for m in read.messages)  # both dates are on the list
    status = page("<table><tr><th>信件标题</th><th>办件状态</th></tr>"
                  "<tr><td><a href='/jact/front/mailpubdetail.do?sysid=3&transactId=9'>问</a></td><td>已办结</td></tr></table>")
    (m,) = read_list(status, ASOF).messages
    assert m.status == "已办结" and m.needs_page
    js = page('<ul id="list"></ul><script>$.getJSON("/api/letters.json?page=1", draw)</script>')
    read = read_list(js, ASOF)
    assert read.messages == [] and read.endpoints == ["http://demo.example/api/letters.json?page=1"]
    # a plain list of letters: its one unlabelled date may be the asked or the answered one
    plain = page("<ul class='list'>" + "".join(f"<li><a href='/mail/{i}.html'>关于小区停车难问题的咨询第{i}件</a>"
                                               f"<span>2023-01-1{i}</span></li>" for i in range(4)) + "</ul>")
    read = read_list(plain, ASOF)
    assert read.shape == "list" and len(read.messages) == 4
    assert all(m.needs_page and not m.asked_raw and not m.answered_raw for m in read.messages)
    # letters a script opens without a page of their own have nothing to read their dates on
    scripted = page("<ul class='list'>" + "".join(f"<li><a href=\"javascript:showLetter('{i}')\">关于小区停车难问题的咨询第{i}件</a>"
                                                  f"<span>2023-01-1{i}</span></li>" for i in range(4)) + "</ul>")
    assert read_list(scripted, ASOF).messages == []
    # beside 暂无留言 or a board a script fills, a list is a sidebar's, not the letters
    sidebar = "<div class='side'>" + plain.html.split("<body>")[1].split("</body>")[0] + "</div>"
    for board in ("<p>暂无留言</p>", "<ul id='letters'></ul><script>$.getJSON('/api/letters', draw)</script>"):
        assert read_list(page(board + sidebar), ASOF).messages == []
    empty = page("<div class='list'><p>暂无留言</p></div>")
    assert read_list(empty, ASOF).placeholder == "暂无留言"
    # a board a script draws, or its hidden empty state, is unread, not empty
    drawn = page("<div id='app'><li v-for='m in letters'>{{ m.title }}</li><p v-if='!letters.length'>暂无留言</p></div>")
    hidden = page("<ul id='letters'></ul><div class='none' style='display:none'>暂无数据</div>")
    assert read_list(drawn, ASOF).placeholder == "" and read_list(hidden, ASOF).placeholder == ""


def test_message_page_and_json_endpoint():
    m = read_message_page(page("<h2>关于路灯</h2><table><tr><td>写信时间</td><td>2023-01-02</td></tr>"
                               "<tr><td>回复时间</td><td>2023-01-04</td></tr><tr><td>处理单位</td><td>城管局</td></tr></table>"))
    assert (m.title, m.asked_raw, m.answered_raw, m.unit) == ("关于路灯", "2023-01-02", "2023-01-04", "城管局")
    # bare 标题 and 状态 cells name the page's own fields
    m = read_message_page(page("<h2>某县人民政府</h2><table><tr><td>标题</td><td>关于供暖</td></tr>"
                               "<tr><td>来信时间</td><td>2022-09-02</td></tr><tr><td>状态</td><td>办理中</td></tr></table>"))
    assert (m.title, m.asked_raw, m.status) == ("关于供暖", "2022-09-02", "办理中")
    rows = read_json('jsonp1({"root":[{"createDate":1672531200000,"feedbackDate":"2023-01-04","infoMess":"问",'
                     '"feedbackName":"民航局","id":7}]})', "http://demo.example/api")
    assert [(r.title, r.asked_raw, r.answered_raw, r.unit, r.url) for r in rows] == [
        ("问", "2023-01-01 08:00", "2023-01-04", "民航局", "http://demo.example/api#7")]
    with pytest.raises(ValueError):
        read_json("<html>not json</html>", "http://demo.example/api")


# --- a real crawl of the demo region ------------------------------------------------------------

def findings(db, site_id):
    return {subject: (severity, detail, url, json.loads(ev)) for subject, severity, detail, url, ev in query(
        db, "SELECT subject, severity, detail, evidence_url, evidence FROM findings "
            "WHERE site_id = ? AND rule_id = 'interaction_poor'", site_id)}


def test_messages_with_missing_or_malformed_dates_are_kept_as_such(demo_db):
    rows = query(demo_db, "SELECT url, asked_raw, asked, asked_issue, answered, answered_issue, state FROM messages "
                          "WHERE site_id = 'linzhou' ORDER BY url")
    assert len(rows) == 6  # every message of the list, read from its page
    by_issue = {r[3]: r for r in rows if r[3]}
    assert by_issue["missing"][1:3] == ("", None)
    assert by_issue["malformed"][1:3] == ("2022-02-30 09:00", None)
    undated_reply = [r for r in rows if r[5] == "missing"]
    assert len(undated_reply) == 1 and undated_reply[0][6] == "answered"
    assert sum(1 for r in rows if r[2] and r[4]) == 3  # the other three have both dates
    found = findings(demo_db, "linzhou")
    assert set(found) == {"undated"} and found["undated"][0] == "deduct"
    assert len(found["undated"][3]["messages"]) == 3


def test_open_message_over_90_days_is_a_veto_with_its_dates(demo_db):
    severity, detail, url, ev = findings(demo_db, "qushui")["clause2"]
    assert severity == "veto" and url.endswith("/hdjl/ch1/msg_2.html")
    (m,) = ev["messages"]
    assert (m["asked"], m["answered"], m["answered_raw"], m["status"]) == ("2022-10-12", None, "暂无", "办理中")
    assert "120天未答复" in detail and ev["max_reply_days"] == 90


def test_late_answer_is_a_veto_with_both_dates(demo_db):
    severity, detail, url, ev = findings(demo_db, "duilong")["clause2"]
    (m,) = ev["messages"]
    assert (m["asked"], m["answered"]) == ("2022-07-24", "2022-11-06") and "答复用时105天" in detail
    assert url == m["url"] and url.endswith("/hdjl/ch1/msg_1.html")


def test_clause1_says_which_channel_failed_and_why(demo_db):
    statuses = dict(query(demo_db, "SELECT name, status FROM channels WHERE site_id = 'dangxiong'"))
    assert statuses == {"县长信箱": "error", "网上咨询": "empty", "网上信访": "ok"}
    severity, detail, url, ev = findings(demo_db, "dangxiong")["clause1"]
    assert severity == "veto" and "县长信箱：无法访问" in detail and "HTTP 404" in detail
    assert "网上咨询：从未公开留言（暂无留言）" in detail
    severity, detail, url, ev = findings(demo_db, "gongga")["clause1"]
    assert severity == "veto" and "仅有网上信访、纪检举报" in detail
    assert {c["class"] for c in ev["excluded"]} == {"petition", "discipline"}


def test_jact_and_json_shapes_are_read(demo_db):
    rows = query(demo_db, "SELECT site_id, source, asked, answered, state, unit FROM messages "
                          "WHERE site_id IN ('nimu', 'renbu') ORDER BY site_id, asked")
    nimu = [r for r in rows if r[0] == "nimu"]
    assert len(nimu) == 3 and all(r[1] == "page" and r[2] and r[3] and r[5] == "尼木县办公室" for r in nimu)
    renbu = [r for r in rows if r[0] == "renbu"]
    assert [r[1] for r in renbu] == ["json"] * 3
    assert [r[4] for r in renbu] == ["answered", "answered", "open"]  # the open one is 3 days old: no veto
    assert query(demo_db, "SELECT shape FROM channels WHERE site_id = 'renbu'") == [("json",)]
    assert not findings(demo_db, "nimu") and not findings(demo_db, "renbu")


def test_reply_limit_is_a_rule_param(demo_db, tmp_path):
    db = tmp_path / "rescore.db"
    shutil.copy(demo_db, db)
    result = run_scrapy("rescore", "-d", str(db), "-s", 'RULE_PARAMS={"interaction_poor": {"max_reply_days": 110}}')
    assert result.returncode == 0, result.stderr[-2000:]
    vetoes = dict(query(db, "SELECT site_id, vetoes FROM verdicts WHERE site_id IN ('duilong', 'qushui')"))
    assert json.loads(vetoes["duilong"]) == []  # 105 days is within 110
    assert json.loads(vetoes["qushui"]) == ["interaction_poor"]  # open for 120 days


def test_spent_budget_keeps_the_list_facts(demo_registry, tmp_path):
    db = tmp_path / "budget.db"
    result = crawl_inspect(demo_registry, db, ASOF, "-a", "site=linzhou", "-s", "INTERACTION_SITE_MAX_REQUESTS=1")
    assert result.returncode == 0, result.stderr[-3000:]
    assert query(db, "SELECT status, messages FROM channels") == [("ok", 6)]
    rows = query(db, "SELECT status, state, asked_issue, page_error FROM messages")
    assert len(rows) == 6  # read from the list alone: a status, no dates
    assert all(r[0] == "已答复" and r[1] == "answered" and r[2] == "missing" and "budget" in r[3] for r in rows)
    assert query(db, "SELECT vetoes FROM verdicts") == [("[]",)]  # undated is a deduction fact, not a veto


HUB_SITE = {
    "/": html_page("某县人民政府", '<div class="nav"><a href="/xwdt/">新闻动态</a></div>',
                   footer='<a href="/hub/">互动交流</a><a href="/bs/">网上办事</a>'),
    "/xwdt/": html_page("新闻动态", '<ul class="list">' + "".join(
        f'<li><a href="/xwdt/{i}.html">某县召开第{i}次工作推进会议</a><span>2023-02-0{i}</span></li>' for i in range(1, 5))
        + "</ul>"),
    "/hub/": html_page("互动交流", '<div class="sub"><a href="/mail/">书记信箱</a><a href="/gone/">在线咨询</a></div>'),
    "/mail/": html_page("书记信箱", '<ul class="mails">'
                        '<li><a href="/mail/1.html">问一</a> 来信时间：2022-06-01 答复时间：2022-06-03</li>'
                        '<li><a href="/mail/2.html">问二</a> 来信时间：2022-08-01 答复时间：暂无</li>'
                        '<li><a href="/mail/3.html">问三</a> 来信时间：2022-13-45 答复时间：2022-09-03</li></ul>'),
}


def test_hub_labelled_list_and_a_dead_channel_beside_a_live_one(tmp_path):
    """Channels found on a 互动交流 page; a dead one beside a valid one is no clause-1 veto."""
    db = crawl_served(tmp_path, {"hub": ("127.0.0.41", {p: Reply(body=b) for p, b in HUB_SITE.items()})})
    assert sorted(query(db, "SELECT name, status, found_on LIKE '%/hub/' FROM channels")) == [
        ("书记信箱", "ok", 1), ("在线咨询", "error", 1)]
    assert sorted(query(db, "SELECT title, asked, asked_issue, answered, state FROM messages")) == [
        ("问一", "2022-06-01", "", "2022-06-03", "answered"), ("问三", None, "malformed", "2022-09-03", "answered"),
        ("问二", "2022-08-01", "", None, "open")]
    found = {subject: f[:2] for subject, f in findings(db, "hub").items()}
    assert "clause1" not in found
    assert found["clause2"][0] == "veto" and "问二" in found["clause2"][1] and "192天未答复" in found["clause2"][1]
    assert found["undated"][0] == "deduct" and found["no_recent_reply"][0] == "deduct"


LETTERS = [("关于小区停车难问题的咨询", "来信时间：2022-06-01", "答复时间：2022-06-03", "办理状态：已办结"),
           ("关于老旧小区供暖问题的咨询", "来信时间：2022-08-01", "", "办理状态：办理中"),
           ("关于学校周边交通安全的建议", "来信时间：2023-01-10", "答复时间：2023-01-12", "办理状态：已办结")]
PLAIN_SITE = {
    "/": html_page("某县人民政府", '<div class="nav"><a href="/xwdt/">新闻动态</a></div>', footer='<a href="/mail/">县长信箱</a>'),
    "/xwdt/": HUB_SITE["/xwdt/"],
    # the list shows each letter's title and one date, unlabelled; its page says which date is which
    "/mail/": html_page("县长信箱", '<ul class="list">' + "".join(
        f'<li><a href="/mail/{i}.html">{t}</a><span>{asked[5:]}</span></li>' for i, (t, asked, _, _) in enumerate(LETTERS))
        + "</ul>"),
    **{f"/mail/{i}.html": html_page(t, f"<p>{asked}</p><p>{answered}</p><p>{status}</p><p>来信内容。</p>")
       for i, (t, asked, answered, status) in enumerate(LETTERS)},
}


def test_a_plain_list_of_letters_is_read_on_the_letters_own_pages(tmp_path):
    db = crawl_served(tmp_path, {"plain": ("127.0.0.57", {p: Reply(body=b) for p, b in PLAIN_SITE.items()})})
    assert query(db, "SELECT name, status, shape FROM channels") == [("县长信箱", "ok", "list")]
    assert sorted(query(db, "SELECT title, asked, answered, state FROM messages")) == sorted([
        (LETTERS[0][0], "2022-06-01", "2022-06-03", "answered"), (LETTERS[1][0], "2022-08-01", None, "open"),
        (LETTERS[2][0], "2023-01-10", "2023-01-12", "answered")])
    found = findings(db, "plain")
    assert "clause1" not in found
    assert found["clause2"][0] == "veto" and LETTERS[1][0] in found["clause2"][1]


BANNER_SITE = {
    "/": html_page("某县人民政府", '<div class="nav"><a href="/xwdt/">新闻动态</a></div>'
                   '<div class="banners"><a href="/mail/"><img src="/img/xzxx.png" alt="县长信箱"></a>'
                   '<a href="/bs/"><img src="/img/wsbs.png" alt="网上办事"></a>'
                   '<a href="/tp/"><img src="/img/1.jpg"></a></div>'),
    "/xwdt/": HUB_SITE["/xwdt/"],
    "/mail/": html_page("县长信箱", '<ul class="mails"><li><a href="/mail/1.html">问一</a> '
                        '来信时间：2023-01-10 答复时间：2023-01-12</li></ul>'),
}


# entries a script opens: <a href="javascript:void(0)" onclick="window.open('…')">
SCRIPTED_HOME = html_page("某县人民政府", '<div class="nav"><a href="/xwdt/">新闻动态</a></div>'
                          '<div class="entries"><a href="javascript:void(0)" onclick="window.open(\'/mail/\')">县长信箱</a>'
                          '<a href="#" onclick="location.href=\'/bs/\'">网上办事</a></div>')


@pytest.mark.parametrize("host, home", [("127.0.0.92", BANNER_SITE["/"]), ("127.0.0.95", SCRIPTED_HOME)],
                         ids=["image", "script"])
def test_a_channel_or_service_entry_drawn_as_an_image_or_opened_by_a_script_is_found(tmp_path, host, home):
    db = crawl_served(tmp_path, {"banner": (host, {p: Reply(body=b) for p, b in {**BANNER_SITE, "/": home}.items()})})
    assert query(db, "SELECT name, status FROM channels") == [("县长信箱", "ok")]
    assert "clause1" not in findings(db, "banner")
    assert query(db, "SELECT name, kind FROM service_entries") == [("网上办事", "entry")]
    vetoes = query(db, "SELECT vetoes FROM verdicts")[0][0]
    assert "interaction_poor" not in vetoes and "service_unusable" not in vetoes
