"""The demo region's new-media accounts, what their platforms serve, and the expected verdicts.

Three loopback hosts stand in for the platforms: a Weibo container API (m.weibo.cn's JSON), an
RSS bridge (RSSHub-style RSS 2.0 and Atom feeds) and WeChat article pages (mp.weixin.qq.com/s/…).
Dates are days before ASOF, so the accounts mean the same on every day the demo is run.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

from crawler.demo.server import free_port, respond, serve, stop
from crawler.demo.world import ASOF

CHINA = timezone(timedelta(hours=8))
FIRST_ADDRESS = 1  # 127.0.1.N: weibo API, RSS bridge, WeChat pages


def at(days: int, hour: int = 9) -> datetime:
    """A moment ``days`` before ASOF, China time."""
    return datetime.combine(ASOF - timedelta(days=days), time(hour), CHINA)


def ctime(days: int) -> str:
    return at(days).strftime("%a %b %d %H:%M:%S %z %Y")


@dataclass
class Expected:
    status: str
    bucket: str | None
    qualified: bool | None
    vetoes: tuple[str, ...] = ()
    name_changed: bool = False
    warns: tuple[str, ...] = ()


@dataclass
class DemoAccount:
    account_id: str
    platform: str
    name: str  # registered name
    owner: str
    expected: Expected
    adapter: str = ""
    platform_id: str = ""
    served: dict = field(default_factory=dict)  # what the platform host serves for it
    region: str = "拉萨市"


def wb(uid, screen_name=None, posts=(), **kw):
    return {"kind": "weibo", "uid": uid, "screen_name": screen_name, "posts": list(posts), **kw}


def post(created_at, text="工作动态", pinned=False):
    return {"created_at": created_at, "text": text, "pinned": pinned}


ACCOUNTS: list[DemoAccount] = [
    # --- Weibo (container API JSON) ---
    DemoAccount("wb_lasa", "weibo", "拉萨发布", "拉萨市人民政府办公室",
                Expected("found", "ok", True), platform_id="1000001",
                served=wb("1000001", "拉萨发布", [post(ctime(700), "欢迎关注拉萨发布", pinned=True), post(ctime(0)),
                                                  post(ctime(3))])),
    DemoAccount("wb_rkz", "weibo", "日喀则发布", "日喀则市人民政府办公室",
                Expected("found", "ok", True), platform_id="1000002",
                served=wb("1000002", "日喀则发布", [post("3小时前"), post("昨天 12:30"), post("02-01")])),
    DemoAccount("wb_shannan", "weibo", "山南发布", "山南市人民政府办公室",
                Expected("found", "2w", False, ("account_not_updated",)), platform_id="1000003",
                served=wb("1000003", "山南发布", [post("刚刚", "置顶：春节值班安排", pinned=True),
                                                  post((ASOF - timedelta(days=20)).isoformat())])),
    DemoAccount("wb_linzhi", "weibo", "林芝发布", "林芝市人民政府办公室",
                Expected("found", "6m", False, ("account_not_updated",)), platform_id="1000004",
                served=wb("1000004", "林芝发布", [post(ctime(222)), post(ctime(300))])),
    DemoAccount("wb_naqu", "weibo", "那曲市应急管理局", "那曲市应急管理局",
                Expected("found", "ok", False, ("account_name_changed",), name_changed=True), platform_id="1000005",
                served=wb("1000005", "那曲应急", [post(ctime(1))])),
    DemoAccount("wb_changdu", "weibo", "昌都市 人民政府", "昌都市人民政府办公室",
                Expected("found", "ok", True), platform_id="1000006",
                served=wb("1000006", "昌都市人民政府", [post(ctime(2))])),
    DemoAccount("wb_mozhu", "weibo", "墨竹工卡发布", "墨竹工卡县人民政府",
                Expected("not_found", None, False, ("account_not_found",)), platform_id="1000007",
                served=wb("1000007", None, search=[("1000077", "墨竹工卡旅游")])),
    DemoAccount("wb_dangxiong", "weibo", "当雄发布", "当雄县人民政府",
                Expected("found", "ok", True, warns=("account_not_found",)), platform_id="1000008",
                served=wb("1000008", None, search=[("1000018", "当雄 发布")],
                          moved={"uid": "1000018", "screen_name": "当雄发布", "posts": [post(ctime(4))]})),
    DemoAccount("wb_login", "weibo", "尼玛发布", "尼玛县人民政府",
                Expected("unverifiable", None, None, warns=("account_unverifiable",)), platform_id="1000009",
                served=wb("1000009", answer="login")),
    DemoAccount("wb_limited", "weibo", "申扎发布", "申扎县人民政府",
                Expected("unverifiable", None, None, warns=("account_unverifiable",)), platform_id="1000010",
                served=wb("1000010", answer="418")),
    # --- feeds from an RSS bridge ---
    DemoAccount("wb_duilong", "weibo", "堆龙德庆发布", "堆龙德庆区人民政府", Expected("found", "ok", True),
                adapter="feed", served={"kind": "rss", "title": "堆龙德庆发布的微博", "items": [1, 9]}),
    DemoAccount("tt_police", "toutiao", "拉萨市公安局", "拉萨市公安局",
                Expected("found", "1y", False, ("account_not_updated",)),
                served={"kind": "atom", "title": "拉萨 市·公安局的头条主页 - 今日头条(www.toutiao.com)", "items": [400, 420]}),
    # 澳门 in ordinary news is no signal
    DemoAccount("wx_dazi", "wechat", "达孜区融媒体中心", "达孜区委宣传部", Expected("found", "ok", True),
                adapter="feed", served={"kind": "rss", "title": "微信公众号 - 达孜区融媒体中心",
                                        "items": [8, (15, "澳门特别行政区考察团来我区考察交流")]}),
    # a hijacked account posting the spam line injected into the seed notice's stored copy
    DemoAccount("dy_hacked", "douyin", "改则县融媒体中心", "改则县委宣传部",
                Expected("found", "ok", False, ("account_security_incident",)),
                served={"kind": "rss", "title": "改则县融媒体中心", "items": [1, (3, "狼友网精品视频在线观看")]}),
    DemoAccount("dy_qushui", "douyin", "曲水县人民政府", "曲水县人民政府",
                Expected("found", "1y", False, ("account_not_updated",)),
                served={"kind": "rss", "title": "曲水县人民政府", "items": []}),
    DemoAccount("dy_12345", "douyin", "拉萨１２３４５热线", "拉萨市政务服务中心", Expected("found", "ok", True),
                served={"kind": "rss", "title": "拉萨12345热线", "items": [2]}),
    DemoAccount("dy_bridge_down", "douyin", "林周县融媒体中心", "林周县委宣传部",
                Expected("unverifiable", None, None, warns=("account_unverifiable",)),
                served={"kind": "status", "status": 503}),
    # --- WeChat article pages ---
    DemoAccount("wx_xizang", "wechat", "西藏发布", "自治区人民政府办公厅", Expected("found", "ok", True),
                platform_id="gh_demo0001", served={"kind": "article", "nickname": "西藏发布", "gh": "gh_demo0001", "days": 2}),
    DemoAccount("wx_nimu", "wechat", "尼木县发布", "尼木县人民政府",
                Expected("found", "ok", False, ("account_name_changed",), name_changed=True),
                platform_id="gh_demo0002", served={"kind": "article", "nickname": "未命名公众号", "gh": "gh_demo0002", "days": 1}),
    DemoAccount("wx_deleted", "wechat", "墨脱发布", "墨脱县人民政府",
                Expected("unverifiable", None, None, warns=("account_unverifiable",)),
                served={"kind": "page", "text": "该内容已被发布者删除"}),
    DemoAccount("wx_captcha", "wechat", "察隅发布", "察隅县人民政府",
                Expected("unverifiable", None, None, warns=("account_unverifiable",)),
                served={"kind": "page", "text": "环境异常 当前环境异常，完成验证后即可继续访问。 去验证"}),
    DemoAccount("wx_old_article", "wechat", "米林发布", "米林县人民政府",
                Expected("found", None, None, warns=("account_not_updated",)),
                platform_id="gh_demo0005", served={"kind": "article", "nickname": "米林发布", "gh": "gh_demo0005", "days": 131}),
    DemoAccount("wx_closed", "wechat", "朗县发布", "朗县人民政府",
                Expected("not_found", None, False, ("account_not_found",)),
                served={"kind": "page", "text": "此帐号已自主注销，内容无法查看"}),
    # --- checked by hand (CSV import) ---
    DemoAccount("dy_gongga", "douyin", "贡嘎县融媒体", "贡嘎县委宣传部",
                Expected("found", "1y", False, ("account_interaction_poor", "account_not_updated")),
                served={"kind": "manual", "observed_name": "贡嘎县融媒体", "days": 465, "interaction": "none"}),
]


def rss(title: str, ages: list, base: str) -> str:
    """A feed of posts aged ``ages`` days; an age may come with its post's title: ``(days, title)``."""
    posts = [a if isinstance(a, tuple) else (a, f"第{i + 1}条 工作动态") for i, a in enumerate(ages)]
    items = "".join(f"<item><title>{escape(t)}</title><link>{base}/p/{i}</link>"
                    f"<pubDate>{format_datetime(at(d).astimezone(timezone.utc), usegmt=True)}</pubDate></item>"
                    for i, (d, t) in enumerate(posts))
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>{base}</link><description>RSSHub</description>{items}</channel></rss>")


