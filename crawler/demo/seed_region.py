"""A region shaped like the seed notice (2022 Q4, 西藏): 267 sites, drawn 120 by the inspect spider.

The registry's shape (regions, portals and departments) is fixed first; the stratified draw of
``crawler.registry`` is then computed with SEED, and only the drawn sites get the outcomes the seed
reports: per region, how many sampled and how many qualified, and the failing sites named as the
seed names them (栏目不更新, 互动回应差, 首页不更新). Undrawn sites are served too, as plain healthy
sites. The test reads the report of the crawl, not this module's bookkeeping.
"""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass

from crawler import registry
from crawler.demo.render import SiteRenderer, day
from crawler.demo.server import DemoRegion
from crawler.demo.world import Column, Site

SEED = "2022Q4"
SAMPLE = 120
# region, code, registered sites, portals among them, sampled (the draw gives this), qualified (seed)
REGIONS = (
    ("自治区部门", "zzq", 76, 0, 34, 17),
    ("拉萨市", "lasa", 60, 9, 27, 21),
    ("日喀则市", "rikaze", 11, 4, 5, 4),
    ("山南市", "shannan", 33, 8, 15, 2),
    ("林芝市", "linzhi", 33, 7, 15, 3),
    ("昌都市", "changdu", 16, 6, 7, 1),
    ("那曲市", "naqu", 2, 2, 1, 0),
    ("阿里地区", "ali", 36, 8, 16, 5),
)
PORTALS = {
    "拉萨市": ["拉萨市人民政府", "城关区人民政府", "堆龙德庆区人民政府", "达孜区人民政府", "林周县人民政府",
            "当雄县人民政府", "尼木县人民政府", "曲水县人民政府", "墨竹工卡县人民政府"],
    "日喀则市": ["日喀则市人民政府", "桑珠孜区人民政府", "南木林县人民政府", "江孜县人民政府"],
    "山南市": ["山南市人民政府", "乃东区人民政府", "扎囊县人民政府", "贡嘎县人民政府", "桑日县人民政府",
            "琼结县人民政府", "曲松县人民政府", "措美县人民政府"],
    "林芝市": ["林芝市人民政府", "巴宜区人民政府", "工布江达县人民政府", "米林县人民政府", "墨脱县人民政府",
            "波密县人民政府", "朗县人民政府"],
    "昌都市": ["昌都市人民政府", "卡若区人民政府", "江达县人民政府", "贡觉县人民政府", "昌都察雅县人民政府",
            "昌都芒康县人民政府"],
    "那曲市": ["那曲市人民政府", "色尼区人民政府"],
    "阿里地区": ["阿里地区行政公署", "普兰县人民政府", "札达县人民政府", "噶尔县人民政府", "日土县人民政府",
             "革吉县人民政府", "改则县人民政府", "措勤县人民政府"],
}
ZZQ = ("发展和改革委员会 教育厅 科学技术厅 工业和信息化厅 公安厅 民政厅 司法厅 财政厅 人力资源和社会保障厅 自然资源厅 "
       "生态环境厅 住房和城乡建设厅 交通运输厅 水利厅 农业农村厅 商务厅 文化厅 卫生健康委员会 退役军人事务厅 应急管理厅 "
       "审计厅 外事办公室 国有资产监督管理委员会 市场监督管理局 广播电视局 体育局 统计局 林业和草原局 医疗保障局 "
       "旅游发展厅 乡村振兴局 机关事务管理局 信访局 地方金融监督管理局 粮食和物资储备局 药品监督管理局 能源局 文物局 "
       "藏医药管理局 人民防空办公室 民族事务委员会 宗教事务局 地方志办公室 档案馆 气象局 地震局 通信管理局 税务局 "
       "邮政管理局 科学技术协会 社会科学院 农牧科学院 投资促进局 大数据中心 公共资源交易中心 政务服务中心 "
       "人民政府驻上海办事处 人民政府驻成都办事处 人民政府驻西安办事处 人民政府驻北京办事处 人民政府驻重庆办事处 "
       "人民政府驻格尔木办事处 妇女联合会 总工会 共青团委员会 残疾人联合会 红十字会 新闻出版局 测绘地理信息局 "
       "地质矿产勘查开发局 供销合作联社 知识产权局 国防动员办公室 数据资源管理局 人民政府研究室 文学艺术界联合会").split()
BUREAUS = ("教育局 财政局 公安局 自然资源局 生态环境局 住房和城乡建设局 交通运输局 农业农村局 水利局 商务局 文化局 "
           "卫生健康委员会 应急管理局 审计局 市场监督管理局 统计局 医疗保障局 林业和草原局 人力资源和社会保障局 民政局 "
           "司法局 科学技术局 发展和改革委员会 工业和信息化局 退役军人事务局 体育局 旅游发展局 投资促进局 信访局 "
           "民族宗教事务局 气象局 乡村振兴局 城市管理和综合执法局 国有资产监督管理委员会 广播电视局").split()
