"""Render a demo site as the pages a real CMS of its family would serve: path → (bytes, type)."""

from __future__ import annotations

import html
import zlib
from datetime import date, timedelta

from crawler.demo.interaction import interaction_pages
from crawler.demo.world import ASOF, Column, Site

TOPICS = ["安全生产", "春耕备耕", "乡村振兴", "森林草原防火", "生态环境保护", "优化营商环境", "民族团结进步",
          "城乡居民医保参保", "高标准农田建设", "固定资产投资", "冬季供暖保障", "农牧民增收", "河湖长制",
          "义务教育控辍保学", "消防安全隐患排查", "重点项目建设", "政务服务标准化", "国土绿化"]
FORMS = {
    "news": "{short}召开{topic}工作推进会议",
    "notice": "关于做好{year}年{topic}工作的通知",
    "personnel_plan": "{short}{year}年{topic}工作计划",
    "cadence": "《{short}{topic}实施方案》政策解读",
}
# Functions (renderer) → {path: (bytes, content type)} adding feature pages (interaction, services …)
# to every demo site; each reads its own spec from ``site.extras`` and the site's look from the renderer.
EXTRA_PAGES: list = [interaction_pages]


def day(offset: int) -> date:
    return ASOF - timedelta(days=offset)


class SiteRenderer:
    def __init__(self, site: Site, classify):
        self.site = site
        self.classify = classify
        self.short = site.name.replace("人民政府", "").replace("西藏自治区", "自治区")
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.homepage_parts: list[str] = []  # markup the EXTRA_PAGES functions add to the homepage
        self.columns = [(c, None) for c in site.columns] + [(ch, c) for c in site.columns for ch in c.children]
        self.number = {c.slug: 1229000000 + i for i, (c, _) in enumerate(self.columns)}

    # --- URLs ---------------------------------------------------------------------------------

    def column_url(self, col: Column, page: int = 1) -> str:
        f = self.site.family
        if f == "hanweb":
            return f"/col/col{self.number[col.slug]}/index.html"
        if f == "plain":
            return f"/{col.slug}/" + (f"?page={page}" if page > 1 else "")
        return f"/{col.slug}/" + (f"index_{page - 1}.html" if page > 1 else "")

    def article_url(self, col: Column, i: int, offset: int | None) -> str:
        f = self.site.family
        d = day(offset) if offset is not None else None
        if f == "trs" and d:
            return f"/{col.slug}/{d:%Y%m}/t{d:%Y%m%d}_{i + 1000}.html"
        if f == "hanweb" and d:
            return f"/art/{d.year}/{d.month}/{d.day}/art_{self.number[col.slug]}_{i + 5000}.html"
        return f"/{col.slug}/content_{i + 2000}.html"

    # --- text ---------------------------------------------------------------------------------

    def title(self, col: Column, i: int, offset: int | None) -> str:
        form = FORMS.get(self.classify(col.name), FORMS["news"])
        year = day(offset).year if offset is not None else ASOF.year
        topic = TOPICS[(i * 7 + len(col.slug)) % len(TOPICS)]
        return form.format(short=self.short, topic=topic, year=year)

    def date_text(self, offset: int | None) -> str:
        if offset is None:
            return ""
        d = day(offset)
        return {"table": f"{d:%m-%d}", "plain": f"{d.year}年{d.month}月{d.day}日"}.get(self.site.family, f"{d:%Y-%m-%d}")

    def items(self, col: Column):
        rows = [(True, off) for off in col.sticky] + [(False, off) for off in col.dates]
        return [(i, sticky, off, self.article_url(col, i, off), self.title(col, i, off))
                for i, (sticky, off) in enumerate(rows)]

    # --- markup -------------------------------------------------------------------------------

    def item_html(self, col, sticky, off, url, title, long_title=False):
        t = html.escape(title)
        shown = t if len(title) <= 16 else html.escape(title[:15]) + "…"
        pin = '<span class="zd">[置顶]</span>' if sticky else ""
        d = self.date_text(off)
        f = self.site.family
        if f == "table":
            return f'<tr><td>{pin}<a href="{url}" title="{t}">{shown}</a></td><td class="date">{d}</td></tr>'
        if f == "hanweb":
            return f'<li>{pin}<a href="{url}" title="{t}"><span class="list_title">{shown}</span><i>{d}</i></a></li>'
        if f == "rows":
            return f'<div class="row" data-href="{url}"><div class="t">{pin}{t}</div><div class="d">{d}</div></div>'
        return f'<li>{pin}<a href="{url}" title="{t}" target="_blank">{shown}</a><span class="date">{d}</span></li>'

    def list_html(self, col, rows):
        inner = "".join(self.item_html(col, *r[1:]) for r in rows)
        f = self.site.family
        if f == "table":
            return f'<table class="list" width="100%">{inner}</table>'
        if f == "hanweb":
            records = "".join(f"<record><![CDATA[{self.item_html(col, *r[1:])}]]></record>" for r in rows)
            return (f'<div id="{self.number[col.slug]}"><script type="text/xml"><datastore>'
                    f'<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1&path=/&columnid={self.number[col.slug]}"></a>]]></nextgroup>'
                    f'<recordset>{records}</recordset></datastore></script></div>')
        if f == "rows":
            return f'<div class="rows">{inner}</div>'
        return f'<ul class="list">{inner}</ul>'

    def nav(self):
        links = "".join(f'<li><a href="{self.column_url(c)}">{html.escape(c.name)}</a></li>' for c in self.site.columns)
        return f'<div class="nav"><ul><li><a href="/">首页</a></li>{links}</ul></div>'

    @property
    def site_code(self) -> str:
        """The 网站标识码: 10 digits, region prefix 54 (西藏), the same on every run."""
        return f"54{zlib.crc32(self.site.site_id.encode()) % 10**8:08d}"

    def page(self, title, body, column=""):
        charset = self.site.charset
        code = self.site_code
        metas = f'<meta name="SiteName" content="{self.site.name}"><meta name="SiteIDCode" content="{code}">'
        if column:
            metas += f'<meta name="ColumnName" content="{html.escape(column)}">'
        doc = (f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
               f'<title>{html.escape(title)}</title>{metas}</head><body>'
               f'<div class="header"><h1 class="logo">{self.site.name}</h1></div>{self.nav()}'
               f'<div class="main">{body}</div>'
               f'<div class="footer"><p>主办：{self.site.name}办公室 网站标识码：{code}</p>'
               f'<p>藏ICP备05000001号 藏公网安备54010202000001号</p>'
               # the 党政机关网站标识 and 我为政府网站找错 widgets load from their national hosts (never fetched)
               f'<span id="_ideConac"></span><script src="https://dcs.conac.cn/js/27/000/0000/{code}.js"></script>'
               f'<script id="_jiucuo_" sitecode="{code}" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>'
               f'</div></body></html>')
        return doc.encode(charset), f"text/html; charset={charset}"

    def sidebar(self):
        """The 'rows' family repeats an old 热点信息 box beside every list: a trap for generic extraction."""
        if self.site.family != "rows":
            return ""
        olds = "".join(f'<li><a href="/rdxx/content_{9000 + i}.html">{self.short}热点信息回顾第{i + 1}期专题报道</a>'
                       f'<span>{day(400 + i * 10):%Y-%m-%d}</span></li>' for i in range(8))
        return f'<div class="hot"><h3>热点信息</h3><ul>{olds}</ul></div>'

    def render(self) -> dict[str, tuple[bytes, str]]:
        for col, parent in self.columns:
            self.render_column(col)
        for extra in EXTRA_PAGES:
            self.pages.update(extra(self))
        self.pages["/"] = self.pages["/index.html"] = self.homepage()
        return self.pages

    def render_column(self, col: Column):
        rows = self.items(col)
        if col.blank:
            body = f'<div class="crumb">当前位置：首页 &gt; {col.name}</div>{self.list_html(col, [])}<p class="empty">暂无信息</p>'
            self.pages[self.column_url(col)] = self.page(col.name, body, col.name)
            return
        if not rows:
            body = (f'<div class="crumb">当前位置：首页 &gt; {col.name}</div><div class="article"><h2>{col.name}</h2>'
                    f'<p>{self.site.name}负责本行政区域内的有关工作，内设办公室、政策法规科等机构。</p></div>')
            self.pages[self.column_url(col)] = self.page(col.name, body, col.name)
            return
        pages = [rows[i:i + col.per_page] for i in range(0, len(rows), col.per_page)]
        for n, chunk in enumerate(pages, start=1):
            pager = self.pager(col, n, len(pages))
            body = (f'<div class="crumb">当前位置：首页 &gt; {col.name}</div>{self.sidebar()}'
                    f'<div class="list-box">{self.list_html(col, chunk)}</div>{pager}')
            self.pages[self.column_url(col, n)] = self.page(col.name, body, col.name)
        for i, sticky, off, url, title in rows:
            self.pages[url] = self.article(col, title, off)

    def pager(self, col, n, total):
        if total <= 1:
            return ""
        f = self.site.family
        if f == "trs":
            return f'<div class="page"><script>createPageHTML({total}, {n - 1}, "index", "html");</script></div>'
        links = []
        if n > 1:
            links.append(f'<a href="{self.column_url(col, n - 1)}">上一页</a>')
        links += [f'<a href="{self.column_url(col, k)}">{k}</a>' for k in range(1, total + 1) if k != n]
        if n < total:
            links.append(f'<a href="{self.column_url(col, n + 1)}">下一页</a>')
        return f'<div class="page">共{total}页 {" ".join(links)}</div>'

    def article(self, col, title, off):
        d = day(off) if off is not None else None
        when = f'<span>发布时间：{d:%Y-%m-%d} 10:30</span>' if d else ""
        body = (f'<div class="crumb">当前位置：首页 &gt; {col.name}</div><div class="article"><h2>{html.escape(title)}</h2>'
                f'<div class="info">{when}<span>来源：{self.site.name}</span></div>'
                f'<div class="TRS_Editor"><p>为深入贯彻落实有关工作部署，{self.short}认真研究，扎实推进各项工作。</p></div></div>')
        return self.page(title, body, col.name)

    def homepage(self):
        if self.site.nav_only:
            return self.page(self.site.name, '<div class="portal-entry"><p>欢迎访问</p></div>' + self.site.homepage_html
                             + "".join(self.homepage_parts))
        blocks = []
        for slug in self.site.homepage_blocks:
            col = next(c for c, _ in self.columns if c.slug == slug)
            rows = [r for r in self.items(col) if not r[1]][:5]
            blocks.append(f'<div class="block"><div class="tit"><h3>{col.name}</h3>'
                          f'<a class="more" href="{self.column_url(col)}">更多&gt;&gt;</a></div>{self.list_html(col, rows)}</div>')
        return self.page(self.site.name, "".join(blocks) + self.site.homepage_html + "".join(self.homepage_parts))
