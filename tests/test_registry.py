"""The site registry: encodings Excel writes, and bad input stopped before anything is crawled."""

import pytest

from crawler.registry import RegistryError, load_sites, parse_sample, stratified_sample
from tests.conftest import crawl_inspect

HEADER = "site_id,name,url,region,kind\n"
GOOD = "a,甲县人民政府,http://127.0.0.1:9/,拉萨市,portal\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_reads_utf8_bom_and_gb18030(tmp_path, encoding):
    path = tmp_path / "sites.csv"
    path.write_bytes((HEADER + GOOD + "b,乙局,https://b.gov.cn/,自治区部门,department\n").encode(encoding))
    sites = load_sites(path)
    assert [(s.site_id, s.name, s.region, s.kind) for s in sites] == [
        ("a", "甲县人民政府", "拉萨市", "portal"), ("b", "乙局", "自治区部门", "department")]


def test_optional_columns(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text("site_id,name,url,region,kind,domains,spider,services\n"
                    "a,甲,http://a.gov.cn/,x,department,www.a.gov.cn;old.a.gov.cn,demo_rikaze,no\n", encoding="utf-8")
    (site,) = load_sites(path)
    assert site.hosts == {"a.gov.cn", "www.a.gov.cn", "old.a.gov.cn"}
    assert site.spider == "demo_rikaze" and site.services is False
    assert site.owns("http://old.a.gov.cn/x.html") and not site.owns("http://evil.com/")


def test_a_site_owns_its_hosts_www_twin_only(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text(HEADER + "a,甲县,http://www.a.gov.cn/,x,portal\nb,乙局,http://127.0.0.9:8080/,x,department\n",
                    encoding="utf-8")
    a, b = load_sites(path)
    assert a.owns("http://a.gov.cn/xwdt/") and a.owns("https://www.a.gov.cn/")
    assert not a.owns("http://jyj.a.gov.cn/")  # a department's own site under the county's domain
    assert b.hosts == {"127.0.0.9"}


BAD = [
    ("missing column", "site_id,name,url,region\na,甲,http://a/,x\n", "row 1 (header): missing column(s) kind"),
    ("duplicate id", HEADER + GOOD + "a,乙,http://b.gov.cn/,x,portal\n", "row 3: duplicate site_id 'a' (first on row 2)"),
    ("bad url", HEADER + GOOD + "c,丙,www.c.gov.cn,x,portal\n", "row 3: unparseable URL 'www.c.gov.cn'"),
    ("bad port", HEADER + "c,丙,http://c.gov.cn:99999/,x,portal\n", "row 2: unparseable URL"),
    ("unknown kind", HEADER + GOOD + GOOD.replace("a,", "d,", 1).replace("portal", "门户"), "row 3: unknown kind '门户'"),
    ("empty id", HEADER + ",丙,http://c.gov.cn/,x,portal\n", "row 2: empty site_id"),
]


@pytest.mark.parametrize("case,text,message", BAD, ids=[b[0] for b in BAD])
def test_bad_registry_names_the_row(tmp_path, case, text, message):
    path = tmp_path / "sites.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_sites(path)
    assert str(path) in str(err.value) and message in str(err.value)


@pytest.mark.parametrize("case,text,message", BAD[:2] + BAD[4:5], ids=[b[0] for b in BAD[:2] + BAD[4:5]])
def test_crawl_stops_before_anything_is_written(tmp_path, case, text, message):
    path = tmp_path / "sites.csv"
    path.write_text(text, encoding="utf-8")
    db = tmp_path / "out.db"
    result = crawl_inspect(path, db)
    assert result.returncode == 2
    assert message in result.stderr and str(path) in result.stderr
    assert not db.exists()


def test_bad_arguments_are_usage_errors(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text(HEADER + GOOD, encoding="utf-8")
    for args, message in ((["-a", "site=zz"], "no site with site_id 'zz'"), (["-a", "sample=0"], "sample='0'"),
                          (["-a", "shard=3/2"], "shard='3/2'")):
        result = crawl_inspect(path, tmp_path / "x.db", "2023-02-09", *args)
        assert result.returncode == 2 and message in result.stderr, result.stderr[-500:]
    result = crawl_inspect(path, tmp_path / "x.db", "2023-02-30")
    assert result.returncode == 2 and "asof='2023-02-30'" in result.stderr
    assert not (tmp_path / "x.db").exists()


def test_sample_is_stratified_and_reproducible(tmp_path):
    rows = "".join(f"s{i},站{i},http://s{i}.gov.cn/,{'AB'[i % 2]},{'portal' if i % 3 else 'department'}\n"
                   for i in range(60))
    path = tmp_path / "sites.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    sites = load_sites(path)
    n = parse_sample("25%", len(sites))
    first = stratified_sample(sites, n, "2023Q1", lambda s: f"{s.region}|{s.kind}")
    again = stratified_sample(list(reversed(sites)), n, "2023Q1", lambda s: f"{s.region}|{s.kind}")
    other = stratified_sample(sites, n, "2023Q2", lambda s: f"{s.region}|{s.kind}")
    assert n == 15 and len(first) == 15
    assert {s.site_id for s in first} == {s.site_id for s in again}
    assert {s.site_id for s in first} != {s.site_id for s in other}
    per_region = {r: sum(1 for s in first if s.region == r) for r in "AB"}
    assert per_region == {"A": 8, "B": 7} or per_region == {"A": 7, "B": 8}