# the failing sites the seed names, by region: name → vetoes
NAMED_FAILURES = {
    "自治区部门": {"西藏自治区交通运输厅": ("columns_not_updated",), "西藏自治区住房和城乡建设厅": ("columns_not_updated",),
              "西藏自治区卫生健康委员会": ("columns_not_updated",), "西藏自治区民族事务委员会": ("interaction_poor",),
              "西藏自治区外事办公室": ("interaction_poor",), "西藏自治区人民政府驻上海办事处": ("interaction_poor",),
              "西藏自治区人民政府驻成都办事处": ("interaction_poor",), "西藏自治区人民政府驻西安办事处": ("interaction_poor",)},
    "拉萨市": {"拉萨市应急管理局": ("columns_not_updated",), "拉萨市文化局": ("columns_not_updated",),
            "墨竹工卡县人民政府": ("columns_not_updated",)},
    "日喀则市": {"日喀则新闻网": ("columns_not_updated", "interaction_poor")},
    "山南市": {"山南市人民政府": ("columns_not_updated",), "乃东区人民政府": ("columns_not_updated",),
            "琼结县人民政府": ("columns_not_updated",)},
    "林芝市": {"林芝市交通运输局": ("columns_not_updated",), "林芝市市场监督管理局": ("columns_not_updated",),
            "朗县人民政府": ("columns_not_updated",)},
    "昌都市": {"昌都市文化局": ("columns_not_updated", "homepage_not_updated"),
            "昌都察雅县人民政府": ("columns_not_updated",), "昌都芒康县人民政府": ("columns_not_updated",)},
    "那曲市": {"那曲市人民政府": ("columns_not_updated",)},
    "阿里地区": {"阿里地区人力资源和社会保障局": ("columns_not_updated",),
             "措勤县人民政府": ("columns_not_updated", "interaction_poor"), "札达县人民政府": ("columns_not_updated",)},
}
FAMILIES = ("trs", "hanweb", "plain", "table")
FRESH = [1, 4, 9, 20, 45]
STALE = [40, 75, 130, 220]


@dataclass(frozen=True)
class Slot:
    """A registry row before it has a name: what the stratified draw depends on."""

    site_id: str
    region: str
    kind: str


def slots() -> list[Slot]:
    out = []
    for region, code, total, portals, _, _ in REGIONS:
        out += [Slot(f"{code}-p{i:02d}", region, "portal") for i in range(portals)]
        out += [Slot(f"{code}-d{i:02d}", region, "department") for i in range(total - portals)]
    return out


def drawn_ids(rows: list[Slot], n: int = SAMPLE, seed: str = SEED) -> set[str]:
    """The site_ids the inspect spider's `-a sample=n -a seed=…` draws (the same function)."""
    records = [registry.Site(s.site_id, s.site_id, "http://x/", s.region, s.kind) for s in rows]
    return {s.site_id for s in registry.stratified_sample(records, n, seed, lambda s: f"{s.region}|{s.kind}")}


def department_names(region: str) -> list[str]:
    if region == "自治区部门":
        return [f"西藏自治区{n}" for n in ZZQ]
    if region == "日喀则市":
        return ["日喀则新闻网"] + [f"日喀则市{b}" for b in BUREAUS]
    city = PORTALS[region][0].removesuffix("人民政府").removesuffix("行政公署")
    counties = [p.removesuffix("人民政府").removeprefix("昌都") for p in PORTALS[region][1:]]
    return [f"{city}{b}" for b in BUREAUS] + [f"{c}{b}" for c in counties for b in BUREAUS]


def _pick(rng_key: str, names: list[str], k: int) -> list[str]:
    return sorted(names, key=lambda n: hashlib.sha256(f"{rng_key}|{n}".encode()).hexdigest())[:k]


def columns(outcome: tuple[str, ...]) -> tuple[list[Column], tuple[str, ...]]:
    """A site's columns and homepage blocks for its vetoes: few columns, few items (a fast crawl)."""
    stale_cols = "columns_not_updated" in outcome
    news = STALE if stale_cols else FRESH
    cols = [Column("zwyw", "政务要闻", list(news)), Column("gzdt", "工作动态", list(news)),
            Column("bmdt", "部门动态", list(news)), Column("tpxw", "图片新闻", list(news)),
            Column("tzgg", "通知公告", [200, 260, 300] if stale_cols else [10, 40, 100]),
            Column("jgzn", "机构职能", [])]
    blocks = ("zwyw", "tzgg")
    if stale_cols and "homepage_not_updated" not in outcome:
        # stale columns, yet the homepage shows a fresh box: only the columns veto fires
        cols.append(Column("mtgz", "媒体关注", list(FRESH)))
        blocks = ("mtgz",)
    return cols, blocks