def atom(title: str, ages: list[int], base: str) -> str:
    entries = "".join(f'<entry><title>文章{i + 1}</title><link href="{base}/a/{i}"/><id>{base}/a/{i}</id>'
                      f"<published>{at(d).astimezone(timezone.utc).isoformat().replace('+00:00', 'Z')}</published></entry>"
                      for i, d in enumerate(ages))
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(title)}</title><id>{base}</id>{entries}</feed>")


def article(nickname: str, gh: str, days: int) -> str:
    ct = int(at(days).timestamp())
    return (f"<html><head><meta property=\"og:title\" content=\"工作动态\"></head><body>"
            f"<h1 class=\"rich_media_title\">工作动态</h1><script>var nickname = htmlDecode(\"{nickname}\");\n"
            f"var user_name = \"{gh}\";\nvar ct = \"{ct}\";\nvar msg_title = '工作动态'.html(false);</script></body></html>")


class _Handler(BaseHTTPRequestHandler):
    server_version = "DemoPlatform/1.0"

    def log_message(self, *args):
        pass

    def do_GET(self):
        found = self.server.route(self.path)
        status, ctype, body = found if found else (404, "text/plain", "not found")
        respond(self, status, body.encode("utf-8"), ctype)


def write_account_registry(path: str | Path, rows) -> Path:
    """An account registry CSV as Excel saves it (UTF-8 with BOM)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(["account_id", "platform", "name", "owner", "region", "url", "adapter", "platform_id"])
        w.writerows(rows)
    return path


class DemoPlatforms:
    """The demo platforms, served while open: ``with DemoPlatforms() as p: p.write_registry(...)``."""

    def __init__(self, accounts: list[DemoAccount] | None = None, first_address: int = FIRST_ADDRESS):
        self.accounts = accounts or ACCOUNTS
        self.hosts = [f"127.0.1.{first_address + i}" for i in range(3)]
        self.servers: list[ThreadingHTTPServer] = []
        self.port = None

    def base(self, i: int) -> str:
        return f"http://{self.hosts[i]}:{self.port}"

    @property
    def weibo_api(self) -> str:
        return f"{self.base(0)}/api/container/getIndex"

    @property
    def settings(self) -> dict:
        """The settings that point the adapters at these hosts."""
        return {"ACCOUNTS_WEIBO_API": self.weibo_api}

    def __enter__(self):
        self.port = free_port()
        for i, route in enumerate((self.weibo, self.bridge, self.wechat)):
            server = ThreadingHTTPServer((self.hosts[i], self.port), _Handler)
            server.route = route
            self.servers.append(serve(server))
        return self

    def __exit__(self, *exc):
        stop(self.servers)

    # --- what each host serves ---------------------------------------------------------------

    def weibo(self, path):
        parts = urlsplit(path)
        if parts.path != "/api/container/getIndex":
            return None
        container = parse_qs(parts.query).get("containerid", [""])[0]
        users = {}
        for a in self.accounts:
            spec = a.served
            if spec.get("kind") == "weibo":
                users[spec["uid"]] = spec
                if spec.get("moved"):
                    users[spec["moved"]["uid"]] = spec["moved"]
        if container.startswith("100103type=3&q="):
            q = container.split("&q=", 1)[1]
            hits = [{"card_type": 10, "user": {"id": int(uid), "screen_name": name}}
                    for spec in users.values() for uid, name in spec.get("search", ()) if q[:2] in name]
            return 200, "application/json", json.dumps({"ok": 1, "data": {"cards": [{"card_type": 11, "card_group": hits}]}})
        uid = container[6:]
        spec = users.get(uid)
        if spec is None:
            return None
        if spec.get("answer") == "login":
            return 200, "application/json", json.dumps({"ok": -100, "url": "https://passport.weibo.cn/signin/welcome"})
        if spec.get("answer") == "418":
            return 418, "text/plain", "I'm a teapot"
        if not spec.get("screen_name"):
            return 200, "application/json", json.dumps({"ok": 0, "msg": "这里还没有内容", "data": {"cards": []}})
        if container.startswith("100505"):
            return 200, "application/json", json.dumps(
                {"ok": 1, "data": {"userInfo": {"id": int(uid), "screen_name": spec["screen_name"], "followers_count": 1000}}},
                ensure_ascii=False)
        cards = []
        for i, p in enumerate(spec["posts"]):
            mblog = {"id": f"{uid}{i}", "bid": f"B{uid}{i}", "created_at": p["created_at"], "text": p["text"],
                     "comments_count": 3, "comment_manage_info": {"comment_permission_type": -1}}
            if p["pinned"]:
                mblog.update(isTop=1, mblogtype=2, title={"text": "置顶", "base_color": 1})
            cards.append({"card_type": 9, "mblog": mblog})
        return 200, "application/json", json.dumps({"ok": 1, "data": {"cards": cards}}, ensure_ascii=False)

    def bridge(self, path):
        name = urlsplit(path).path.rsplit("/", 1)[-1].removesuffix(".xml")
        account = next((a for a in self.accounts if a.account_id == name), None)
        if account is None:
            return None
        spec, base = account.served, f"{self.base(1)}/{name}"
        if spec["kind"] == "rss":
            return 200, "application/rss+xml; charset=utf-8", rss(spec["title"], spec["items"], base)
        if spec["kind"] == "atom":
            return 200, "application/atom+xml; charset=utf-8", atom(spec["title"], spec["items"], base)
        return spec["status"], "text/html", "<html><body><h1>Looks like something went wrong</h1></body></html>"

    def wechat(self, path):
        name = urlsplit(path).path.rsplit("/", 1)[-1]
        account = next((a for a in self.accounts if a.account_id == name), None)
        if account is None:
            return None
        spec = account.served
        if spec["kind"] == "article":
            return 200, "text/html; charset=utf-8", article(spec["nickname"], spec["gh"], spec["days"])
        return 200, "text/html; charset=utf-8", f"<html><body><div class=\"weui-msg\">{spec['text']}</div></body></html>"

    # --- registry and hand checks ---------------------------------------------------------------

    def url(self, account: DemoAccount) -> str:
        kind = account.served.get("kind")
        if kind == "weibo":
            return f"https://m.weibo.cn/u/{account.served['uid']}"
        if kind in ("rss", "atom", "status"):
            return f"{self.base(1)}/feeds/{account.account_id}.xml"
        if kind in ("article", "page"):
            return f"{self.base(2)}/s/{account.account_id}"
        return ""

    def write_registry(self, path: str | Path) -> Path:
        return write_account_registry(path, ([a.account_id, a.platform, a.name, a.owner, a.region, self.url(a),
                                              a.adapter, a.platform_id] for a in self.accounts))

    def write_checks(self, path: str | Path) -> Path:
        """The hand-check CSV for the accounts staff check themselves."""
        path = Path(path)
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["platform", "account_id", "registered_name", "observed_name", "latest_post_date", "status",
                        "checked_by", "checked_at", "interaction"])
            for a in self.accounts:
                if a.served.get("kind") == "manual":
                    w.writerow([a.platform, a.account_id, a.name, a.served["observed_name"],
                                (ASOF - timedelta(days=a.served["days"])).isoformat(), "found", "扎西",
                                ASOF.isoformat(), a.served["interaction"]])
        return path
