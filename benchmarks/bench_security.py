"""Security scan benchmark: MB/s of page text scanned (crawler.security.scan_page).

Corpus: every HTML page of the rendered demo region, one long article (~1500 paragraphs behind a
200-link navigation), plus the fixture pages of tests/pages when present, each page scanned as an article (the most work: mobile numbers too). Reports, in one process
(CPU time, --passes rounds over the corpus):

- the full scan from HTML (parsing included), as ``scrapy extract``-style use would run it;
- the scan of an already parsed page, as the crawl's analyzer runs it (the spider has parsed it);
- the Aho-Corasick lexicon pass alone over the visible text.

MB/s are of visible page text (what the lexicons are matched against) and of HTML bytes.

    .venv/bin/python benchmarks/bench_security.py [--passes 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.demo.render import SiteRenderer  # noqa: E402
from crawler.demo.world import SITES  # noqa: E402
from crawler.extract import Page  # noqa: E402
from crawler.extract.columns import classifier  # noqa: E402
from crawler.security import lexicon, scan_page  # noqa: E402


def corpus() -> list[tuple[str, str]]:
    pages, classify = [], classifier()
    for site in SITES:
        for path, (body, ctype) in SiteRenderer(site, classify).render().items():
            if "html" in ctype:
                pages.append((body.decode(site.charset, "replace"), f"http://demo-{site.site_id}.gov.cn{path}"))
    pages.append((long_article(), "http://demo-long.gov.cn/art/2023/2/1/art_1.html"))
    fixtures = ROOT / "tests" / "pages"
    for f in sorted(fixtures.rglob("*.htm*")) if fixtures.is_dir() else ():
        pages.append((f.read_bytes().decode("utf-8", "replace"), f"http://fixture.gov.cn/{f.name}"))
    return pages


def long_article(paragraphs: int = 1500) -> str:
    """A long article (a 政府工作报告 in full) behind a portal's navigation of 200 links."""
    nav = "".join(f'<li><a href="/col/col{i}/">栏目{i}</a></li>' for i in range(200))
    text = "".join(f"<p>第{i}条：全面贯彻落实党的二十大精神，扎实推进乡村振兴、生态环境保护和民生改善，"
                   f"全年完成固定资产投资{i * 3}亿元，联系电话：0891-68{i:05d}。</p>" for i in range(paragraphs))
    return (f"<html><head><title>政府工作报告</title></head><body><ul class='nav'>{nav}</ul>"
            f"<div class='TRS_Editor'>{text}</div><div class='footer'>主办：某市人民政府办公室</div></body></html>")


def timed(fn, passes: int) -> float:
    t0 = time.process_time()
    for _ in range(passes):
        fn()
    return time.process_time() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=5)
    args = ap.parse_args()
    lex = lexicon.default()
    pages = corpus()
    parsed = [Page(html, url) for html, url in pages]
    text_mb = sum(len(p.text.encode("utf-8")) for p in parsed) / 1e6
    html_mb = sum(len(html.encode("utf-8")) for html, _ in pages) / 1e6
    print(f"corpus: {len(pages)} pages, {html_mb:.2f} MB HTML, {text_mb:.2f} MB visible text; "
          f"lexicon {lex.version}; {len(lex.terms)} terms, {len(lex.confusion)} confusion rows")

    def full():
        for html, url in pages:
            scan_page(html, url, role="article", lex=lex)

    def preparsed():
        for (html, url), page in zip(pages, parsed):
            scan_page(None, url, role="article", lex=lex, page=page)

    def lexicon_only():
        for page in parsed:
            lex.find(page.text)

    for name, fn in (("scan from HTML (parse included)", full), ("scan of a parsed page (the analyzer)", preparsed),
                     ("lexicon pass alone (Aho-Corasick)", lexicon_only)):
        fn()  # warm-up
        s = timed(fn, args.passes)
        print(f"{name:40s} {args.passes * text_mb / s:8.2f} MB/s text  {args.passes * html_mb / s:8.2f} MB/s HTML  "
              f"{args.passes * len(pages) / s:8.0f} pages/s")


if __name__ == "__main__":
    main()
