"""The seed-shaped new-media half: 1,203 accounts, of which the accounts spider draws 146 by platform.

As for the sites (crawler.demo.seed_region), the draw is computed first and the drawn accounts get
the seed's outcomes: per platform how many are 不合格, and the accounts named as the seed names
them (长期未更新 / 半年以上 / 超过2周 by platform, 名称变动未报备, 搜索不到). The accounts are read
through an RSS bridge (the feed adapter, as RSSHub serves WeChat, Weibo, Douyin and Toutiao), and
the 搜索不到 WeChat accounts through their article page saying the account was deregistered.

The seed's figures disagree with its own lists: its platform rows count 58 不合格 (46+5+6+1) of
146, its total says 59, and its named 抖音 problems are 7 for 6 不合格. Following the figures, the
59th 不合格 sits on the fifth platform (3 accounts), and 工布江达县“林芝巴河” — named as a 抖音
account not found — is that account, found but not updated for over 2 weeks.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from crawler import registry
from crawler.demo.accounts import article, rss, write_account_registry
from crawler.demo.server import free_port, respond, serve, stop

SEED = "2022Q4"
SAMPLE = 146
# platform → (registered, sampled by the draw)
PLATFORMS = {"wechat": (972, 118), "weibo": (66, 8), "douyin": (99, 12), "toutiao": (41, 5), "feed": (25, 3)}
DAYS = {"1y": 400, "6m": 200, "2w": 30, "ok": 2}
FEED_TITLES = {"wechat": "微信公众号 - {}", "weibo": "{}的微博", "toutiao": "{}的头条主页 - 今日头条(www.toutiao.com)",
               "douyin": "{}", "feed": "{}"}
# (platform, owner, name, outcome) in the seed's order; outcome: a bucket, "renamed:<new>" or "not_found"
NAMED = [
    *[("wechat", o, n, "1y") for o, n in (
        ("拉萨市", "非遗拉萨"), ("康马县", "康马妇女之家"), ("乃东", "健康乃东"), ("乃东", "结巴视界"),
        ("洛扎县", "拉康微动态"), ("洛扎县", "边巴乡人民政府"), ("洛扎县", "洛扎旅游"), ("加查县", "加查环保"),
        ("加查县", "西藏加查人社"), ("措美县", "措美旅游"), ("措美县", "视听措美"))],
    ("toutiao", "", "西藏自治区信访局", "1y"),
    ("weibo", "林芝市", "林芝巴河", "1y"),
    *[("wechat", o, n, "6m") for o, n in (
        ("加查县", "西藏加查应急"), ("达孜区广播电视台", "虎峰之声"), ("察雅县", "文化察雅"), ("达孜区信访局", "阳光达孜信访"))],
    ("weibo", "乃东", "乃东卫士", "6m"),
    *[("wechat", o, n, "2w") for o, n in (
        ("拉萨市财政局", "西藏拉萨市财政局"), ("拉萨体育局", "拉萨市群众文化体育中心"), ("达孜区", "拉萨市达孜区住房和城乡建设局"),
        ("达孜区", "达孜教育"), ("达孜区", "达孜市场监督管理局"), ("达孜区", "拉萨达孜统计"), ("尼木县", "平安尼木"),
        ("乃东", "乃东电商"), ("加查县", "加查人民医院"), ("林芝市", "林芝林业"), ("米林县", "法治米林"),
        ("米林县", "魅力之丹娘"), ("朗县", "东嘎镇工作动态"), ("察雅县", "聚焦察拉"), ("察雅县", "法治察雅a"),
        ("察雅县", "wang卡动态"), ("八宿县", "八宿农牧局"), ("八宿县", "网信八宿"), ("八宿县", "邦达草原"),
        ("康马县", "涅如麦乡人民政府"))],
    *[("douyin", o, n, "2w") for o, n in (("拉萨市", "城管警事"), ("达孜区", "邦堆新时代"), ("乃东", "乃东卫士"),
                                          ("林芝市", "林芝网警"))],
    *[("weibo", o, n, "2w") for o, n in (("拉萨市", "拉萨交警"), ("拉萨市", "平安拉萨"), ("林芝市", "林芝交警"))],
    ("feed", "工布江达县", "林芝巴河", "2w"),
    ("wechat", "曲松县", "曲松公安", "renamed:曲松县公安局"),
    ("wechat", "拉萨市", "拉萨扶贫", "renamed:拉萨乡村振兴"),
    ("douyin", "林芝市", "林芝市旅发局", "renamed:林芝文旅"),
    ("douyin", "林芝市", "林芝法治宣传", "renamed:林芝普法"),
    *[("wechat", o, n, "not_found") for o, n in (
        ("达孜区", "大美唐嘎"), ("加查县", "山南加查气象"), ("洛扎县", "洛扎气象"), ("曲松县", "下江发布"),
        ("察雅县", "察雅县国土资源局"), ("察雅县", "知烟多"), ("墨脱县", "墨脱人社"), ("八宿县", "八宿县环境保护局"),
        ("八宿县", "八宿气象"))],
]
OWNERS = ("拉萨市", "城关区", "堆龙德庆区", "达孜区", "尼木县", "日喀则市", "江孜县", "康马县", "山南市", "乃东区", "加查县",
          "洛扎县", "措美县", "曲松县", "林芝市", "米林县", "朗县", "墨脱县", "昌都市", "察雅县", "八宿县", "那曲市", "阿里地区")
TOPICS = ("发布", "融媒", "政务", "公安", "教育", "卫健", "应急", "文旅", "市场监管", "人社", "气象", "司法", "妇联",
          "团委", "农业农村", "自然资源", "生态环境", "交通", "税务", "消防", "医保", "统计", "民政", "水利")
REGION_OF = {"城关区": "拉萨市", "堆龙德庆区": "拉萨市", "达孜区": "拉萨市", "尼木县": "拉萨市", "江孜县": "日喀则市",
             "康马县": "日喀则市", "乃东": "山南市", "乃东区": "山南市", "加查县": "山南市", "洛扎县": "山南市",
             "措美县": "山南市", "曲松县": "山南市", "米林县": "林芝市", "朗县": "林芝市", "墨脱县": "林芝市",
             "工布江达县": "林芝市", "察雅县": "昌都市", "八宿县": "昌都市"}


@dataclass(frozen=True)
class SeedAccount:
    account_id: str
    platform: str
    owner: str
    name: str
    outcome: str  # ok, 1y, 6m, 2w, renamed:<new name>, not_found

    @property
    def region(self) -> str:
        known = {**REGION_OF, **{r[:2]: r for r in ("拉萨市", "日喀则市", "山南市", "林芝市", "昌都市", "那曲市", "阿里地区")}}
        return next((r for prefix, r in known.items() if self.owner.startswith(prefix)), "自治区")


def drawn_ids(ids: list[tuple[str, str]], n: int = SAMPLE, seed: str = SEED) -> set[str]:
    """The account_ids the accounts spider's `-a sample=n -a seed=…` draws (the same function)."""
    records = [registry.Account(aid, platform, aid, "", "", "") for aid, platform in ids]
    return {a.account_id for a in registry.stratified_sample(records, n, seed, lambda a: a.platform)}


