"""Demo interaction channels and 办事服务 pages, rendered from ``site.extras`` (with defaults).

``extras["interaction"]``: a list of channels, each a dict with
  ``name`` (the link text, classified by crawler/data/interaction_channels.csv),
  ``shape``: ``dates`` (a list showing both dates), ``status`` (a list showing the status only; the
  dates are on each message page), ``jact`` (Hanweb jact mail pages), ``json`` (the page loads a JSON
  endpoint), ``broken`` (the link leads nowhere) or ``empty`` (暂无留言),
  ``messages``: (asked, answered) pairs, each a number of days before ASOF; answered ``None`` means
  not answered yet; a string is shown as is (a missing "" or malformed date).
``extras["services"]``: ``{"entry": True/False, "guides": [[element, …] per guide]}``.
Sites without these get one answered 信箱 and a 办事服务 page with complete guides.
"""

from __future__ import annotations

import html
import json
from datetime import timedelta

from crawler.demo.world import ASOF

ELEMENTS = ("事项名称", "设定依据", "申请条件", "办理材料", "办理地点", "办理时间", "联系电话", "办理流程")
DEFAULT_MESSAGES = [(20, 16), (45, 40), (80, 71), (150, 141), (300, 290)]
QUESTIONS = ["小区供暖温度不达标", "农村公路破损修复", "城乡居民医保参保缴费", "子女入学户籍证明", "个体工商户营业执照办理",
             "高原农牧民补贴发放", "自来水管网改造进度", "道路路灯长期不亮", "异地就医备案手续", "企业开办所需材料"]
GUIDE_ITEMS = ["个体工商户设立登记", "食品经营许可", "城乡居民基本养老保险参保登记", "建设工程规划许可", "社会团体成立登记"]
VALUES = {"事项名称": "{item}", "设定依据": "《中华人民共和国行政许可法》及有关规定", "申请条件": "符合法定条件的申请人",
          "办理材料": "申请书；身份证明；相关证明材料", "办理地点": "县政务服务中心一楼综合窗口", "办理时间": "工作日 9:30-12:00，15:30-18:00",
          "联系电话": "0891-6830000", "办理流程": "申请—受理—审查—决定—送达"}


def default_channel(site) -> dict:
    if site.kind == "department":
        leader = "局长"
    elif "行政公署" in site.name:
        leader = "专员"
    else:
        leader = next((w for w in ("县长", "区长", "市长") if w[0] in site.name[-6:]), "领导")
    return {"name": f"{leader}信箱", "shape": "dates"}


def stamp(value, hour=10) -> str:
    if isinstance(value, str):
        return value
    return f"{ASOF - timedelta(days=value):%Y-%m-%d} {hour}:{(value * 7) % 60:02d}"


def status_of(answered) -> str:
    if answered is None:
        return "办理中"
    return "已答复"


