"""Writes the extraction fixture corpus: hand-made pages in the markup of each CMS family, one trap
each, and manifest.json with the expected answer for every page.

The pages are committed; run this again only after changing a page here:
    .venv/bin/python tests/pages/build_corpus.py
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
ASOF = "2024-06-30"
PAGES: list[dict] = []

CONAC = ('<script type="text/javascript">document.write(unescape("%3Cspan id=\'_ideConac\' %3E%3C/span%3E'
         '%3Cscript src=\'https://dcs.conac.cn/js/23/000/0000/60429971/CA230000000604299710002.js\''
         ' type=\'text/javascript\'%3E%3C/script%3E"));</script>')
JIUCUO = '<script id="_jiucuo_" sitecode="{code}" src="https://zfwzgl.www.gov.cn/exposure/jiucuo.js"></script>'


def chrome(site, title, body, *, metas="", head="", charset="utf-8", code="3609220011", nav=True, foot_extra=""):
    """The frame every government page shares: metas, top navigation, footer with 标识码 and 备案."""
    navbar = ('<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>'
              '<li><a href="/xwdt/">新闻动态</a></li><li><a href="/tzgg/">通知公告</a></li>'
              '<li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>') if nav else ""
    return (f'<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset={charset}">\n'
            f'<title>{escape(title)}</title>\n<meta name="SiteName" content="{site}">\n'
            f'<meta name="SiteDomain" content="www.example.gov.cn">\n<meta name="SiteIDCode" content="{code}">\n{metas}\n'
            f'<link rel="stylesheet" href="/images/style.css">\n{head}\n</head>\n<body>\n'
            f'<div class="top"><div class="w1200"><span class="fl">欢迎访问{site}</span>'
            f'<span class="fr"><a href="/wza/">无障碍</a> | <a href="/ghb/">关怀版</a></span></div></div>\n'
            f'<div class="header"><div class="logo"><img src="/images/logo.png" alt="{site}"></div>'
            f'<div class="search"><form action="/was5/web/search"><input name="searchword"></form></div></div>\n'
            f'{navbar}\n{body}\n'
            f'<div class="footer"><p>主办单位：{site}办公室　承办单位：{site}信息中心</p>'
            f'<p>网站标识码：{code}　<a href="https://beian.miit.gov.cn/">赣ICP备05004386号</a>　赣公网安备 36092202000123号</p>'
            f'<p>技术支持：某某信息技术有限公司</p>{foot_extra}{CONAC}{JIUCUO.format(code=code)}</div>\n</body>\n</html>\n')


def article_meta(title, pubdate="", column="政务动态", extra=""):
    m = f'<meta name="ColumnName" content="{column}">\n<meta name="ArticleTitle" content="{escape(title)}">\n'
    if pubdate:
        m += f'<meta name="PubDate" content="{pubdate}">\n'
    m += '<meta name="ContentSource" content="县政府办公室">\n' + extra
    return m


PARAS = ("为深入贯彻落实党中央、国务院决策部署，进一步优化营商环境，切实做好相关工作，现将有关事项通知如下。",
         "一、提高思想认识。各乡镇、各部门要充分认识此项工作的重要性和紧迫性，加强组织领导，明确责任分工。",
         "二、突出工作重点。要聚焦群众关心关注的热点难点问题，建立工作台账，实行销号管理，确保各项任务落到实处。",
         "三、强化督促检查。县政府督查室将适时开展专项督查，对工作推进不力的单位予以通报。")


def prose(n=3, extra=""):
    return "".join(f"<p>{PARAS[i % len(PARAS)]}</p>" for i in range(n)) + extra


def related(dates, box="related"):
    lis = "".join(f'<li><a href="/xwdt/2024{i:02d}/t2024{i:02d}1{i}_9{i}.html" title="相关阅读文章标题第{i}篇">相关阅读文章标题第{i}篇</a>'
                  f'<span>{d}</span></li>' for i, d in enumerate(dates, start=1))
    return f'<div class="{box}"><h3>相关阅读</h3><ul>{lis}</ul></div>'


def detail(name, family, url, html, expected, trap, asof=ASOF, encoding="utf-8"):
    PAGES.append({"file": f"detail/{name}.html", "url": url, "kind": "detail", "family": family, "trap": trap,
                  "asof": asof, "date": expected, "html": html, "encoding": encoding})


def listing(name, family, url, html, items, trap, next_page=None, asof=ASOF, placeholder="", encoding="utf-8",
            kind="list"):
    PAGES.append({"file": f"list/{name}.html", "url": url, "kind": kind, "family": family, "trap": trap,
                  "asof": asof, "items": [{"title": t, "url": u, "date": d} for t, u, d in items],
                  "next_page": next_page, "placeholder": placeholder, "html": html, "encoding": encoding})


# ---------------------------------------------------------------------------------------------
# detail pages
# ---------------------------------------------------------------------------------------------

def trs_article(title, info, *, pubdate="", before="", after="", box="TRS_Editor", crumb="新闻动态", metas_extra=""):
    body = (f'<div class="main w1200"><div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="../">{crumb}</a></div>'
            f'{before}<div class="article"><h1 class="title">{escape(title)}</h1><div class="info">{info}</div>'
            f'<div class="{box}">{prose(4)}</div>'
            f'<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a> <a href="javascript:window.print()">打印</a></div>'
            f'</div>{after}</div>')
    return chrome("某某县人民政府", f"{title}_某某县人民政府", body, metas=article_meta(title, pubdate, crumb, metas_extra))


T = "关于进一步加强安全生产工作的通知"
detail("trs-alt-attribute", "trs", "http://www.example.gov.cn/xwdt/201909/t20190918_376590.html",
       trs_article("太原市召开优化营商环境推进会", '<span alt="时间：2017-11-08 20:26"><i>时间：</i>2019-09-18 06:23</span>'
                   '<span>来源：太原市人民政府</span>'), "2019-09-18", "date in an attribute")
detail("trs-label-plain", "trs", "http://www.example.gov.cn/xwdt/202306/t20230612_88123.html",
       trs_article("县委理论学习中心组开展专题学习", "发布时间：2023-06-12 09:30 来源：县委办 作者：李明 【字体：大 中 小】",
                   pubdate="2023-06-12 09:30"), "2023-06-12", "date, source and author line")
detail("trs-migrated-pubdate", "trs", "http://www.example.gov.cn/zwgk/201705/t20170515_4513.html",
       trs_article("关于公布2017年第一批行政许可事项的公告", "发布日期：2017-05-15&nbsp;&nbsp;来源：县审批局",
                   pubdate="2022-04-24 10:00:43"), "2017-05-15", "migrated PubDate")
detail("trs-two-digit-year", "trs", "http://www.example.gov.cn/tzgg/index_art_3356.html",
       trs_article("关于开展2018年春季植树造林的通知", "发布时间：18-03-08　浏览次数：1024"), "2018-03-08", "two-digit year")
detail("trs-comment-beats-article", "trs", "http://www.example.gov.cn/xwdt/201905/t20190517_66001.html",
       trs_article("我县举行2019年度招商引资项目集中签约仪式", "发布日期：2019-05-17 来源：县商务局",
                   after='<div class="comment-list"><h3>网友评论</h3><ul><li><p>赞一个，家乡越来越好！</p>'
                         '<span class="time">2019-05-18 09:21:25</span></li><li><p>支持支持</p><span class="time">'
                         '2019-05-19 14:02:11</span></li></ul></div>'), "2019-05-17", "comment beats article")
detail("trs-svg-script-digits", "trs", "http://www.example.gov.cn/xwdt/article_55421.html",
       trs_article("全县脱贫攻坚成果巩固工作推进会召开", '<span class="time">2021-04-09</span> <span>来源：县乡村振兴局</span>'
                   '<svg width="16" height="16" viewBox="0 0 16 16"><path d="M2 09-1.24 5.5 10.2 09-12.30z"/></svg>'
                   '<script>var channelinfo = {id:"1238_2007.08.20", pub:"2007-08-20"};</script>'),
       "2021-04-09", "script or SVG digits")
detail("trs-date-in-title", "trs", "http://www.example.gov.cn/tzgg/202305/t20230510_7781.html",
       trs_article("关于5月20日部分路段临时交通管制的通告", "发布时间：2023-05-10 16:00"), "2023-05-10", "date in the title")
detail("trs-year-only-trap", "trs", "http://www.example.gov.cn/xwdt/article_7789.html",
       trs_article("县政府召开第十二次常务会议", "发布时间：2024年3月5日"), "2024-03-05", "year-only result")
detail("trs-weekday-suffix", "trs", "http://www.example.gov.cn/xwdt/article_7790.html",
       trs_article("县长主持召开防汛工作调度会", "2024年03月05日 星期二　来源：县应急局"), "2024-03-05", "weekday suffix")
detail("trs-fullwidth", "trs", "http://www.example.gov.cn/xwdt/article_7791.html",
       trs_article("全县春季森林防火工作会议召开", "发布日期：２０２３－０２－０９　信息来源：县林业局"), "2023-02-09", "full width")
detail("trs-bracketed", "trs", "http://www.example.gov.cn/xwdt/article_7792.html",
       trs_article("县人大常委会调研民生实事项目", "【发布时间：2023-02-09】【来源：县人大】【字号：大 中 小】"), "2023-02-09",
       "brackets")
detail("trs-sidebar-first", "trs", "http://www.example.gov.cn/xwdt/202211/t20221103_6610.html",
       trs_article("县领导督导检查冬季安全生产工作", "发布时间：2022-11-03", before=related(["2024-06-01", "2024-06-02", "2024-06-03"], "side-news")),
       "2022-11-03", "related-article sidebar above the article")
detail("trs-related-after", "trs", "http://www.example.gov.cn/xwdt/202210/t20221021_6600.html",
       trs_article("我县召开秋冬季疫情防控工作会", "时间：2022-10-21", after=related(["2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04"])),
       "2022-10-21", "related articles with newer dates")
detail("trs-updated-and-published", "trs", "http://www.example.gov.cn/zwgk/article_3301.html",
       trs_article("某某县2023年财政预算执行情况", "发布时间：2023-08-15　更新时间：2024-01-02 10:00"), "2023-08-15",
       "更新时间 beside 发布时间")
detail("trs-ymd-time-cn", "trs", "http://www.example.gov.cn/xwdt/article_3302.html",
       trs_article("县市场监管局开展节前食品安全检查", "发布时间：2023年2月9日 10时30分"), "2023-02-09", "年月日 with 时分")
detail("trs-dotted", "trs", "http://www.example.gov.cn/xwdt/article_3303.html",
       trs_article("某某镇召开村级换届工作部署会", "日期：2021.01.12　来源：某某镇"), "2021-01-12", "dotted date")
detail("trs-slashed", "trs", "http://www.example.gov.cn/xwdt/article_3304.html",
       trs_article("县卫健委开展义诊进社区活动", "发布时间：2021/3/5 8:00"), "2021-03-05", "slashed date")
detail("trs-html-comment", "trs", "http://www.example.gov.cn/xwdt/article_3305.html",
       trs_article("某某县召开河长制工作会议", "<!-- 发布时间：2015-01-01 旧模板 -->发布时间：2020-07-01", pubdate="2015-01-01"),
       "2020-07-01", "date in an HTML comment")
detail("trs-noscript-img-alt", "trs", "http://www.example.gov.cn/xwdt/article_3306.html",
       trs_article("我县开展全国防灾减灾日宣传活动", '<img src="/images/date.png" alt="2010-05-12" title="2010-05-12">'
                   '<noscript>2011-01-01</noscript>发布日期：2020-05-12'), "2020-05-12", "img alt and noscript")
detail("trs-spaced-colon", "trs", "http://www.example.gov.cn/xwdt/article_3307.html",
       trs_article("县纪委监委通报三起典型问题", "发布时间 : 2022-12-30&nbsp;&nbsp;&nbsp;来源 : 县纪委监委"), "2022-12-30",
       "spaced half-width colon")
detail("trs-page-build-meta", "trs", "http://www.example.gov.cn/xwdt/article_3308.html",
       trs_article("某某县召开退役军人工作会议", "发布时间：2022-04-06",
                   metas_extra='<meta name="others" content="页面生成时间 2023-10-23 11:36:07">\n<meta name="Maketime" content="2023-10-23 11:36:07">'),
       "2022-04-06", "page-build meta")
detail("trs-print-box-date", "trs", "http://www.example.gov.cn/xwdt/article_3309.html",
       trs_article("某某县开展消防安全大排查大整治", "发布时间：2023-11-09",
                   after='<div class="print-box">打印时间：2024-06-29 16:00</div>'), "2023-11-09", "print box date")
detail("trs-article-pager", "trs", "http://www.example.gov.cn/zcjd/202312/t20231201_9901.html",
       trs_article("一图读懂《某某县优化营商环境三年行动方案》", "发布时间：2023-12-01 来源：县发改委",
                   after='<div class="pages">共2页 <a href="t20231201_9901_1.html">下一页</a></div>'), "2023-12-01",
       "article split over pages")

# Hanweb JCMS


def hanweb_article(title, date_html, *, pubdate="", url_date=""):
    body = (f'<div id="hiddenLocation" style="display:none">当前位置：首页 &gt; 部门动态</div>'
            f'<div class="main"><div class="bt"><!--<$[标题名称]>begin-->{escape(title)}<!--<$[标题名称]>end--></div>'
            f'<table class="xx" width="100%"><tr><td>{date_html}</td><td>信息来源：<!--<$[信息来源]>begin-->县发改委<!--<$[信息来源]>end--></td>'
            f'<td>浏览次数：<script language="javascript" src="/module/visitcount/articlehits.jsp?colid=1229&artid=456"></script></td></tr></table>'
            f'<div id="zoom"><!--<$[信息内容]>begin-->{prose(3)}<!--<$[信息内容]>end--></div></div>')
    metas = article_meta(title, pubdate, "部门动态", '<meta name="ContentStart">\n')
    return chrome("某某市发展和改革委员会", title, body, metas=metas, head='<link href="/images/hanweb.css" rel="stylesheet">')


detail("hanweb-marker-date", "hanweb", "http://fgw.example.gov.cn/art/2016/11/22/art_1229_456.html",
       hanweb_article("市发改委召开重大项目推进会", "发布日期：<!--<$[发布日期]>begin-->2016-11-22<!--<$[发布日期]>end-->",
                      pubdate="2016-11-22"), "2016-11-22", "Hanweb comment markers")
detail("hanweb-pubdate-differs", "hanweb", "http://fgw.example.gov.cn/art/2019/3/7/art_1229_512.html",
       hanweb_article("关于2019年度重点项目计划的公示", "发布日期：2019-03-07 10:12", pubdate="2021-06-30 18:00:00"),
       "2019-03-07", "migrated PubDate with Hanweb URL")
detail("hanweb-url-only", "hanweb", "http://fgw.example.gov.cn/art/2020/8/5/art_1229_600.html",
       hanweb_article("市发改委党组理论学习中心组专题学习", "信息索引：00249-02-2020-0005"), "2020-08-05", "URL date only")
detail("hanweb-meta-only", "hanweb", "http://fgw.example.gov.cn/module/show.jsp?id=601",
       hanweb_article("市发改委开展节能宣传周活动", "字号：〖大 中 小〗", pubdate="2020-06-15 09:00"), "2020-06-15",
       "meta PubDate only")

# Ucap


def ucap_article(title, date_html, *, pubdate=""):
    body = (f'<script>var websiteId = "8a8c8b7a6f5e4d3c2b1a09f8e7d6c5b4", websiteCode = "wzxrmzf";</script>'
            f'<div class="detail"><ucaptitle>{escape(title)}</ucaptitle><div class="property">{date_html}'
            f'<span>来源：县政府办</span></div><ucapcontent>{prose(3)}</ucapcontent></div>')
    return chrome("万载县人民政府", title, body, metas=article_meta(title, pubdate, "政务动态"))


detail("ucap-publishtime", "ucap", "http://www.example.gov.cn/wzxrmzf/zwdt/201705/3c4f0e1a9b8d4e2f8a7c6b5d4e3f2a1b.shtml",
       ucap_article("万载县召开2017年项目建设推进会", "发布日期：<b><publishtime>2017-05-15 10:49:00</publishtime></b>",
                    pubdate="2022-04-24 10:00:43"), "2017-05-15", "Ucap publishtime tag, migrated PubDate")
detail("ucap-publishtime-bare", "ucap", "http://www.example.gov.cn/wzxrmzf/tzgg/202001/9f8e7d6c5b4a39281706f5e4d3c2b1a0.shtml",
       ucap_article("关于春节期间烟花爆竹燃放管理的通告", "<publishtime>2020-01-17</publishtime>"), "2020-01-17",
       "Ucap tag without label")

# gov.cn


def govcn_article(title, date_html, url_date_meta=""):
    body = (f'<div class="BreadcrumbNav"><a href="/">首页</a> &gt; <a href="/zhengce/">政策</a></div>'
            f'<div class="article oneColumn pub_border"><h1>{escape(title)}</h1>'
            f'<div class="pages-date">{date_html}<span class="font">来源：中国政府网</span></div>'
            f'<div class="pages_content" id="UCAP-CONTENT">{prose(4)}</div>'
            f'<div class="editor">【我要纠错】 责任编辑：王小明</div></div>')
    metas = ('<meta name="others" content="页面生成时间 2023-10-23 11:36:07">\n' + article_meta(title, url_date_meta, "政策")
             + '<meta name="firstpublishedtime" content="">\n')
    return chrome("中国政府网", title, body, metas=metas, code="bm01000001")


detail("govcn-page-build", "govcn", "http://www.example.gov.cn/zhengce/content/2018-12/29/content_5353143.htm",
       govcn_article("国务院办公厅关于印发某某工作方案的通知", "2018-12-29 15:30 "), "2018-12-29", "页面生成时间 meta, unlabelled date")
detail("govcn-gongbao-spaced", "govcn", "http://www.example.gov.cn/gongbao/content/2020/content_5488888.htm",
       chrome("中国政府网", "国务院关于某某事项的批复",
              '<div class="article"><h1>国务院关于某某事项的批复</h1><table class="bd1"><tr><td>索 引 号：</td><td>000014349/2020-00012</td>'
              '<td>主题分类：</td><td>城乡建设、环境保护</td></tr><tr><td>发文机关：</td><td>国务院</td><td>成文日期：</td><td>2020年02月10日</td></tr>'
              '<tr><td>标　　题：</td><td colspan="3">国务院关于某某事项的批复</td></tr><tr><td>发文字号：</td><td>国函〔2020〕12号</td>'
              '<td>发布日期：</td><td>2020年02月14日</td></tr></table>' + prose(3) + '</div>',
              metas='<meta name="others" content="页面生成时间 2023-10-23 11:36:07">', code="bm01000001"),
       "2020-02-14", "国务院公报 spaced labels, 成文日期 first")

# 信息公开 pages


def xxgk_article(title, written, published, *, pubdate="", cells=True):
    if cells:
        block = (f'<table class="xxgk-table"><tr><th>索引号</th><td>000014348/2020-35147</td><th>发布机构</th><td>市人民政府办公室</td></tr>'
                 f'<tr><th>主题分类</th><td>综合政务</td><th>文号</th><td>无</td></tr>'
                 f'<tr><th>成文日期</th><td>{written}</td><th>发布日期</th><td>{published}</td></tr>'
                 f'<tr><th>名称</th><td colspan="3">{escape(title)}</td></tr></table>')
    else:
        block = (f'<div class="xxgk-info"><p>索 引 号：000014348/2020-35147</p><p>发布机构：市人民政府办公室</p>'
                 f'<p>成文日期：{written}</p><p>发布日期：{published}</p><p>文　　号：邯政办字〔2020〕35号</p></div>')
    body = f'<div class="main">{block}<div class="article"><h2 class="title">{escape(title)}</h2>{prose(4)}</div></div>'
    return chrome("某某市人民政府", title, body, metas=article_meta(title, pubdate, "政府信息公开"))


detail("xxgk-written-vs-published", "xxgk", "http://www.example.gov.cn/zwgk/affairs/2020/35147.html",
       xxgk_article("某某市人民政府办公室关于做好2020年防汛工作的通知", "2020年07月28日", "2020年08月02日", pubdate="2020年07月28日"),
       "2020-08-02", "成文日期 vs 发布日期 (PubDate carries 成文日期)")
detail("xxgk-lines", "xxgk", "http://www.example.gov.cn/zwgk/affairs/2021/40001.html",
       xxgk_article("某某市人民政府关于公布权责清单的决定", "2021-03-01", "2021-03-09", cells=False), "2021-03-09",
       "信息公开 lines")
detail("xxgk-label-cell-nocolon", "xxgk", "http://www.example.gov.cn/zwgk/affairs/2022/40002.html",
       chrome("某某市人民政府", "关于调整城市公交票价的通知",
              '<div class="main"><table class="info"><tr><td class="l">发布日期</td><td>2022-09-26</td>'
              '<td class="l">成文日期</td><td>2022-09-20</td></tr></table><h1>关于调整城市公交票价的通知</h1>' + prose(3) + '</div>',
              metas=article_meta("关于调整城市公交票价的通知")), "2022-09-26", "label cell without colon")
detail("xxgk-cn-numerals", "xxgk", "http://www.example.gov.cn/zwgk/gongwen/gw_88.html",
       chrome("某某县人民政府", "某某县人民政府关于表彰2022年度先进集体的决定",
              '<div class="main"><h1>某某县人民政府关于表彰2022年度先进集体的决定</h1><div class="info">日期：二〇二三年二月九日</div>'
              + prose(3) + '<p style="text-align:right">某某县人民政府<br>二〇二三年二月六日</p></div>',
              metas=article_meta("某某县人民政府关于表彰2022年度先进集体的决定")), "2023-02-09", "Chinese numerals")
detail("policy-effective-date-first", "xxgk", "http://www.example.gov.cn/zcwj/2024/40003.html",
       chrome("某某县人民政府", "某某县城市管理办法",
              '<div class="main"><h1>某某县城市管理办法</h1><div class="info"><span>施行日期：2024-08-01</span>'
              '<span>发布日期：2024-06-12</span><span>来源：县司法局</span></div>' + prose(4) + '</div>',
              metas=article_meta("某某县城市管理办法")), "2024-06-12",
       "a policy's 施行日期 (after asof) nearer the title than its 发布日期: 日期 inside 施行日期 is no publication label")
detail("effective-date-only", "other", "http://www.example.gov.cn/zcwj/show_40004.html",
       chrome("某某县人民政府", "某某县农村供水管理办法",
              '<div class="main"><h1>某某县农村供水管理办法</h1><p class="info">施行日期：2024-05-01</p>' + prose(4)
              + related(["2024-05-02", "2024-05-09", "2024-05-16"]) + '</div>'), None,
       "the only date under the title is when the policy takes effect: an article with no publication date")
detail("written-date-only", "other", "http://www.example.gov.cn/zcwj/show_40005.html",
       chrome("某某县人民政府", "关于印发某某县村级公益事业建设一事一议财政奖补资金管理办法的通知",
              '<div class="main"><h1>关于印发某某县村级公益事业建设一事一议财政奖补资金管理办法的通知</h1>'
              '<p class="info">成文日期：2024-03-18　发布机构：县财政局</p>' + prose(4)
              + related(["2024-05-02", "2024-05-09", "2024-05-16"]) + '</div>'), "2024-03-18",
       "the only date is the document's 成文日期 under the title: the earliest it can have been published")
detail("written-date-and-url-date", "trs", "http://www.example.gov.cn/zcwj/202406/t20240611_40007.html",
       chrome("某某县人民政府", "关于印发某某县农村人居环境整治提升行动方案的通知",
              '<div class="main"><h1>关于印发某某县农村人居环境整治提升行动方案的通知</h1>'
              '<p class="info">成文日期：2024-03-18　发布机构：县农业农村局</p>' + prose(4) + '</div>'), "2024-06-11",
       "a 成文日期 under the title and a day in the URL: the document was written on the one, published on the other")
detail("issued-date-above-published", "other", "http://www.example.gov.cn/zcwj/show_40006.html",
       chrome("某某县人民政府", "某某县人民政府办公室关于做好2024年防汛工作的通知",
              '<div class="main"><h1>某某县人民政府办公室关于做好2024年防汛工作的通知</h1>'
              '<table class="xxgk"><tr><td>发文机关：县政府办公室</td><td>发文日期：2024-06-05</td></tr>'
              '<tr><td>发文字号：某府办发〔2024〕12号</td><td>发布日期：2024-06-11</td></tr></table>' + prose(4) + '</div>'),
       "2024-06-11", "发文日期 (the document's date) nearer the title than the 发布日期")
detail("updated-under-title-url-date", "trs", "http://www.example.gov.cn/xwdt/202406/t20240610_40008.html",
       chrome("某某县人民政府", "某某县召开2024年安全生产工作会议",
              '<div class="main"><h1>某某县召开2024年安全生产工作会议</h1>'
              '<p class="info">更新时间：2024-06-20 09:12　来源：县应急管理局</p>' + prose(4) + '</div>'),
       "2024-06-10", "only an 更新时间 under the title: the day in the URL is the publication, the update is later")
detail("edited-byline-meta-published", "other", "https://zhuanlan.example.com/p/604000123",
       '<!DOCTYPE html><html><head><meta charset="utf-8"><title>基层减负的几点思考 - 知乎</title>'
       '<meta itemprop="datePublished" content="2024-06-09T18:05:00.000Z">'
       '<meta itemprop="dateModified" content="2024-06-20T00:00:00.000Z"></head><body>'
       '<div class="AppHeader"><a href="/">首页</a><a href="/explore">发现</a><a href="/question/waiting">等你来答</a></div>'
       '<article><header><h1 class="Post-Title">基层减负的几点思考</h1><div class="AuthorInfo"><a href="/people/x">张三</a>'
       '</div></header><div class="Post-RichText">' + prose(4) + '</div>'
       '<div class="ContentItem-time">编辑于 2024-06-20 08:00・IP 属地北京</div></article></body></html>',
       "2024-06-10", "an edited (编辑于) date is shown where the published one was; the UTC meta is the 10th in China")
detail("blog-postfix-labels", "other", "https://blog.example.net/zhangsan/article/details/128950123",
       '<!DOCTYPE html><html><head><meta charset="utf-8"><title>政务网站栏目更新监测的实现_zhangsan的博客</title></head><body>'
       '<div class="toolbar"><a href="/">博客</a><a href="/edu">学习</a><a href="/download">下载</a></div>'
       '<div class="article-header"><h1 class="title-article">政务网站栏目更新监测的实现</h1>'
       '<div class="article-info-box"><a class="follow-nickName" href="/zhangsan">zhangsan</a> '
       '<span class="time">已于&nbsp;2024-06-20 08:00:00&nbsp;修改</span><span class="read-count">阅读量1k</span>'
       '<div class="up-time"><span>于&nbsp;2024-06-11 10:05:33&nbsp;首次发布</span></div></div></div>'
       '<div id="content_views">' + prose(4) + '</div></body></html>',
       "2024-06-11", "labels after the date (于 … 首次发布, 已于 … 修改), the modified one first")
detail("prose-published-on-day", "trs", "http://www.example.gov.cn/zcjd/202406/t20240612_40009.html",
       chrome("某某县人民政府", "一图读懂《某某县优化营商环境若干措施》",
              '<div class="main"><h1>一图读懂《某某县优化营商环境若干措施》</h1>'
              '<div class="TRS_Editor"><p>县政府办公室于2024年5月20日发布《某某县优化营商环境若干措施》，'
              '现将主要内容解读如下。</p>' + prose(3) + '</div></div>'),
       "2024-06-12", "a sentence saying when another document was published (于2024年5月20日发布) is no label")
detail("future-day-in-first-sentence", "other", "http://www.example.gov.cn/zcjd/show_40013.html",
       chrome("某某县人民政府", "《某某县城市供水管理办法》政策解读",
              '<div class="main"><h1>《某某县城市供水管理办法》政策解读</h1>'
              '<div class="TRS_Editor"><p>《某某县城市供水管理办法》自2024年7月1日起施行，现就办法的主要内容解读如下。</p>'
              + prose(3) + '</div></div>', metas=article_meta("《某某县城市供水管理办法》政策解读", column="政策解读")),
       None, "the first sentence names the day the policy takes effect, after the monitoring date: no publication date")
detail("legacy-font-title-no-heading", "table", "http://www.example.gov.cn/news/content_6227311.htm",
       chrome("某某县人民政府", "某某县召开2008年抗震救灾工作会议_工作动态_某某县人民政府",
              '<table width="760" align="center"><tr><td align="center"><font size="4"><b>某某县召开2008年抗震救灾工作会议'
              '</b></font></td></tr><tr><td align="center"><font color="#666666">2008年05月12日 14:28　县政府办公室</font>'
              '</td></tr><tr><td>' + prose(4) + '</td></tr></table>'),
       "2008-05-12", "the title is a <font><b> in a table cell, no heading: its text is found from <title>")
detail("byline-alone-then-prose-migrated-meta", "ucap", "http://www.example.gov.cn/zwdt/show_40014.html",
       chrome("某某县人民政府", "某某县2017年春季植树造林工作全面启动",
              '<div class="main"><h1>某某县2017年春季植树造林工作全面启动</h1><div class="i">2017/3/12 10:05:33</div>'
              + prose(4) + '</div>', metas=article_meta("某某县2017年春季植树造林工作全面启动", "2022-04-24 10:00:43")),
       "2017-03-12", "a byline of a date alone, the text's first sentence on the next line, and a migrated PubDate")
detail("label-in-share-bar", "other", "http://www.example.gov.cn/xwdt/show_40010.html",
       chrome("某某县人民政府", "某某县召开2024年防汛抗旱工作部署会",
              '<div class="main"><h1>某某县召开2024年防汛抗旱工作部署会</h1>'
              '<div class="info-share">发布时间：2024-06-11　分享到：<a href="#">微信</a><a href="#">微博</a></div>'
              + prose(4) + '</div>'), "2024-06-11", "the 发布时间 sits in the share bar under the title")
detail("label-in-bottom-bar", "other", "http://www.example.gov.cn/xwdt/show_40011.html",
       chrome("某某县人民政府", "某某县开展2024年安全生产月活动",
              '<div class="main"><h1>某某县开展2024年安全生产月活动</h1>' + prose(4)
              + '<div class="article_bottom">发布日期：2024-06-12　来源：县应急管理局　【打印本页】【关闭窗口】</div></div>'),
       "2024-06-12", "the 发布日期 closes the article in its bottom bar, beside 打印 and 关闭")
detail("byline-with-commas-migrated-meta", "ucap", "http://www.example.gov.cn/zwdt/show_40012.html",
       chrome("某某县人民政府", "某某县召开2017年农村工作会议",
              '<div class="main"><h1>某某县召开2017年农村工作会议</h1>'
              '<p class="info">2017-05-15 10:05　来源：县融媒体中心，作者：张三，责任编辑：李四</p>' + prose(4) + '</div>',
              metas=article_meta("某某县召开2017年农村工作会议", "2022-04-24 10:00:43")),
       "2017-05-15", "an unlabelled byline with commas under the title, and a migrated PubDate meta")

# legacy and others


def legacy_article(title, info_row, charset="utf-8"):
    body = (f'<table width="1000" align="center" border="0" cellpadding="0" cellspacing="0"><tr><td width="220" valign="top">'
            f'<table class="left"><tr><td><a href="/news/">新闻中心</a></td></tr><tr><td><a href="/notice/">公告公示</a></td></tr></table></td>'
            f'<td valign="top"><table width="100%"><tr><td align="center" class="biaoti"><b>{escape(title)}</b></td></tr>'
            f'<tr><td align="center" class="f12">{info_row}</td></tr><tr><td class="zw">{prose(3)}</td></tr></table></td></tr></table>')
    return chrome("某某乡人民政府", title, body, charset=charset, nav=False)


detail("legacy-table-layout", "legacy", "http://www.example.gov.cn/news/ShowArticle.asp?ArticleID=1023",
       legacy_article("某某乡开展农村人居环境整治活动", "作者：党政办&nbsp;&nbsp;发布日期：2010-3-5&nbsp;&nbsp;点击数：231"),
       "2010-03-05", "old table layout")
detail("legacy-gbk", "legacy", "http://www.example.gov.cn/news/ShowArticle.asp?ArticleID=1024",
       legacy_article("某某乡召开计划生育工作会议", "更新时间：2012-04-01 发布时间：2012-03-28", charset="gbk"),
       "2012-03-28", "GBK page", encoding="gbk")
detail("nested-span-pubdate", "other", "http://www.example.gov.cn/xwzx/202206/t20220624_1.html",
       chrome("某某市人民政府", "市政府召开全市安全生产电视电话会议",
              '<div class="content"><h2>市政府召开全市安全生产电视电话会议</h2><div class="pubDate">发布日期: <span>2012-06-24</span></div>'
              + prose(3) + '</div>', metas=article_meta("市政府召开全市安全生产电视电话会议")), "2012-06-24", "nested span")
detail("unlabelled-under-title", "other", "http://www.example.gov.cn/xwzx/show_4410.html",
       chrome("某某区人民政府", "区委常委会召开会议",
              '<div class="news-detail"><h1>区委常委会召开会议</h1><p class="sub">2023-04-11 来源：区委办</p>' + prose(3)
              + '<div class="pre-next"><p>上一篇：<a href="show_4409.html">区政府召开常务会议</a> 2023-04-10</p>'
                '<p>下一篇：<a href="show_4411.html">区人大召开主任会议</a> 2023-04-12</p></div></div>'),
       "2023-04-11", "unlabelled date under the title, 上一篇/下一篇 dates")
detail("long-datetime-seconds", "other", "http://www.example.gov.cn/xwzx/show_4412.html",
       chrome("某某区人民政府", "区政府召开第5次常务会议",
              '<div class="news-detail"><h1>区政府召开第5次常务会议</h1><div class="msg">来源：区政府办 发布时间：2023-02-09 10:00:43</div>'
              + prose(2) + '</div>', metas=article_meta("区政府召开第5次常务会议")), "2023-02-09", "datetime with seconds")
detail("wechat-relative-ct", "wechat", "http://mp.example.qq.com/s?__biz=MzA5&mid=2651&idx=1",
       '<!DOCTYPE html><html><head><meta charset="utf-8"><title>我县召开春耕备耕工作会</title>'
       '<meta property="og:title" content="我县召开春耕备耕工作会"></head><body><div id="img-content">'
       '<h1 class="rich_media_title" id="activity-name">我县召开春耕备耕工作会</h1><div id="meta_content">'
       '<span id="js_name">某某县发布</span> <em id="publish_time" class="rich_media_meta">昨天</em></div>'
       '<div class="rich_media_content" id="js_content">' + prose(3) + '</div></div>'
       '<script>var nickname = "某某县发布"; var user_name = "gh_3a1b2c3d4e5f"; var ct = "1676000000";</script></body></html>',
       "2023-02-10", "relative text in saved HTML: prefer var ct", asof="2023-02-11")
detail("info-ymd-no-label-sidebar", "other", "http://www.example.gov.cn/xwzx/show_4413.html",
       chrome("某某区人民政府", "某某区召开优化营商环境大会",
              '<div class="w1200"><div class="left-side"><h3>热点新闻</h3><ul><li><a href="/x/1.html">热点新闻一二三四五</a>2024-06-28</li>'
              '<li><a href="/x/2.html">热点新闻二二三四五</a>2024-06-27</li></ul></div><div class="right-main"><h1>某某区召开优化营商环境大会</h1>'
              '<div class="source">2021年12月15日　来源：区营商办</div>' + prose(3) + '</div></div>'), "2021-12-15",
       "unlabelled 年月日, hot-news sidebar")

# ---------------------------------------------------------------------------------------------
# list pages
# ---------------------------------------------------------------------------------------------


def lis(rows, fmt):
    return "".join(fmt(*r) for r in rows)


def cut(t, n=16):
    return t if len(t) <= n else t[:n - 1] + "…"


def list_frame(site, column, inner, *, pager="", side="", head="", charset="utf-8", metas=""):
    body = (f'<div class="main w1200"><div class="crumb">当前位置：<a href="/">首页</a> &gt; {column}</div>'
            f'<div class="leftnav"><h2>{column}</h2><ul><li><a href="../xwdt/">工作动态</a></li><li><a href="../tzgg/">通知公告</a></li></ul></div>'
            f'{side}<div class="list-con">{inner}{pager}</div></div>')
    return chrome(site, f"{column}_{site}", body, head=head, charset=charset,
                  metas=f'<meta name="ColumnName" content="{column}">\n<meta name="ColumnType" content="list">\n' + metas)


TITLES = ["县政府召开第十八次常务会议研究部署重点工作", "全县安全生产工作会议召开", "关于公布2024年第一批行政许可事项的公告",
          "县领导带队开展防汛检查", "我县举办2024年春季招聘会", "县市场监管局开展食品安全专项整治行动",
          "关于征求《某某县城市管理办法（征求意见稿）》意见的公告", "县卫健委开展义诊下乡活动", "某某镇召开乡村振兴工作推进会",
          "县人社局发布2024年第二季度就业数据", "县教育局部署中考安全保障工作", "我县召开民营经济发展座谈会",
          "关于2024年度县级财政预算公开的说明", "县政府党组召开专题民主生活会", "我县开展全民国家安全教育日宣传活动",
          "县自然资源局开展耕地保护专项检查"]


def rows_for(prefix, dates, ext="html", start=0):
    out = []
    for i, d in enumerate(dates):
        title = TITLES[(start + i) % len(TITLES)]
        ymd = d.replace("-", "")
        out.append((title, f"{prefix}{ymd[:6]}/t{ymd}_{5000 + start + i}.{ext}", d))
    return out


BASE = "http://www.example.gov.cn"
D1 = ["2024-06-28", "2024-06-25", "2024-06-20", "2024-06-18", "2024-06-12", "2024-06-05", "2024-05-30", "2024-05-21",
      "2024-05-15", "2024-05-08"]

rows = rows_for(f"{BASE}/xwdt/", D1)
rows[3] = ("关于公布2024年第一批行政许可事项的公告（附件）", f"{BASE}/xwdt/202406/P020240618512345678901.pdf", "2024-06-18")
listing("trs-ul-span", "trs", f"{BASE}/xwdt/index.html", list_frame(
    "某某县人民政府", "工作动态",
    '<ul class="list">' + lis(rows, lambda t, u, d: f'<li class="clearfix"><a href="{u.replace(BASE + "/xwdt/", "./")}" '
                              f'title="{t}" target="_blank">{cut(t)}</a><span>{d}</span></li>') + '</ul>',
    pager='<div class="page"><script type="text/javascript">createPageHTML(5, 0, "index", "html");</script></div>'),
    rows, "truncated titles, PDF item, createPageHTML", next_page=f"{BASE}/xwdt/index_1.html")

last = rows_for(f"{BASE}/xwdt/", ["2023-11-02"], start=5)
listing("trs-last-page-one-item", "trs", f"{BASE}/xwdt/index_4.html", list_frame(
    "某某县人民政府", "工作动态",
    '<ul class="list">' + lis(last, lambda t, u, d: f'<li class="clearfix"><a href="{u.replace(BASE + "/xwdt/", "./")}" '
                              f'title="{t}" target="_blank">{cut(t)}</a><span>{d}</span></li>') + '</ul>',
    pager='<div class="page"><script type="text/javascript">createPageHTML(5, 4, "index", "html");</script></div>'),
    last, "last page with 1 item", next_page=None)

cq_rows = rows_for(f"{BASE}/zwgk/zfxxgkml/", D1[:8])
listing("cq-date-in-anchor", "trs", f"{BASE}/zwgk/zfxxgkml/index.html", list_frame(
    "重庆市某某区人民政府", "政府信息公开",
    '<ul class="tab-item">' + lis(cq_rows, lambda t, u, d: f'<li><a href="{u.replace(BASE + "/zwgk/zfxxgkml/", "./")}" '
                                  f'target="_blank"><p>{t}</p><span>{d}</span></a></li>') + '</ul>',
    pager='<div id="page"><script>createPage(34,0,"index","html");</script></div>'),
    cq_rows, "date inside the anchor, createPage", next_page=f"{BASE}/zwgk/zfxxgkml/index_1.html")

var_rows = rows_for(f"{BASE}/tzgg/", D1[2:9])
listing("trs-countpage-vars", "trs", f"{BASE}/tzgg/index_2.html", list_frame(
    "某某县人民政府", "通知公告",
    '<ul class="news_list">' + lis(var_rows, lambda t, u, d: f'<li><span class="date">[{d}]</span><a href="{u.replace(BASE + "/tzgg/", "./")}" '
                                   f'title="{t}">{cut(t, 20)}</a></li>') + '</ul>',
    pager='<div class="page"><script>var countPage = 12; var currentPage = 2; '
          'createPageHTML(countPage, currentPage, "index", "html");</script></div>'),
    var_rows, "bracketed dates before the title, pager from variables", next_page=f"{BASE}/tzgg/index_3.html")

# sticky rows on top with old dates
sticky = [("【置顶】关于开展“我为群众办实事”意见征集的公告", f"{BASE}/tzgg/202103/t20210301_100.html", "2021-03-01"),
          ("关于公布县长信箱受理规则的通知", f"{BASE}/tzgg/202001/t20200110_99.html", "2020-01-10")]
st_rows = rows_for(f"{BASE}/tzgg/", D1[:6], start=6)
listing("trs-sticky", "trs", f"{BASE}/tzgg/", list_frame(
    "某某县人民政府", "通知公告",
    '<ul class="list">'
    '<li class="top"><img src="/images/top.gif" alt="置顶"><a href="./202103/t20210301_100.html" title="关于开展“我为群众办实事”意见征集的公告">'
    '关于开展“我为群众办实事”意见…</a><span>2021-03-01</span></li>'
    '<li><span class="zd">[置顶]</span><a href="./202001/t20200110_99.html" title="关于公布县长信箱受理规则的通知">关于公布县长信箱受理规则的通知</a>'
    '<span>2020-01-10</span></li>'
    + lis(st_rows, lambda t, u, d: f'<li><a href="{u.replace(BASE + "/tzgg/", "./")}" title="{t}">{cut(t)}</a><span>{d}</span></li>')
    + '</ul>', pager='<div class="page"><script>createPageHTML(3, 0, "index", "html");</script></div>'),
    [(sticky[0][0].replace("【置顶】", ""), sticky[0][1], sticky[0][2]), sticky[1]] + st_rows, "sticky rows",
    next_page=f"{BASE}/tzgg/index_1.html")

# Hanweb datastore
HW = "http://www.example.gov.cn"
hw_dates = ["2024-06-27", "2024-06-26", "2024-06-21", "2024-06-19", "2024-06-14", "2024-06-13", "2024-06-07", "2024-06-03",
            "2024-05-29", "2024-05-24", "2024-05-20", "2024-05-16", "2024-05-10", "2024-05-06", "2024-04-30"]
hw_rows = [(TITLES[i % len(TITLES)], f"{HW}/art/{d[:4]}/{int(d[5:7])}/{int(d[8:])}/art_1229015646_{7000 + i}.html", d)
           for i, d in enumerate(hw_dates)]


def hanweb_list(rows, *, nextgroup=True, total=None, date_tag="i", column="部门动态", colid="1229015646"):
    recs = "".join(f'<record><![CDATA[\n<li><a href="{u.replace(HW, "")}" title="{t}" target="_blank">'
                   f'<span class="list_title">{cut(t, 18)}</span><{date_tag}>{d}</{date_tag}></a></li>\n]]></record>'
                   for t, u, d in rows)
    ng = (f'<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=3001&path=/&columnid={colid}'
          f'&unitid=5563219&webname=%E6%9F%90%E6%9F%90%E5%B8%82&permissiontype=0"></a>]]></nextgroup>') if nextgroup else ""
    tot = f'<totalrecord>{total}</totalrecord>' if total is not None else ""
    inner = (f'<div id="5563219"><script type="text/xml"><datastore>{ng}<recordset>{recs}</recordset>{tot}</datastore></script>'
             f'<script language="javascript" src="/module/web/jpage/jpage.js"></script>'
             f'<script>var perPage = 15; new jpage({{id:"5563219", perpage: 15}});</script></div>')
    return list_frame("某某市人民政府", column, inner, head='<link href="/images/hanweb.css" rel="stylesheet">')


listing("hanweb-datastore", "hanweb", f"{HW}/col/col1229015646/index.html", hanweb_list(hw_rows, total=48), hw_rows,
        "Hanweb datastore records, dataproxy paging",
        next_page=f"{HW}/module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30&perpage=15&col=1&appid=1&webid=3001&path=%2F"
                  f"&columnid=1229015646&unitid=5563219&webname=%E6%9F%90%E6%9F%90%E5%B8%82&permissiontype=0")
hw_few = hw_rows[:4]
listing("hanweb-datastore-short", "hanweb", f"{HW}/col/col1229015700/index.html",
        hanweb_list(hw_few, total=4, date_tag="b", column="政策解读", colid="1229015700"), hw_few,
        "Hanweb record with <b> date, one page", next_page=None)

# JS arrays
js_rows = [(TITLES[i], f"{HW}/art/{d[:4]}/{int(d[5:7])}/{int(d[8:])}/art_736_{800 + i}.html", d) for i, d in enumerate(D1[:6])]
js = "var urls=new Array(); var headers=new Array(); var year=new Array(); var month=new Array(); var day=new Array();\n" + "".join(
    f"urls[{i}]='{u.replace(HW, '')}';headers[{i}]=\"{t}\";year[{i}]='{d[:4]}';month[{i}]='{int(d[5:7])}';day[{i}]='{int(d[8:])}';\n"
    for i, (t, u, d) in enumerate(js_rows))
listing("js-arrays", "js-array", f"{HW}/col/col736/index.html", list_frame(
    "某某区科学技术委员会", "通知公告", f'<div id="list"><script type="text/javascript">{js}'
    'for(var i=0;i<urls.length;i++){document.write("<li><a href=\'"+urls[i]+"\'>"+headers[i]+"</a></li>");}</script></div>'),
    js_rows, "list only in JS arrays")

# tables
tb_dates = ["05-17", "05-12", "04-28", "04-03", "03-15", "02-20"]
tb_rows = [(TITLES[i], f"{BASE}/zwgk/gsgg/201705/t2017{d.replace('-', '')}_3765{90 + i}.html" if i < 1 else
            f"{BASE}/zwgk/gsgg/2017{d[:2]}/t2017{d.replace('-', '')}_3765{90 + i}.html", f"2017-{d}") for i, d in enumerate(tb_dates)]
listing("trs-table-mmdd-url-year", "table", f"{BASE}/zwgk/gsgg/index.html", list_frame(
    "樟树市人民政府", "公示公告",
    '<table width="100%" class="list-table">' + lis(tb_rows, lambda t, u, d: f'<tr><td width="85%"><img src="/images/dot.gif">'
                                                  f'<a title="{t}" href="../../zwgk/gsgg/{u.split("/gsgg/")[1]}">{cut(t, 14)}</a></td>'
                                                  f'<td class="date">{d[5:]}</td></tr>') + '</table>'),
    tb_rows, "year-less MM-DD cells, year from the URL")

ny_rows = [(TITLES[i], f"{BASE}/xxgk/show_{300 + i}.html", d) for i, d in
           enumerate(["2024-01-08", "2024-01-03", "2023-12-28", "2023-12-15", "2023-11-30", "2023-06-15", "2022-12-31"])]
listing("table-mmdd-new-year", "table", f"{BASE}/xxgk/list.html", list_frame(
    "某某镇人民政府", "工作动态",
    '<table class="tab-list">' + lis(ny_rows, lambda t, u, d: f'<tr><td><a href="{u.replace(BASE + "/xxgk/", "")}">{t}</a></td>'
                                   f'<td>{d[5:]}</td></tr>') + '</table>'),
    ny_rows, "MM-DD across New Year (January check), rolled back down a newest-first list", asof="2024-01-10")

xx_rows = [(TITLES[i], f"{BASE}/zwgk/xxgkml/202406/P02024062{i}5566.pdf" if i % 3 == 1 else f"{BASE}/zwgk/xxgkml/202406/t2024062{i}_{600 + i}.html",
            f"2024-06-2{i}") for i in range(6)]
listing("xxgk-catalogue-table", "xxgk", f"{BASE}/zwgk/xxgkml/index.html", list_frame(
    "邯郸市某某区人民政府", "政府信息公开目录",
    '<table class="xxgk-list"><thead><tr><th>索引号</th><th>名称</th><th>发布机构</th><th>发布日期</th></tr></thead><tbody>'
    + lis(xx_rows, lambda t, u, d: f'<tr><td>000014348/2024-0{u[-8:-5]}</td><td><a href="{u.replace(BASE + "/zwgk/xxgkml/", "./")}" '
          f'title="{t}">{cut(t, 20)}</a></td><td>区政府办公室</td><td>{d[:4]}年{d[5:7]}月{d[8:]}日</td></tr>') + '</tbody></table>',
    pager='<div class="pager">共3页 当前第1页 <a href="index.html">首页</a> <a href="index_1.html">下一页</a> <a href="index_2.html">尾页</a></div>'),
    xx_rows, "信息公开目录 table with PDF items and 年月日 dates", next_page=f"{BASE}/zwgk/xxgkml/index_1.html")

gov_rows = [(TITLES[i], f"{BASE}/zhengce/content/{d[:7]}/{d[8:]}/content_56{i}0001.htm", d) for i, d in enumerate(D1[:8])]
listing("govcn-h4-span", "govcn", f"{BASE}/zhengce/zuixin/home_0.htm", chrome(
    "中国政府网", "最新政策_中国政府网",
    '<div class="list list_1 list_2"><ul>' + lis(gov_rows, lambda t, u, d: f'<li><h4><a href="{u.replace(BASE, "")}" target="_blank">{t}</a>'
                                                f'<span class="date">{d}</span></h4></li>') + '</ul></div>'
    '<div class="page"><a href="home_0.htm" class="on">1</a> <a href="home_1.htm">2</a> <a href="home_2.htm">3</a> '
    '<a href="home_1.htm">下一页</a></div>', code="bm01000001",
    metas='<meta name="others" content="页面生成时间 2024-06-30 08:00:00">'),
    gov_rows, "gov.cn li>h4>a+span.date, home_N", next_page=f"{BASE}/zhengce/zuixin/home_1.htm")

card_rows = [(TITLES[i + 3], f"{BASE}/news/{1000 + i}.html", d) for i, d in enumerate(D1[:5])]
listing("div-cards", "other", f"{BASE}/news/", list_frame(
    "某某市人民政府", "图片新闻",
    '<div class="news-cards">' + lis(card_rows, lambda t, u, d: f'<div class="card"><a href="{u.replace(BASE, "")}"><img src="/img/{u[-9:-5]}.jpg">'
                                      f'<h3>{t}</h3></a><p class="summary">{PARAS[0][:30]}</p><div class="time">{d}</div></div>') + '</div>'),
    card_rows, "div card layout")

dl_rows = [(TITLES[i + 1], f"{BASE}/zcjd/{2000 + i}.html", d) for i, d in enumerate(D1[1:7])]
listing("dl-dd", "other", f"{BASE}/zcjd/", list_frame(
    "某某市人民政府", "政策解读",
    '<dl class="jd-list">' + lis(dl_rows, lambda t, u, d: f'<dd><a href="{u.replace(BASE, "")}">{t}</a><em>({d[5:]})</em></dd>') + '</dl>'),
    [(t, u, d) for t, u, d in dl_rows], "dl/dd with (MM-DD) dates", asof="2024-06-30")

sub_rows = rows_for(f"{BASE}/zwgk/zcwj/", D1[:5])
listing("subcolumns-share-container", "trs", f"{BASE}/zwgk/zcwj/index.html", list_frame(
    "某某县人民政府", "政策文件",
    '<ul class="list"><li><a href="./xzgfxwj/">行政规范性文件</a></li><li><a href="./qtwj/index.html">其他政策文件目录</a></li>'
    + lis(sub_rows, lambda t, u, d: f'<li><a href="{u.replace(BASE + "/zwgk/zcwj/", "./")}" title="{t}">{cut(t)}</a><span>{d}</span></li>') + '</ul>'),
    sub_rows, "sub-column links without dates in the list container")

listing("blank-column", "trs", f"{BASE}/zwgk/rsxx/index.html", list_frame(
    "某某县人民政府", "人事信息", '<ul class="list"></ul><div class="empty">暂无信息</div>'),
    [], "blank column", kind="other", placeholder="暂无信息")

hot = '<div class="hot"><h3>热点信息</h3><ul>' + "".join(
    f'<li><a href="/rdxx/content_{9000 + i}.html">热点信息回顾第{i + 1}期专题报道</a><span>2022-0{i + 1}-15</span></li>' for i in range(8)) + '</ul></div>'
side_rows = rows_for(f"{BASE}/xwdt/", D1[:4])
listing("hot-sidebar-beside-short-list", "trs", f"{BASE}/xwdt/index_2.html", list_frame(
    "某某县人民政府", "乡镇动态",
    '<ul class="list">' + lis(side_rows, lambda t, u, d: f'<li><a href="{u.replace(BASE + "/xwdt/", "./")}" title="{t}">{cut(t)}</a><span>{d}</span></li>') + '</ul>',
    side=hot, pager='<div class="page"><a href="index_1.html">上一页</a> <a href="index.html">首页</a></div>'),
    side_rows, "old 热点 box with more items than the list", next_page=None)

q_rows = [(TITLES[i], f"{BASE}/site/tzgg/info/2024/{3000 + i}.html", d) for i, d in enumerate(D1[:6])]
listing("query-page-param", "other", f"{BASE}/site/tzgg/list.jsp?catid=12&page=1", list_frame(
    "某某市人民政府", "通知公告",
    '<div class="article-list"><ul>' + lis(q_rows, lambda t, u, d: f'<li><i class="dot"></i><a href="{u.replace(BASE, "")}">{t}</a>'
                                           f'<span class="time">{d[:4]}年{int(d[5:7])}月{int(d[8:])}日</span></li>') + '</ul></div>',
    pager='<div class="fenye">共5页 <a href="list.jsp?catid=12&page=1">首页</a> <a href="list.jsp?catid=12&page=2">下一页</a> '
          '<a href="list.jsp?catid=12&page=5">尾页</a></div>'),
    q_rows, "?page=N pager with 下一页/尾页, 年月日 dates", next_page=f"{BASE}/site/tzgg/list.jsp?catid=12&page=2")

md_rows = [(TITLES[i + 2], f"{BASE}/xwdt/202406/t202406{d[8:]}_{700 + i}.html", d) for i, d in enumerate(D1[:6])]
listing("cn-md-url-year", "trs", f"{BASE}/xwdt/index_1.html", list_frame(
    "某某县人民政府", "政务要闻",
    '<ul class="list">' + lis(md_rows, lambda t, u, d: f'<li><a href="{u.replace(BASE + "/xwdt/", "./")}">{t}</a>'
                              f'<span>{int(d[5:7])}月{int(d[8:])}日</span></li>') + '</ul>',
    pager='<div class="page">共6页 第2/6页 <a href="javascript:void(0)" onclick="goPage(3)">下一页</a></div>'),
    md_rows, "M月D日 with the year from the URL, 共N页 text pager with JS links", next_page=f"{BASE}/xwdt/index_2.html")

ly_rows = [("关于小区门口路灯不亮的问题", f"{BASE}/hdjl/szxx/detail.jsp?id=801", "2024-06-26"),
           ("咨询新生儿医保办理流程", f"{BASE}/hdjl/szxx/detail.jsp?id=800", "2024-06-24"),
           ("关于某某路段积水严重的反映", f"{BASE}/hdjl/szxx/detail.jsp?id=799", "2024-06-20"),
           ("建议增设公交线路站点", f"{BASE}/hdjl/szxx/detail.jsp?id=798", "2024-06-11")]
listing("mailbox-list-replies", "interaction", f"{BASE}/hdjl/szxx/list.jsp", list_frame(
    "某某市人民政府", "市长信箱",
    '<table class="letter-list"><tr class="th"><td>来信主题</td><td>状态</td><td>时间</td><td>受理单位</td></tr>'
    + lis(ly_rows, lambda t, u, d: f'<tr><td><a href="{u.replace(BASE + "/hdjl/szxx/", "")}">{t}</a></td>'
          f'<td>{"暂无" if u.endswith("801") else "已办结"}</td><td>{d}</td><td>市城管局</td></tr>') + '</table>'),
    ly_rows, "留言 list with 暂无 replies")

att_rows = [("某某县2024年部门预算公开表", f"{BASE}/zwgk/czyjs/202406/P020240620.xlsx", "2024-06-20"),
            ("某某县2023年决算报告", f"{BASE}/zwgk/czyjs/202406/P020240615.docx", "2024-06-15"),
            ("某某县2024年政府债务情况说明", f"{BASE}/zwgk/czyjs/202405/P020240520.pdf", "2024-05-20"),
            ("某某县“三公”经费预算说明", f"{BASE}/zwgk/czyjs/202405/P020240510.doc", "2024-05-10")]
listing("attachments-only", "trs", f"{BASE}/zwgk/czyjs/index.html", list_frame(
    "某某县人民政府", "财政预决算",
    '<ul class="list">' + lis(att_rows, lambda t, u, d: f'<li><a href="{u.replace(BASE + "/zwgk/czyjs/", "./")}" target="_blank">{t}</a>'
                              f'<span>{d}</span></li>') + '</ul>'),
    att_rows, "items that are DOC/XLS/PDF attachments")

uid_rows = [(TITLES[i + 4], f"{HW}/art/{d[:4]}/{int(d[5:7])}/{int(d[8:])}/art_5521_{900 + i}.html", d) for i, d in enumerate(D1[:5])]
listing("hanweb-uid-pagenum", "hanweb", f"{HW}/col/col5521/index.html?uid=22012&pageNum=1", list_frame(
    "某某县人民政府", "乡镇动态",
    '<div class="default_pgContainer"><ul>' + lis(uid_rows, lambda t, u, d: f'<li><a href="{u.replace(HW, "")}" title="{t}">{cut(t)}</a>'
                                                 f'<span class="bt-data-time">[{d}]</span></li>') + '</ul></div>'
    '<div class="default_pgToolbar"><a href="/col/col5521/index.html?uid=22012&pageNum=2">下页</a> '
    '<a href="/col/col5521/index.html?uid=22012&pageNum=9">尾页</a> 共9页</div>'),
    uid_rows, "Hanweb uid/pageNum pager", next_page=f"{HW}/col/col5521/index.html?uid=22012&pageNum=2")

gbk_rows = rows_for(f"{BASE}/xwzx/", D1[:5], start=9)
listing("gbk-list", "legacy", f"{BASE}/xwzx/index.html", list_frame(
    "某某乡人民政府", "新闻中心",
    '<ul class="news">' + lis(gbk_rows, lambda t, u, d: f'<li>·<a href="{u.replace(BASE + "/xwzx/", "")}">{t}</a>({d})</li>') + '</ul>',
    pager='<div>第1/4页 <a href="index_1.html">下一页</a></div>', charset="gbk"),
    gbk_rows, "GBK list, (date) after the title", next_page=f"{BASE}/xwzx/index_1.html", encoding="gbk")

two_rows = rows_for(f"{BASE}/gsgg/", ["2022-03-01", "2021-12-20"])
listing("last-page-two-items", "other", f"{BASE}/gsgg/index_7.html", list_frame(
    "某某县人民政府", "公示公告",
    '<ul class="list">' + lis(two_rows, lambda t, u, d: f'<li><a href="{u.replace(BASE + "/gsgg/", "./")}">{t}</a><span>{d}</span></li>') + '</ul>',
    pager='<div class="page">共8页 <a href="index_6.html">上一页</a> <a href="index.html">首页</a></div>'),
    two_rows, "last page with 2 items", next_page=None)

text_rows = rows_for(f"{BASE}/bmdt/", D1[:7], start=3)
listing("text-pager-only", "trs", f"{BASE}/bmdt/index.html", list_frame(
    "某某县人民政府", "部门动态",
    '<ul class="list">' + lis(text_rows, lambda t, u, d: f'<li><a href="{u.replace(BASE + "/bmdt/", "./")}">{t}</a><span>{d}</span></li>') + '</ul>',
    pager='<div class="page">共3页 <span onclick="turnPage(2)" class="next">下一页</span></div>'),
    text_rows, "only 共N页 text, no link", next_page=f"{BASE}/bmdt/index_1.html")

rel_rows = [(TITLES[i], f"{BASE}/kx/{4000 + i}.html", d) for i, d in enumerate(["2024-06-30", "2024-06-30", "2024-06-29", "2024-06-27", "2024-06-20"])]
listing("relative-dates", "other", f"{BASE}/kx/", list_frame(
    "某某市融媒体中心", "快讯",
    '<ul class="flash">' + "".join(f'<li><a href="{u.replace(BASE, "")}">{t}</a><span>{w}</span></li>' for (t, u, d), w in
                                   zip(rel_rows, ["刚刚", "3小时前", "昨天 18:20", "3天前", "06-20"])) + '</ul>'),
    rel_rows, "relative dates 刚刚/N小时前/昨天/N天前")

in_rows = [(f"{TITLES[i]}", f"{BASE}/ywdt/{6100 + i}.html", d) for i, d in enumerate(D1[:6])]
listing("date-inside-link-text", "other", f"{BASE}/ywdt/", list_frame(
    "某某县人民政府", "要闻动态",
    '<ul class="news">' + lis(in_rows, lambda t, u, d: f'<li><a href="{u.replace(BASE, "")}">{t} {d}</a></li>')
    + '<li><a href="/ywdt/6199.html">关于5月20日部分路段停电的通知</a></li></ul>'),
    in_rows + [("关于5月20日部分路段停电的通知", f"{BASE}/ywdt/6199.html", None)],
    "date at the end of the link text; a date inside a title is no item date")
at_rows = [(TITLES[i + 5], f"{BASE}/tzgg/2024/{700 + i}.html", d) for i, d in enumerate(D1[:8])]
listing("list-with-article-meta", "other", f"{BASE}/tzgg/list.html", list_frame(
    "某某县人民政府", "通知公告",
    '<ul class="lb">' + lis(at_rows, lambda t, u, d: f'<li><a href="{u.replace(BASE, "")}">{t}</a><span>{d}</span></li>') + '</ul>',
    pager='<div class="page"><a href="list_1.html">下一页</a></div>',
    metas='<meta name="ArticleTitle" content="通知公告">'),
    at_rows, "a list page that carries an ArticleTitle meta", next_page=f"{BASE}/tzgg/list_1.html")
# dates drawn as calendar boxes: the day in one element, the year and month (or the year alone) in another
box_rows = [(TITLES[i + 2], f"{BASE}/ywdt/{3000 + i}.html", d) for i, d in enumerate(D1[:6])]
listing("date-box-day-yearmonth", "other", f"{BASE}/ywdt/", list_frame(
    "某某市人民政府", "要闻动态",
    '<ul class="news-list">' + lis(box_rows, lambda t, u, d: f'<li><div class="date"><span>{d[8:]}</span><p>{d[:7]}</p></div>'
                                    f'<div class="txt"><a href="{u.replace(BASE, "")}">{t}</a><p>{PARAS[1][:24]}</p></div></li>')
    + '</ul>'), box_rows, "calendar box: the day and the year-month in two elements")
box_cards = [(TITLES[i + 6], f"{BASE}/tpxw/{3100 + i}.html", d) for i, d in enumerate(D1[2:7])]
listing("date-box-in-anchor", "other", f"{BASE}/tpxw/", list_frame(
    "某某市人民政府", "图片新闻",
    '<ul class="pic-list">' + lis(box_cards, lambda t, u, d: f'<li><a href="{u.replace(BASE, "")}"><div class="time"><b>{d[8:]}</b>'
                                   f'<span>{d[:7].replace("-", ".")}</span></div><h3>{t}</h3></a></li>') + '</ul>'),
    box_cards, "calendar box inside the anchor: no box digits in the title")
old_rows = [(TITLES[i + 9], f"{BASE}/zfwj/{3200 + i}.html", d)
            for i, d in enumerate(["2021-06-18", "2021-05-20", "2021-03-02", "2020-12-15", "2020-11-03"])]
listing("date-box-year-apart", "other", f"{BASE}/zfwj/", list_frame(
    "某某市人民政府", "政府文件",
    '<ul class="file-list">' + lis(old_rows, lambda t, u, d: f'<li><div class="date"><em>{d[:4]}</em><span>{d[5:]}</span></div>'
                                   f'<a href="{u.replace(BASE, "")}">{t}</a></li>') + '</ul>'),
    old_rows, "calendar box with the year apart: the year shown, not inferred from the check date")

lead_rows = [(TITLES[i + 1], f"{BASE}/gzdt/{3300 + i}.html", d) for i, d in enumerate(D1[:6])]
listing("date-opens-anchor", "other", f"{BASE}/gzdt/", list_frame(
    "某某县人民政府", "工作动态",
    '<ul class="list">' + lis(lead_rows, lambda t, u, d: f'<li><a href="{u.replace(BASE, "")}" title="{t}">[{d[5:]}] {cut(t, 14)}</a></li>')
    + '</ul>'), lead_rows, "a bracketed month-day opens the anchor's text, the full title in @title")

# two dates in one item: the 发布 one is the item's
two_rows = [(TITLES[i + 4], f"{BASE}/xxgk/{3400 + i}.html", d) for i, d in enumerate(D1[:5])]
listing("xxgk-written-and-published-columns", "xxgk", f"{BASE}/xxgk/zcwj/", list_frame(
    "某某县人民政府", "政策文件",
    '<table class="xxgk-list"><tr><th>索引号</th><th>标题</th><th>成文日期</th><th>发布日期</th></tr>'
    + lis(two_rows, lambda t, u, d: f'<tr><td>11361100/{d[:4]}-{u[-9:-5]}</td><td><a href="{u.replace(BASE, "")}">{t}</a></td>'
                                    f'<td>{int(d[:4]) - 1}-12-0{int(d[9]) % 9 + 1}</td><td>{d}</td></tr>') + '</table>'),
    two_rows, "信息公开 table with 成文日期 and 发布日期 columns: the 发布日期 is the item's")
dl_rows2 = [(TITLES[i + 7], f"{BASE}/zbgg/{3500 + i}.html", d) for i, d in enumerate(D1[1:6])]
listing("deadline-before-published", "other", f"{BASE}/zbgg/", list_frame(
    "某某县人民政府", "招标公告",
    '<ul class="list">' + lis(dl_rows2, lambda t, u, d: f'<li><a href="{u.replace(BASE, "")}">{t}</a>'
                              f'<span>截止时间：2024-07-1{int(d[9])}</span><span>发布时间：{d}</span></li>') + '</ul>'),
    dl_rows2, "a deadline before the 发布时间 in each item")
detail("meeting-time-under-title", "other", "http://www.example.gov.cn/tzgg/show_912.html",
       chrome("某某县人民政府", "关于召开全县安全生产工作会议的通知_某某县人民政府",
              '<div class="detail"><h2>关于召开全县安全生产工作会议的通知</h2><p>会议时间：2024年7月10日上午9时</p>'
              '<p>会议地点：县政府三楼会议室</p>' + prose(3) + '<p class="r">发布日期：2024-06-20</p></div>'),
       "2024-06-20", "a meeting time under the title, the 发布日期 below the article")

detail("source-then-date-title-div", "other", "http://www.example.gov.cn/xwzx/show_4414.html",
       chrome("某某县人民政府", "县政府召开第二十次常务会议_某某县人民政府",
              '<div class="detail"><div class="title">县政府召开第二十次常务会议</div><div class="info">来源：县政府办 2023-02-09</div>'
              + prose(3) + '</div>'), "2023-02-09", "unlabelled date after the source, title in div.title")
detail("label-at-bottom-body-dates", "xxgk", "http://www.example.gov.cn/zwgk/gsgg/show_88.html",
       chrome("某某县人民政府", "关于某某项目拟立项的公示",
              '<div class="detail"><h2>关于某某项目拟立项的公示</h2><p>根据2023年5月20日县政府常务会议精神，现将有关情况公示如下。</p>'
              + prose(3) + '<p class="r">发布日期：2023-06-01</p>' + related(["2024-06-11", "2024-06-12", "2024-06-13"], "box2")
              + '</div>'), "2023-06-01", "body text dates, the label below the article, a related box without a telling class")

# rows and items holding more than their title's link, and items drawn as cards or one dl each
pub_rows = rows_for(f"{BASE}/zwgk/zfxxgk/", D1[:6])
listing("xxgk-row-publisher-link", "xxgk", f"{BASE}/zwgk/zfxxgk/index.html", list_frame(
    "某某县人民政府", "法定主动公开内容",
    '<table class="xxgk-list"><tr><th>索引号</th><th>名称</th><th>发布机构</th><th>发布日期</th></tr>'
    + lis(pub_rows, lambda t, u, d: f'<tr><td>000014348/{d[:4]}-0{d[8:]}</td><td><a href="{u}">{t}</a></td>'
          f'<td><a href="/zwgk/jg/fgw/">县发展和改革局</a></td><td>{d}</td></tr>') + '</table>'),
    pub_rows, "a 信息公开 row links its 发布机构 too: one item per row, titled by the document")
att_rows = rows_for(f"{BASE}/tzgg/", D1[:5], start=3)
listing("row-attachment-link", "trs", f"{BASE}/tzgg/index.html", list_frame(
    "某某县人民政府", "通知公告",
    '<table class="list">' + lis(att_rows, lambda t, u, d: f'<tr><td><a href="{u}">{t}</a></td>'
                                 f'<td><a href="{u[:-5]}.pdf">附件下载</a></td><td>{d}</td></tr>') + '</table>'),
    att_rows, "each row also links its attachment")
cat_rows = rows_for(f"{BASE}/xwdt/", D1[:6], start=6)
listing("category-link-before-title", "other", f"{BASE}/xwdt/index.html", list_frame(
    "某某县人民政府", "新闻动态",
    '<ul class="news-list">' + lis(cat_rows, lambda t, u, d: f'<li><a href="/xwdt/bmdt/" class="lm">[部门动态]</a>'
                                   f'<a href="{u}">{t}</a><span>{d}</span></li>') + '</ul>'),
    cat_rows, "each item opens with a link to its category")
dl_each = rows_for(f"{BASE}/zcjd/", D1[:5], start=1)
listing("dl-per-item", "other", f"{BASE}/zcjd/index.html", list_frame(
    "某某县人民政府", "政策解读",
    '<div class="jd">' + lis(dl_each, lambda t, u, d: f'<dl><dt><a href="{u}">{t}</a></dt>'
                             f'<dd class="zy">为便于社会公众理解，现就有关内容解读如下。</dd><dd class="sj">{d}</dd></dl>') + '</div>'),
    dl_each, "one dl per item, its date in a dd beside the dt")
cards = rows_for(f"{BASE}/tpxw/", D1[:4], start=9)
listing("card-heading-summary", "other", f"{BASE}/tpxw/index.html", list_frame(
    "某某县人民政府", "图片新闻",
    '<div class="cards">' + lis(cards, lambda t, u, d: f'<div class="card"><a href="{u}"><img src="/img/{d}.jpg" alt="">'
                                f'<h3>{t}</h3><p>近日，我县相关部门认真贯彻落实上级部署要求，扎实推进各项工作。</p></a>'
                                f'<div class="info"><span>{d}</span></div></div>') + '</div>'),
    cards, "a card link holds the heading and a summary: the heading is the title")
threads = [(f"请问{k}在哪里办理，需要带什么材料", f"http://bbs.example.gov.cn/thread-{90 + i}-1-1.html", d)
           for i, (k, d) in enumerate(zip(["居住证", "护照", "社保转移", "公积金提取", "营业执照"], D1))]
listing("forum-thread-rows", "other", "http://bbs.example.gov.cn/forum-2-1.html", chrome(
    "某某县民生论坛", "政务咨询 - 某某县民生论坛", '<table id="threadlisttableid" summary="forum_2">' + lis(
        [(t, u, d, i) for i, (t, u, d) in enumerate(threads)],
        lambda t, u, d, i: f'<tbody id="normalthread_{90 + i}"><tr><td class="icn"><a href="{u}" title="新窗口打开">'
        f'<img src="/static/folder_new.gif"></a></td><th class="new"><a href="forum.php?mod=forumdisplay&amp;typeid=3">'
        f'[咨询]</a> <a href="{u}" class="s xst">{t}</a></th><td class="by"><cite><a href="space-uid-{i}.html">'
        f'热心市民{i}号</a></cite><em><span>{d}</span></em></td><td class="num"><a href="{u}">{i * 3}</a><em>{i * 40}</em></td>'
        f'<td class="by"><cite><a href="space-uid-{i + 50}.html">路过的网友{i}</a></cite><em>'
        f'<a href="forum.php?mod=redirect&amp;tid={90 + i}&amp;goto=lastpost">{d} 18:0{i}</a></em></td></tr></tbody>')
    + '</table>'),
    threads, "one tbody per thread; each row links its type, author, last poster and reply count too")

thumbs = rows_for(f"{BASE}/tpxw/", D1[:5], start=11)
listing("thumbnail-and-title-links", "other", f"{BASE}/tpxw/list.html", list_frame(
    "某某县人民政府", "图片新闻",
    '<ul class="pic-list">' + lis(thumbs, lambda t, u, d: f'<li><a href="{u}" title="{t}"><img src="/img/{d}.jpg"></a>'
                                  f'<div class="txt"><h3><a href="{u}">{t}</a></h3><p>近日，相关部门认真贯彻落实上级部署。</p>'
                                  f'<span>{d}</span></div></li>') + '</ul>'),
    thumbs, "each item links its page twice: the thumbnail (with a title) and the heading")

arrow_rows = rows_for(f"{BASE}/gzdt/", D1[:6], start=2)
listing("pager-arrow-image", "trs", f"{BASE}/gzdt/index.html", list_frame(
    "某某县人民政府", "工作动态",
    '<ul class="list">' + lis(arrow_rows, lambda t, u, d: f'<li><a href="{u}">{t}</a><span>{d}</span></li>') + '</ul>',
    pager='<div class="fy"><span class="cur">1</span><a href="index_1.html"><img src="/images/next.gif" alt="下一页"></a></div>'),
    arrow_rows, "the next page is an arrow image named by its alt", next_page=f"{BASE}/gzdt/index_1.html")
form_rows = [(t, u.replace("/tzgg/", "/web/tzgg/"), d) for t, u, d in rows_for(f"{BASE}/tzgg/", D1[:6], start=5)]
listing("form-post-pager", "other", f"{BASE}/web/tzgg/", list_frame(
    "某某县人民政府", "通知公告",
    '<ul class="list">' + lis(form_rows, lambda t, u, d: f'<li><a href="{u}">{t}</a><span>{d}</span></li>') + '</ul>',
    pager='<form name="pageForm" action="list.jsp?catid=12" method="post"><input type="hidden" name="pageNo" value="1">'
          '</form>共 10 页 <a href="javascript:document.pageForm.pageNo.value=2;document.pageForm.submit();">下一页</a>'),
    form_rows, "共N页 on a list that pages by posting a form: no index_N page to guess")

own_rows = [(t, u, None) for t, u, _ in rows_for(f"{BASE}/zwgk/zcwj/", D1[:5], start=4)]
listing("undated-list-beside-dated-box", "other", f"{BASE}/zwgk/zcwj/index.html", list_frame(
    "某某县人民政府", "政策文件",
    '<ul class="wj">' + lis(own_rows, lambda t, u, d: f'<li><a href="{u}">{t}</a></li>') + '</ul>',
    side='<div class="right"><h3>最新信息</h3><ul>' + lis(rows_for(f"{BASE}/xwdt/", D1[:5], start=9),
        lambda t, u, d: f'<li><a href="{u}">{t}</a><span>{d}</span></li>') + '</ul></div>'),
    own_rows, "the column's own list has no dates; a dated box beside it links elsewhere")

classic_rows = rows_for(f"{BASE}/bmdt/", D1[:6], start=1)
listing("trs-classic-pager-script", "trs", f"{BASE}/bmdt/index.html", list_frame(
    "某某县人民政府", "部门动态",
    '<ul class="list">' + lis(classic_rows, lambda t, u, d: f'<li><a href="{u}">{t}</a><span>{d}</span></li>') + '</ul>',
    pager='<div class="page"><script language="JavaScript">\nvar currentPage = 0;//所在页从0开始\n'
          'var prevPage = currentPage-1//上一页\nvar nextPage = currentPage+1//下一页\nvar countPage = 4//共多少页\n'
          'document.write("共"+countPage+"页&nbsp;&nbsp;");\n'
          'if(countPage>1&&currentPage!=(countPage-1)){document.write("<a href=\\"index"+"_" + nextPage + "."+"html\\">下一页</a>");}\n'
          '</script></div>'),
    classic_rows, "the older TRS template writes its pager from countPage and currentPage, no createPageHTML",
    next_page=f"{BASE}/bmdt/index_1.html")
jsp_rows = [(t, f"{BASE}/portal/news/detail.jsp?id={4100 + i}", d) for i, (t, _, d) in enumerate(rows_for("", D1[:5], start=8))]
listing("jsp-base-href", "other", f"{BASE}/portal/news/list.jsp?catid=12", list_frame(
    "某某县人民政府", "工作动态",
    '<ul class="list">' + lis(jsp_rows, lambda t, u, d: f'<li><a href="news/detail.jsp?id={u.rsplit("=", 1)[1]}">{t}</a>'
                              f'<span>{d}</span></li>') + '</ul>',
    head=f'<base href="{BASE}/portal/">'),
    jsp_rows, "a Java web app's <base href> under which every link is written: items resolve against it, not the page")
menu_rows = rows_for(f"{BASE}/art/", D1[:8], start=5)
menu = "".join(f'<li><a href="/zwgk/{slug}/">{name}信息公开专栏</a></li>' for slug, name in
               (("fgw", "县发展改革委"), ("jyj", "县教育局"), ("kjj", "县科技局"), ("gxj", "县工业信息化局"), ("mzj", "县民政局"),
                ("sfj", "县司法局"), ("czj", "县财政局"), ("rsj", "县人社局"), ("zrzyj", "县自然资源局"), ("sthjj", "县生态环境局"),
                ("zjj", "县住房城乡建设局"), ("jtj", "县交通运输局"), ("slj", "县水利局"), ("nyncj", "县农业农村局")))
listing("folder-menu-beside-dated-list", "other", f"{BASE}/col/col1229017/index.html", list_frame(
    "某某县人民政府", "通知公告",
    '<ul class="list">' + lis(menu_rows, lambda t, u, d: f'<li><a href="{u}">{t}</a><span>{d}</span></li>') + '</ul>',
    side=f'<div class="leftbox"><h3>部门信息公开</h3><ul>{menu}</ul></div>'),
    menu_rows, "a box of fourteen undated links to departments' folders beside the column's eight dated items "
               "(its articles outside the column's folder, as Hanweb's /art/ pages are)")
more_rows = rows_for(f"{BASE}/xwdt/", D1[:6], start=3)
listing("summary-read-more-link", "other", f"{BASE}/xwdt/index.html", list_frame(
    "某某县人民政府", "新闻动态",
    '<div class="newslist">' + lis(more_rows, lambda t, u, d: f'<div class="news-item"><h3><a href="{u}">{t}</a></h3>'
                                   f'<p>近日，相关部门认真贯彻落实上级部署……<a href="{u}">[详细]</a></p>'
                                   f'<span class="time">{d} 10:00</span></div>') + '</div>'),
    more_rows, "each item's summary ends in a second link to it ([详细]); the rows are divs, not li")
card_rows = rows_for(f"{BASE}/tpxw/", D1[:5], start=6)
listing("thumbnail-and-title-links-in-divs", "other", f"{BASE}/tpxw/index.html", list_frame(
    "某某县人民政府", "图片新闻",
    '<div class="piclist">' + lis(card_rows, lambda t, u, d: f'<div class="pic-item"><a href="{u}" title="{t}">'
                                  f'<img src="/img/{d}.jpg"></a><div class="txt"><h4><a href="{u}">{t}</a></h4>'
                                  f'<span>{d}</span></div></div>') + '</div>'),
    card_rows, "a div per item linking its page twice: the thumbnail (with a title) and the heading")
dated_titles = [(f"关于{d[:4]}年第{i}批招聘人员名单的公示({d})", f"{BASE}/tzgg/{d[:7].replace('-', '')}/t{d.replace('-', '')}_{7000 + i}.html", d)
                for i, d in enumerate(D1[:5], start=1)]
listing("date-in-title-and-beside", "other", f"{BASE}/tzgg/index.html", list_frame(
    "某某县人民政府", "通知公告",
    '<ul class="list">' + lis(dated_titles, lambda t, u, d: f'<li><a href="{u}">{t}</a><span>[{d}]</span></li>') + '</ul>'),
    dated_titles, "the title holds its own date, which is also shown beside it: the title keeps it")

today_rows = rows_for(f"{BASE}/xwdt/", D1[:5], start=3)
today_rows = [(t, u, "2024-06-30") for t, u, _ in today_rows[:2]] + today_rows[2:]
today_cells = ["09:12", "08:05"] + [d for _, _, d in today_rows[2:]]
listing("clock-only-for-today", "other", f"{BASE}/xwdt/index.html", list_frame(
    "某某县人民政府", "工作动态",
    '<ul class="list">' + "".join(f'<li><a href="{u}">{t}</a><span class="time">{c}</span></li>'
                                  for (t, u, _), c in zip(today_rows, today_cells)) + '</ul>'),
    today_rows, "today's items show their time alone (09:12) above the dated ones: they are today's")
listing("clock-inside-anchor-for-today", "other", f"{BASE}/xwdt/index.html", list_frame(
    "某某县人民政府", "工作动态",
    '<ul class="news">' + "".join(f'<li><a href="{u}"><p class="title">{t}</p><span class="time">{c}</span></a></li>'
                                  for (t, u, _), c in zip(today_rows, today_cells)) + '</ul>'),
    today_rows, "the anchor holds the title and the time alone for today's items: today's, and no time in the title")
listing("clock-in-table-row", "table", f"{BASE}/xwdt/index.html", list_frame(
    "某某县人民政府", "工作动态",
    '<table class="list">' + "".join(f'<tr><td><a href="{u}">{t}</a></td><td>县政府办</td><td>{c}</td></tr>'
                                     for (t, u, _), c in zip(today_rows, today_cells)) + '</table>'),
    today_rows, "a table row's last cell holds the time alone for today's items, after the publisher's cell")
hour_rows = rows_for(f"{BASE}/tzgg/", D1[:4], start=8)
hour_rows = hour_rows + [("县政务服务中心周末延时服务安排", f"{BASE}/tzgg/202406/t20240601_5999.html", None)]
hour_cells = [d for _, _, d in hour_rows[:4]] + ["14:30"]
listing("clock-only-below-dated", "other", f"{BASE}/tzgg/index.html", list_frame(
    "某某县人民政府", "通知公告",
    '<ul class="list">' + "".join(f'<li><a href="{u}">{t}</a><span class="time">{c}</span></li>'
                                  for (t, u, _), c in zip(hour_rows, hour_cells)) + '</ul>'),
    hour_rows, "a time alone below dated items is an hour, not today's date: the item stays undated")

short_rows = rows_for(f"{BASE}/xwdt/", D1[:6], start=2)
ranked = "".join(f'<li><a href="{BASE}/xwdt/202405/t202405{i + 1:02d}_{6100 + i}.html">{TITLES[i % len(TITLES)]}</a></li>'
                 for i in range(20))
listing("ranking-box-longer-than-list", "other", f"{BASE}/xwdt/index.html", list_frame(
    "某某县人民政府", "工作动态",
    '<ul class="list">' + lis(short_rows, lambda t, u, d: f'<li><a href="{u}">{t}</a><span>{d}</span></li>') + '</ul>',
    side=f'<div class="box2"><div class="tit">阅读排行</div><ol>{ranked}</ol></div>'),
    short_rows, "a 20-link 阅读排行 box (class says nothing) of the column's own older articles outnumbers its 6 dated items")

group_rows = rows_for(f"{BASE}/gdxw/", ["2024-06-28"] * 3 + ["2024-06-27"] * 2 + ["2024-06-25"] * 3, start=1)
group_heads = {"2024-06-28": "06月28日 星期五", "2024-06-27": "06月27日 星期四", "2024-06-25": "06月25日 星期二"}
listing("date-grouped-rolling-news", "other", f"{BASE}/gdxw/index.html", list_frame(
    "某某县人民政府", "滚动新闻",
    '<div class="roll">' + "".join(f'<div class="day"><h4>{group_heads[d]}</h4><ul>'
                                   + lis([r for r in group_rows if r[2] == d], lambda t, u, _: f'<li><a href="{u}">{t}</a></li>')
                                   + '</ul></div>' for d in group_heads) + '</div>'),
    group_rows, "items grouped under year-less date headings, one ul per day: one list, each item its group's day")

listing("date-rows-in-one-dl", "other", f"{BASE}/gdxw/index.html", list_frame(
    "某某县人民政府", "滚动新闻",
    '<dl class="roll">' + "".join(f'<dt>{group_heads[d]}</dt>'
                                  + lis([r for r in group_rows if r[2] == d], lambda t, u, _: f'<dd><a href="{u}">{t}</a></dd>')
                                  for d in group_heads) + '</dl>'),
    group_rows, "one dl: a dt holding a year-less date alone, then that day's items as dd rows")

tender_rows = [(f"某某县{n}项目招标公告", f"{BASE}/zbgg/202406/t202406{10 + i}_{7100 + i}.html", None)
               for i, n in enumerate(["农村公路改建", "中心学校运动场", "污水管网延伸", "便民服务中心装修", "河道清淤"])]
listing("deadline-only-rows", "other", f"{BASE}/zbgg/index.html", list_frame(
    "某某县人民政府", "招标公告",
    '<ul class="list">' + lis(tender_rows, lambda t, u, _: f'<li><a href="{u}">{t}</a><span>投标截止时间：2024-07-{u[-6:-5]}5</span></li>')
    + '</ul>'),
    tender_rows, "each row shows only its bid deadline (after asof): no item is dated by it")

dated_tenders = [(t, u, f"2024-06-{10 + i}") for i, (t, u, _) in enumerate(tender_rows)]
listing("deadline-then-date-rows", "other", f"{BASE}/zbgg/index.html", list_frame(
    "某某县人民政府", "招标公告",
    '<ul class="list">' + lis(dated_tenders, lambda t, u, d: f'<li><a href="{u}">{t}</a><span>截止时间：2024-07-{d[-2:]}</span>'
                                                          f'<span class="date">{d}</span></li>') + '</ul>'),
    dated_tenders, "each row shows its deadline first, then its unlabelled publication date: the second dates it")

detail("news-dateline-above-title", "other", "https://www.example.com/politics/20240611/c_1130000000.htm",
       chrome("某某新闻网", "全省重点项目建设推进会召开-某某新闻网",
              '<div class="header-box"><div class="header-time"><span class="year"><em> 2024</em></span>'
              '<span class="day"><em> 06</em>/<em>11</em></span><span class="time"> 10:45:32</span></div>'
              '<div class="source">来源：某某新闻网</div><h1><span class="title">全省重点项目建设推进会召开</span></h1></div>'
              '<div id="detail">' + prose(4) + '</div>' + related(["2024-05-02", "2024-05-09", "2024-05-16"], "box2"), nav=False),
       "2024-06-11", "the dateline above the headline, its year apart from a slashed month/day")
detail("date-closing-heading", "other", "http://www.example.gov.cn/xwdt/show_5120.html",
       chrome("某某县人民政府", "县自然资源局开展耕地保护专项检查_某某县人民政府",
              '<div class="detail"><h1>县自然资源局开展耕地保护专项检查 <small class="time">2024-06-11</small></h1>'
              + prose(3) + related(["2024-05-02", "2024-05-09", "2024-05-16"], "box2") + '</div>'),
       "2024-06-11", "the date closes the headline, inside its heading")
detail("heading-ends-with-its-own-date", "other", "http://www.example.gov.cn/tzgg/show_5121.html",
       chrome("某某县人民政府", "关于2024年6月1日起调整公交线路的通告",
              '<div class="detail"><h1>关于2024年6月1日起调整公交线路的通告</h1>'
              '<p class="info">发布日期：2024-05-20</p>' + prose(3) + '</div>'),
       "2024-05-20", "the title holds a date of its own: the 发布日期 label is the page's")

detail("jsonld-date-only", "other", "https://www.example.com/news/detail_2190001",
       chrome("某某新闻网", "我县举办2024年春季招聘会",
              '<h1>我县举办2024年春季招聘会</h1><div class="content">' + prose(4) + '</div>'
              + related(["2024-05-02", "2024-05-09", "2024-05-16"], "box2"), nav=False,
              head='<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
                   '"headline": "我县举办2024年春季招聘会", "datePublished": "2024-06-05T09:30:00+08:00", '
                   '"dateModified": "2024-06-20T10:00:00+08:00"}</script>'),
       "2024-06-05", "no visible date: schema.org datePublished (not dateModified), and a related box")
detail("og-article-meta-related", "other", "https://www.example.com/a/8f3k2",
       chrome("某某新闻网", "县人社局发布2024年第二季度就业数据",
              '<h1>县人社局发布2024年第二季度就业数据</h1><div class="content">' + prose(4) + '</div>'
              + related(["2024-05-02", "2024-05-09", "2024-05-16", "2024-05-23"], "box2"), nav=False,
              metas='<meta property="og:type" content="article">\n'
                    '<meta property="article:published_time" content="2024-06-18T08:00:00+08:00">\n'
                    '<meta property="article:modified_time" content="2024-06-25T08:00:00+08:00">'),
       "2024-06-18", "no visible date: article:published_time, and a dated related box that looks like a list")
detail("time-element-after-title", "other", "https://www.example.com/news/2406/a9313.html",
       chrome("某某新闻网", "全县夏粮收购工作有序推进",
              '<div class="clock">今天是 <time datetime="2024-06-30">2024年6月30日</time></div>'
              '<article><h1>全县夏粮收购工作有序推进</h1><div class="meta"><time datetime="2024-06-12T09:00:00+08:00">'
              '6月12日 09:00</time> 来源：县融媒体中心</div>' + prose(4) + '</article><div class="related"><h3>相关阅读</h3><ul>'
              + "".join(f'<li><a href="/news/2406/a93{i}.html">夏粮收购相关报道第{i}篇</a><time datetime="2024-06-2{i}">06-2{i}</time></li>'
                        for i in range(1, 5)) + '</ul></div>', nav=False),
       "2024-06-12", "an HTML5 <time datetime> under the title, its text year-less; a clock above, a related box of <time>s")
detail("time-itemprop-published", "other", "https://www.example.com/news/2405/a9001.html",
       chrome("某某新闻网", "县图书馆延长开放时间",
              '<h1>县图书馆延长开放时间</h1>' + prose(3) + '<p class="foot">发布于 <time itemprop="datePublished" '
              'datetime="2024-05-30T08:00:00+08:00">上月</time></p>' + related(["2024-06-02", "2024-06-09", "2024-06-16"]),
              nav=False),
       "2024-05-30", "no visible full date: <time itemprop=datePublished datetime>, and a dated related box")

detail("year-less-byline", "other", "https://www.example.com/news/a93140.html",
       chrome("某某新闻网", "全县夏粮收购工作有序推进",
              '<h1>全县夏粮收购工作有序推进</h1><div class="info">06-12 09:00 来源：县融媒体中心</div>'
              '<div class="content"><p>本报讯 6月10日，全县夏粮收购工作会议召开。</p>' + prose(3) + '</div>'
              + related(["2024-05-02", "2024-05-09", "2024-05-16"]), nav=False),
       "2024-06-12", "a byline's year-less date under the title (this year's article); the lead's 6月10日 is the news's")
detail("url-date-only-related-box", "other", "https://www.example.com/2024-06/12/content_93141.htm",
       chrome("某某新闻网", "县图书馆延长开放时间",
              '<h1>县图书馆延长开放时间</h1><div class="content">' + prose(4) + '</div>'
              + related(["2024-05-02", "2024-05-09", "2024-05-16", "2024-05-23"], "box2"), nav=False),
       "2024-06-12", "no date on the page but the URL's, and a dated box that looks like a list")
detail("editor-line-closing-date", "other", "https://www.example.com/news/show_93142.html",
       chrome("某某新闻网", "县教育局部署中考安全保障工作",
              '<h1>县教育局部署中考安全保障工作</h1><div class="content">' + prose(4)
              + '<p class="editor">（责任编辑：王五　2024-06-11）</p></div>' + related(["2024-05-02", "2024-05-09", "2024-05-16"]),
              nav=False),
       "2024-06-11", "the only date closes the article beside its editor")
detail("notice-signature-date", "other", "http://www.example.gov.cn/tzgg/show_5122.html",
       chrome("某某县人民政府", "关于做好2024年防汛工作的通知_某某县人民政府",
              '<div class="detail"><h1>关于做好2024年防汛工作的通知</h1>' + prose(4)
              + '<p style="text-align:right">某某县人民政府办公室</p><p style="text-align:right">2024年6月7日</p></div>'),
       "2024-06-07", "a notice whose only date is its signature's, under the issuing office")

detail("script-only-publish-time", "other", "https://www.example.com/news/show?id=93143",
       chrome("某某新闻网", "县人社局开展春风行动",
              '<h1>县人社局开展春风行动</h1><div class="info"><span id="pubtime"></span> 来源：县融媒体中心</div>'
              '<div class="content">' + prose(4) + '</div>' + related(["2024-05-02", "2024-05-09", "2024-05-16"], "box2"),
              nav=False, head='<script>var article = {"id": 93143, "publishTime": "2024-06-13 08:30:00", '
                              '"source": "县融媒体中心"};</script>'),
       "2024-06-13", "the page shows its date only through a script: one publishTime in it; a dated box below")

detail("news-meta-create-at-related", "other", "https://news.example.com/doc-ihaxyz93144.shtml?from=rss",
       chrome("某某新闻网", "全县防汛应急演练举行",
              '<h1 class="main-title">全县防汛应急演练举行</h1><div class="content">' + prose(4) + '</div>'
              + related(["2024-05-02", "2024-05-09", "2024-05-16"], "box2"), nav=False,
              metas='<meta name="weibo: article:create_at" content="2024-06-14 09:12:00">'),
       "2024-06-14", "no visible date: a news site's weibo: article:create_at meta, and a dated box that looks like a list")

detail("script-written-pubdate", "trs", f"{BASE}/zwgk/content_93145.html",
       chrome("某某县人民政府", "县政府召开防汛工作调度会",
              '<div class="title">县政府召开防汛工作调度会</div><div class="info">发布时间：<script type="text/javascript">'
              '\n<!--\nvar str = "2024-06-15 16:20:00";\ndocument.write(str.substring(0,10));\n//-->\n</script>'
              '　来源：县应急管理局　浏览次数：<span id="hits"></span></div>'
              '<div class="TRS_Editor">' + prose(4) + '</div>' + related(["2024-06-20", "2024-06-22", "2024-06-25"], "box2")),
       "2024-06-15", "the 发布时间 is written by the template's script, cut from a variable; newer dates in a related box")
scripted_rows = rows_for(f"{BASE}/tzgg/", D1[:6], start=11)
listing("script-written-dates", "trs", f"{BASE}/tzgg/index.html", list_frame(
    "某某县人民政府", "通知公告",
    '<ul class="list">' + "".join(f'<li><a href="{u}" title="{t}">{cut(t)}</a><span class="date"><script>'
                                  f'document.write("{d}");</script></span></li>' for t, u, d in scripted_rows) + '</ul>'),
    scripted_rows, "each item's date is written by a script beside it")


def write():
    manifest = []
    for p in PAGES:
        path = HERE / p["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        html = p.pop("html")
        enc = p.pop("encoding")
        path.write_bytes(html.encode("gb18030" if enc == "gbk" else enc))
        manifest.append(p)
    (HERE / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    kinds = [p["kind"] for p in manifest]
    print(f"{len(manifest)} pages: {kinds.count('detail')} detail, {len(manifest) - kinds.count('detail')} list")


if __name__ == "__main__":
    write()
