"""The demo region as data: sites, their columns and item dates, and the verdicts they deserve.

Dates are days before ASOF (the 监测时间点), so the region means the same on every day it is run.
Each site is rendered in the markup of one CMS family (crawler.demo.render) and served on its own
loopback address (crawler.demo.server).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

ASOF = date(2023, 2, 9)

FRESH = [1, 3, 6, 9, 15, 24, 33, 47, 60, 75, 90, 120]
STALE_NEWS = [70, 85, 100, 130, 160, 200, 240, 300]  # newest item 70 days old: over the 14-day window
LONG_STALE = [420, 500, 610, 700]  # over a year
NOTICE_OK = [30, 70, 150, 260]  # within 6 months


@dataclass
class Column:
    slug: str
    name: str
    dates: list[int | None] = field(default_factory=list)  # days before ASOF; None = undated item
    sticky: list[int] = field(default_factory=list)  # pinned items on top (days before ASOF)
    blank: bool = False
    per_page: int = 10
    children: list["Column"] = field(default_factory=list)


@dataclass
class Site:
    site_id: str
    name: str
    region: str
    kind: str
    family: str  # trs, hanweb, table, plain, rows (needs the site-specific spider)
    columns: list[Column]
    expected_vetoes: tuple[str, ...] = ()
    expected_status: str = "inspected"
    nav_only: bool = False  # homepage holds links only, no dated items
    homepage_blocks: tuple[str, ...] = ()  # slugs shown as dated blocks on the homepage
    charset: str = "utf-8"
    spider: str = ""
    services: bool = True
    up: bool = True
    homepage_html: str = ""  # extra markup on the homepage (e.g. an injected hidden link)
    extras: dict = field(default_factory=dict)  # per-feature specs read by the EXTRA_PAGES renderers


def news(slug="xwdt", name="工作动态", dates=FRESH, **kw):
    return Column(slug, name, list(dates), **kw)


def standard_columns(news_dates=FRESH, notice_dates=NOTICE_OK):
    return [
        news("zwyw", "政务要闻", news_dates),
        news("bmdt", "部门动态", news_dates),
        Column("tzgg", "通知公告", list(notice_dates)),
        Column("zcwj", "政策文件", list(notice_dates)),
        Column("zcjd", "政策解读", [40, 90, 200]),
        Column("rsxx", "人事信息", [60, 200]),
        Column("jgzn", "机构职能", []),
    ]


SITES = [
    Site("lasa", "拉萨市人民政府", "拉萨市", "portal", "trs", standard_columns(),
         homepage_blocks=("zwyw", "tzgg")),
    Site("shannan", "山南市人民政府", "山南市", "portal", "hanweb", standard_columns(),
         homepage_blocks=("zwyw", "bmdt")),
    Site("naidong", "乃东区人民政府", "山南市", "portal", "table",
         # year-less MM-DD cells across New Year: 12-28 seen in February is last December
         standard_columns(news_dates=[2, 12, 30, 45, 70], notice_dates=[20, 44, 90]),
         homepage_blocks=("zwyw",)),
    Site("jtt", "西藏自治区交通运输厅", "自治区部门", "department", "trs",
         [news("jtyw", "交通要闻", STALE_NEWS), news("gzdt", "工作动态", STALE_NEWS),
          news("sxdt", "市县动态", STALE_NEWS), news("xydt", "行业动态", STALE_NEWS),
          news("tpxw", "图片新闻", STALE_NEWS), Column("tzgg", "通知公告", [3, 20, 50]),
          Column("jgzn", "机构职能", [])],
         expected_vetoes=("columns_not_updated",), homepage_blocks=("tzgg",)),
    Site("cdwh", "昌都市文化局", "昌都市", "department", "plain",
         [news("whdt", "文化动态", [120, 150, 200]), news("gzdt", "工作动态", [100, 180]),
          news("xsdt", "县市动态", [130, 300]), Column("tzgg", "通知公告", [200, 260]),
          Column("zcwj", "政策文件", [210, 400]), Column("jgzn", "机构职能", [])],
         expected_vetoes=("columns_not_updated", "homepage_not_updated"),
         homepage_blocks=("whdt", "tzgg")),
    Site("linzhi", "林芝市人民政府", "林芝市", "portal", "plain", standard_columns(), charset="gbk",
         homepage_blocks=("zwyw", "tzgg")),
    Site("cuoqin", "措勤县人民政府", "阿里地区", "portal", "plain",
         [news("zwyw", "政务要闻"), Column("tzgg", "通知公告", [10, 40]),
          Column("ghjh", "规划计划", blank=True), Column("rsxx", "人事信息", blank=True),
          Column("tjxx", "统计信息", blank=True), Column("czyjs", "财政预决算", blank=True),
          Column("jytabl", "建议提案办理", blank=True)],
         expected_vetoes=("columns_not_updated",), homepage_blocks=("zwyw",)),
    Site("langxian", "朗县人民政府", "林芝市", "portal", "trs",
         # a pinned notice from 2021 sits on top of every fresh list
         [news("zwyw", "政务要闻", FRESH, sticky=[700]), news("xzdt", "乡镇动态", FRESH, sticky=[650]),
          Column("tzgg", "通知公告", NOTICE_OK, sticky=[800]), Column("zcwj", "政策文件", NOTICE_OK),
          news("bmdt", "部门动态", FRESH, sticky=[500]), Column("gk", "朗县概况", [])],
         homepage_blocks=("zwyw", "tzgg")),
    Site("ali", "阿里地区行政公署", "阿里地区", "portal", "trs", standard_columns(), nav_only=True),
    Site("naqu", "那曲市人民政府", "那曲市", "portal", "plain",
         [news("zwyw", "政务要闻", [40, 60, 90]), news("bmdt", "部门动态", [35, 80]),
          Column("tzgg", "通知公告", [20, 90]), Column("zcwj", "政策文件", [50, 100])],
         nav_only=True, expected_vetoes=("homepage_not_updated",)),
    Site("mozhu", "墨竹工卡县人民政府", "拉萨市", "portal", "plain",
         # lists without any date: undated items count as not updated
         [news("zwyw", "政务要闻", [None] * 8), news("bmdt", "部门动态", [None] * 6),
          news("xzdt", "乡镇动态", [None] * 5), news("gzdt", "工作动态", [None] * 7),
          news("tpxw", "图片新闻", [None] * 4), Column("tzgg", "通知公告", [2, 30])],
         expected_vetoes=("columns_not_updated",), homepage_blocks=("tzgg",)),
    Site("rikaze", "日喀则市人民政府", "日喀则市", "portal", "rows",
         standard_columns() + [news("rkzdt", "日喀则动态")],
         spider="demo_rikaze", homepage_blocks=("zwyw", "tzgg")),
    Site("wjw", "西藏自治区卫生健康委员会", "自治区部门", "department", "hanweb",
         [news("wsyw", "卫生要闻"), news("gzdt", "工作动态"), Column("tzgg", "通知公告", NOTICE_OK),
          Column("rsrm", "人事任免", LONG_STALE), Column("ghjh", "发展规划", LONG_STALE),
          Column("gzjh", "工作计划", LONG_STALE), Column("zcjd", "政策解读", LONG_STALE),
          Column("czyjs", "财政预决算", LONG_STALE), Column("tjsj", "统计数据", LONG_STALE),
          Column("jyta", "建议提案", LONG_STALE), Column("ndbb", "政府网站年度报表", LONG_STALE),
          Column("zkzp", "招考招聘", LONG_STALE), Column("gfxwj", "规范性文件", LONG_STALE)],
         expected_vetoes=("columns_not_updated",), homepage_blocks=("wsyw",)),
    Site("zhada", "札达县人民政府", "阿里地区", "portal", "plain", standard_columns(),
         up=False, expected_status="not_inspected"),
    # 互动回应差 and 服务不实用: channel and service specs are read by crawler/demo/interaction.py
    Site("gongga", "贡嘎县人民政府", "山南市", "portal", "trs", standard_columns(), homepage_blocks=("zwyw", "tzgg"),
         # only the channels clause 1 excludes
         extras={"interaction": [{"name": "网上信访", "shape": "dates"}, {"name": "纪检举报", "shape": "dates"}]},
         expected_vetoes=("interaction_poor",)),
    Site("qushui", "曲水县人民政府", "拉萨市", "portal", "plain", standard_columns(), homepage_blocks=("zwyw", "tzgg"),
         # a message asked 120 days ago is still 办理中
         extras={"interaction": [{"name": "县长信箱", "shape": "dates",
                                  "messages": [(5, None), (30, 25), (120, None), (200, 190)]}]},
         expected_vetoes=("interaction_poor",)),
    Site("duilong", "堆龙德庆区人民政府", "拉萨市", "portal", "trs", standard_columns(), homepage_blocks=("zwyw", "tzgg"),
         # answered 105 days after it was asked
         extras={"interaction": [{"name": "区长信箱", "shape": "dates", "messages": [(10, 8), (200, 95), (250, 240)]}]},
         expected_vetoes=("interaction_poor",)),
    Site("dangxiong", "当雄县人民政府", "拉萨市", "portal", "plain", standard_columns(), homepage_blocks=("zwyw", "tzgg"),
         # the 信箱 link is dead and the 咨询 channel never showed a message
         extras={"interaction": [{"name": "县长信箱", "shape": "broken"}, {"name": "网上咨询", "shape": "empty"},
                                 {"name": "网上信访", "shape": "dates"}]},
         expected_vetoes=("interaction_poor",)),
    Site("swt", "西藏自治区商务厅", "自治区部门", "department", "trs",
         [news("swyw", "商务要闻"), news("gzdt", "工作动态"), Column("tzgg", "通知公告", NOTICE_OK),
          Column("jgzn", "机构职能", [])],
         homepage_blocks=("swyw", "tzgg"), extras={"services": {"entry": False}},
         expected_vetoes=("service_unusable",)),
    Site("dazi", "达孜区人民政府", "拉萨市", "portal", "hanweb", standard_columns(), homepage_blocks=("zwyw", "bmdt"),
         # every guide shows 3 of the 8 element categories
         extras={"services": {"entry": True, "guides": [("事项名称", "办理地点", "联系电话")] * 3}},
         expected_vetoes=("service_unusable",)),
    Site("linzhou", "林周县人民政府", "拉萨市", "portal", "trs", standard_columns(), homepage_blocks=("zwyw", "tzgg"),
         # status-only list, dates on the message pages: one missing, one malformed, one reply undated
         extras={"interaction": [{"name": "咨询投诉", "shape": "status",
                                  "messages": [(8, 3), (40, 33), ("", 60), ("2022-02-30 09:00", 100), (50, ""),
                                               (130, 125)]}]}),
    Site("nimu", "尼木县人民政府", "拉萨市", "portal", "hanweb", standard_columns(), homepage_blocks=("zwyw", "bmdt"),
         extras={"interaction": [{"name": "书记信箱", "shape": "jact", "messages": [(12, 6), (60, 51), (200, 180)]}]}),
    Site("renbu", "仁布县人民政府", "日喀则市", "portal", "plain", standard_columns(), homepage_blocks=("zwyw", "tzgg"),
         extras={"interaction": [{"name": "网上咨询", "shape": "json", "messages": [(3, None), (25, 20), (90, 85)]}]}),
    Site("dag", "西藏自治区档案馆", "自治区部门", "department", "plain",
         [news("dayw", "档案要闻"), Column("tzgg", "通知公告", NOTICE_OK), Column("jgzn", "机构职能", [])],
         homepage_blocks=("dayw", "tzgg"), services=False),  # no external services: exempt from 服务不实用
    # hacked: an off-screen block of porn and gambling links injected above the footer (暗链); its first
    # line is the one the seed notice's stored copy ends with. The .xyz/.top links are written by a base64
    # script (so the link checker never resolves them); the plain link points at a loopback address nobody serves.
    Site("gaer", "噶尔县人民政府", "阿里地区", "portal", "trs", standard_columns(), homepage_blocks=("zwyw", "tzgg"),
         homepage_html='<div style="position:absolute;left:-9999px;top:-9999px">狼友网精品视频在线观看 '
                       '<a href="http://127.0.0.89/">狼友网精品视频在线观看</a><script>document.write(atob('
                       '"PGEgaHJlZj0iaHR0cDovL3d3dy5sYW5neW91ODgueHl6LyI+54u85Y+L572R57K+"+'
                       '"5ZOB6KeG6aKR5Zyo57q/6KeC55yLPC9hPjxhIGhyZWY9Imh0dHA6Ly9hbXhwai50"+'
                       '"b3AvIj7mvrPpl6jmlrDokaHkuqzlqLHkuZAg55yf5Lq655m+5a625LmQPC9hPg=="));</script></div>',
         expected_vetoes=("security_incident",)),
]


def site(site_id: str) -> Site:
    return next(s for s in SITES if s.site_id == site_id)