class ChannelPages:
    def __init__(self, renderer, spec: dict, n: int):
        self.r, self.spec, self.n = renderer, spec, n
        self.name = spec["name"]
        self.shape = spec.get("shape", "dates")
        self.messages = spec.get("messages", DEFAULT_MESSAGES)
        self.base = f"/hdjl/ch{n}/"
        self.unit = f"{renderer.short}办公室"

    @property
    def url(self) -> str:
        if self.shape == "jact":
            return f"/jact/front/maillist.do?sysid={self.n}"
        return self.base

    def message_url(self, i: int) -> str:
        if self.shape == "jact":
            return f"/jact/front/mailpubdetail.do?sysid={self.n}&transactId={7000 + i}"
        return f"{self.base}msg_{i}.html"

    def title(self, i: int) -> str:
        return f"关于{QUESTIONS[(i + self.n) % len(QUESTIONS)]}的{'咨询' if i % 2 else '问题反映'}"

    def pages(self) -> dict:
        page = self.r.page
        crumb = f'<div class="crumb">当前位置：首页 &gt; 互动交流 &gt; {self.name}</div>'
        if self.shape == "broken":
            return {}
        if self.shape == "empty":
            return {self.url: page(self.name, f'{crumb}<div class="mail-list"><p class="empty">暂无留言</p></div>', self.name)}
        out = {}
        if self.shape == "json":
            endpoint = f"{self.base}letters.json"
            records = [{"id": 9000 + i, "title": self.title(i), "createTime": stamp(a, 9),
                        "replyTime": "" if b is None else stamp(b, 16), "statusName": status_of(b),
                        "deptName": self.unit} for i, (a, b) in enumerate(self.messages)]
            out[endpoint] = (json.dumps({"code": 0, "data": {"total": len(records), "list": records}},
                                        ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")
            script = (f'<script>$(function(){{$.getJSON("{endpoint}", function(res){{'
                      f'var rows = res.data.list; for (var i = 0; i < rows.length; i++) {{ $("#mail-list").append("<li>" + rows[i].title + "</li>"); }}'
                      f'}});}});</script>')
            out[self.url] = page(self.name, f'{crumb}<ul id="mail-list"></ul>{script}', self.name)
            return out
        rows = []
        for i, (asked, answered) in enumerate(self.messages):
            t = html.escape(self.title(i))
            link = f'<a href="{html.escape(self.message_url(i))}" title="{t}">{t}</a>'
            if self.shape == "dates":
                rows.append(f"<tr><td>{link}</td><td>{stamp(asked)}</td><td>{'暂无' if answered is None else stamp(answered, 16)}</td>"
                            f"<td>{status_of(answered)}</td><td>{self.unit}</td></tr>")
            else:
                rows.append(f"<tr><td>{link}</td><td>{status_of(answered)}</td><td>{self.unit}</td></tr>")
            out[self.message_url(i)] = self.message_page(i, asked, answered)
        head = ("<tr><th>留言标题</th><th>留言时间</th><th>答复时间</th><th>办理状态</th><th>答复单位</th></tr>"
                if self.shape == "dates" else
                "<tr><th>信件标题</th><th>办件状态</th><th>受理单位</th></tr>" if self.shape == "jact" else
                "<tr><th>标题</th><th>状态</th><th>受理单位</th></tr>")
        body = f'{crumb}<div class="mail-list"><table class="mail">{head}{"".join(rows)}</table></div>'
        out[self.url] = page(self.name, body, self.name)
        return out

    def message_page(self, i, asked, answered):
        t = html.escape(self.title(i))
        reply = "暂无" if answered is None else stamp(answered, 16)
        text = "您好，来信收悉。经核实，相关部门已安排处理，感谢您对我们工作的关心和支持。" if answered is not None else ""
        if self.shape == "jact":
            body = (f'<div class="jact-detail"><table class="mailtable">'
                    f'<tr><td class="label">信件标题</td><td colspan="3">{t}</td></tr>'
                    f'<tr><td class="label">办件编号</td><td>{7000 + i}</td><td class="label">写信时间</td><td>{stamp(asked)}</td></tr>'
                    f'<tr><td class="label">办件状态</td><td>{status_of(answered)}</td><td class="label">处理单位</td><td>{self.unit}</td></tr>'
                    f'<tr><td class="label">回复时间</td><td colspan="3">{reply}</td></tr>'
                    f'<tr><td class="label">回复内容</td><td colspan="3">{text}</td></tr></table></div>')
        else:
            body = (f'<div class="mail-detail"><h2>{t}</h2><table>'
                    f'<tr><th>来信时间</th><td>{stamp(asked)}</td><th>办理状态</th><td>{status_of(answered)}</td></tr>'
                    f'<tr><th>答复单位</th><td>{self.unit}</td><th>答复时间</th><td>{reply}</td></tr>'
                    f'<tr><th>答复内容</th><td colspan="3">{text}</td></tr></table></div>')
        return self.r.page(self.title(i), body, self.name)


def guide_page(renderer, item: str, elements) -> tuple[bytes, str]:
    rows = "".join(f"<tr><th>{e}</th><td>{html.escape(VALUES[e].format(item=item))}</td></tr>" for e in elements)
    body = (f'<div class="crumb">当前位置：首页 &gt; 办事服务 &gt; 办事指南</div>'
            f'<div class="guide"><h2>{item}办事指南</h2><table class="guide-table">{rows}</table></div>')
    return renderer.page(f"{item}办事指南", body, "办事指南")


def interaction_pages(renderer) -> dict:
    """Channel, message and service pages of a demo site, and their links on its homepage."""
    site = renderer.site
    pages, links = {}, []
    for n, spec in enumerate(site.extras.get("interaction") or [default_channel(site)], start=1):
        channel = ChannelPages(renderer, spec, n)
        pages.update(channel.pages())
        links.append(f'<li><a href="{html.escape(channel.url)}">{html.escape(channel.name)}</a></li>')
    services = site.extras.get("services", {"entry": site.services, "guides": [ELEMENTS] * 3})
    if services.get("entry"):
        guides = []
        for i, elements in enumerate(services.get("guides", [])):
            item = GUIDE_ITEMS[i % len(GUIDE_ITEMS)]
            pages[f"/bsfw/zn_{i + 1}.html"] = guide_page(renderer, item, elements)
            guides.append(f'<li><a href="/bsfw/zn_{i + 1}.html">{item}办事指南</a></li>')
        body = (f'<div class="crumb">当前位置：首页 &gt; 办事服务</div><div class="service"><h3>办事指南</h3>'
                f'<ul class="guide-list">{"".join(guides)}</ul></div>')
        pages["/bsfw/"] = renderer.page("办事服务", body, "办事服务")
        links.append('<li><a href="/bsfw/">办事服务</a></li>')
    renderer.homepage_parts.append(f'<div class="hdjl-entry"><ul>{"".join(links)}</ul></div>')
    return pages