def build(n: int = SAMPLE, seed: str = SEED) -> list[Site]:
    rows = slots()
    drawn = drawn_ids(rows, n, seed)
    sites = []
    for region, code, _, _, sampled, qualified in REGIONS:
        named = NAMED_FAILURES.get(region, {})
        members = [s for s in rows if s.region == region]
        picked = [s for s in members if s.site_id in drawn]
        assert len(picked) == sampled, (region, len(picked), sampled)
        names: dict[str, str] = {}
        outcomes: dict[str, tuple[str, ...]] = {}
        for kind, pool in (("portal", PORTALS.get(region, [])), ("department", department_names(region))):
            slots_k = [s for s in members if s.kind == kind]
            drawn_k = [s for s in slots_k if s.site_id in drawn]
            named_k = [nm for nm in named if nm in pool]
            assert len(named_k) <= len(drawn_k), (region, kind)
            rest = [nm for nm in pool if nm not in named_k]
            ordered = named_k + rest[: len(slots_k) - len(named_k)]
            assert len(ordered) == len(slots_k), (region, kind, len(ordered), len(slots_k))
            undrawn = [s for s in slots_k if s.site_id not in drawn]
            for slot, name in zip(drawn_k + undrawn, ordered):
                names[slot.site_id] = name
                if name in named:
                    outcomes[slot.site_id] = named[name]
        # the remaining failures the seed counts but does not name: stale columns
        failing = len(picked) - qualified
        unnamed = [s.site_id for s in picked if s.site_id not in outcomes]
        for sid in _pick(f"{seed}|{region}", unnamed, failing - len(outcomes)):
            outcomes[sid] = ("columns_not_updated",)
        for i, slot in enumerate(members):
            outcome = outcomes.get(slot.site_id, ())
            cols, blocks = columns(outcome)
            sites.append(Site(slot.site_id, names[slot.site_id], region, slot.kind, FAMILIES[i % len(FAMILIES)], cols,
                              expected_vetoes=outcome, homepage_blocks=blocks, homepage_html=SERVICE_LINKS))
    return sites


SERVICE_LINKS = ('<div class="hd-links"><a href="/ldxx/">领导信箱</a> <a href="/bsfw/">办事服务</a></div>')


class SeedRenderer(SiteRenderer):
    """A demo site plus its 领导信箱 (answered in days, or a message left open for months) and 办事服务 pages."""

    def render(self):
        pages = super().render()
        poor = "interaction_poor" in self.site.expected_vetoes
        rows = [("关于{}办理进度的咨询".format(t), asked, None if poor and k == 0 else asked - 3)
                for k, (t, asked) in enumerate([("城乡居民医保参保", 150), ("冬季供暖", 60), ("农牧民增收项目", 20)])]
        cells = "".join(
            f'<tr><td><a href="/ldxx/m{k}.html">{html.escape(title)}</a></td><td>{day(asked):%Y-%m-%d}</td>'
            f'<td>{"" if answered is None else f"{day(answered):%Y-%m-%d}"}</td>'
            f'<td>{"未答复" if answered is None else "已答复"}</td></tr>' for k, (title, asked, answered) in enumerate(rows))
        for k, (title, asked, answered) in enumerate(rows):
            reply = f"<p>答复时间：{day(answered):%Y-%m-%d}</p><p>答复内容：已转相关部门办理。</p>" if answered is not None else ""
            pages[f"/ldxx/m{k}.html"] = self.page(title, f"<h2>{html.escape(title)}</h2><p>留言时间：{day(asked):%Y-%m-%d}</p>"
                                                         f"<p>留言内容：请问相关工作何时办理？</p>{reply}")
        pages["/ldxx/"] = self.page("领导信箱", '<div class="crumb">当前位置：首页 &gt; 领导信箱</div><table class="xx">'
                                    f"<tr><th>标题</th><th>留言时间</th><th>答复时间</th><th>状态</th></tr>{cells}</table>")
        pages["/bsfw/"] = self.page("办事服务", '<div class="crumb">当前位置：首页 &gt; 办事服务</div>'
                                    '<ul><li><a href="/bsfw/">个人办事</a></li><li><a href="/bsfw/">法人办事</a></li></ul>')
        return pages


class SeedRegion(DemoRegion):
    """The seed-shaped region served on 127.0.2.1–127.0.3.250 (one address and server per site)."""

    renderer = SeedRenderer

    def __init__(self, sites: list[Site] | None = None):
        super().__init__(sites or build())

    def address(self, i: int) -> str:
        return f"127.0.{2 + i // 250}.{1 + i % 250}"