def build(n: int = SAMPLE, seed: str = SEED) -> list[SeedAccount]:
    ids = [(f"{p}-{i:04d}", p) for p, (total, _) in PLATFORMS.items() for i in range(total)]
    drawn = drawn_ids(ids, n, seed)
    generic = (f"{owner}{topic}{k or ''}" for k in itertools.count() for topic in TOPICS for owner in OWNERS)
    named = {p: [x for x in NAMED if x[0] == p] for p in PLATFORMS}
    out = []
    for aid, platform in ids:
        if aid in drawn and named[platform]:
            _, owner, name, outcome = named[platform].pop(0)
        else:
            name = next(generic)
            owner, outcome = next(o for o in OWNERS if name.startswith(o)), "ok"
        out.append(SeedAccount(aid, platform, owner, name, outcome))
    for platform, rest in named.items():
        assert not rest, (platform, rest)  # every named account found a drawn slot
    return out


def feed_xml(acc: SeedAccount, base: str) -> str:
    shown = acc.outcome.split(":", 1)[1] if acc.outcome.startswith("renamed:") else acc.name
    days = DAYS.get(acc.outcome, DAYS["ok"])
    return rss(FEED_TITLES[acc.platform].format(shown), [days, days + 7, days + 30], base)


def deregistered_page() -> str:
    return '<html><body><div class="weui-msg"><h2>此帐号已自主注销，内容无法查看</h2></div></body></html>'


class _Handler(BaseHTTPRequestHandler):
    server_version = "SeedPlatform/1.0"

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = urlsplit(self.path).path
        acc = self.server.accounts.get(path.rsplit("/", 1)[-1].removesuffix(".xml"))
        if acc is None:
            self.send_error(404)
            return
        base = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}"
        if path.startswith("/s/"):
            body, ctype = (deregistered_page() if acc.outcome == "not_found"
                           else article(acc.name, f"gh_{acc.account_id}", DAYS["ok"])), "text/html; charset=utf-8"
        else:
            body, ctype = feed_xml(acc, f"{base}/{acc.account_id}"), "application/rss+xml; charset=utf-8"
        respond(self, 200, body.encode("utf-8"), ctype)


class SeedAccounts:
    """The accounts' RSS bridge and WeChat pages, served on 127.0.4.1 while open."""

    host = "127.0.4.1"

    def __init__(self, accounts: list[SeedAccount] | None = None):
        self.accounts = accounts or build()
        self.server: ThreadingHTTPServer | None = None

    def __enter__(self):
        self.server = ThreadingHTTPServer((self.host, free_port()), _Handler)
        self.server.accounts = {a.account_id: a for a in self.accounts}
        serve(self.server)
        return self

    def __exit__(self, *exc):
        stop([self.server])

    def url(self, acc: SeedAccount) -> str:
        base = f"http://{self.host}:{self.server.server_address[1]}"
        return f"{base}/s/{acc.account_id}" if acc.outcome == "not_found" else f"{base}/feeds/{acc.account_id}.xml"

    def write_registry(self, path: str | Path) -> Path:
        def row(a: SeedAccount) -> list[str]:
            wechat_page = a.outcome == "not_found"
            return [a.account_id, a.platform, a.name, a.owner, a.region, self.url(a),
                    "wechat" if wechat_page else "feed", f"gh_{a.account_id}" if wechat_page else ""]

        return write_account_registry(path, map(row, self.accounts))
