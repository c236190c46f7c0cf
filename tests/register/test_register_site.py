"""The register on the built site: every citation is a link, every entry links back."""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from kehoach.core.data import Project
from kehoach.register import citations
from kehoach.register import model as register_mod
from kehoach.register.linker import BLOCKS
from siteutil import PLAN, ROOT, article

REG = register_mod.load(Project.at(PLAN))
PLAN_PAGES = ["", "bieu-mau-06/"] + sorted(
    str(p.relative_to(PLAN / "docs").with_suffix("")).removesuffix("index") + ("/" if not p.name == "index.md" else "")
    for p in (PLAN / "docs").glob("phan-*/**/*.md")
)


def _blocks_text(node):
    """Text of each innermost block of a plan page, outside chrome, links kept."""
    out = []
    for block in node.find_all(list(BLOCKS)):
        if block.find_parent(attrs={"data-kh-chrome": True}) or block.has_attr("data-kh-chrome"):
            continue
        own = [s for s in block.find_all(string=True)
               if s.find_parent(list(BLOCKS)) is block
               and not any(p.name in ("code", "script") for p in s.parents)
               and not (s.find_parent("a") and "kh-cite" not in (s.find_parent("a").get("class") or []))]
        if own:
            out.append((block, "".join(own)))
    return out


def _citing_links(built):
    """{(page url, block address): [entry id, ...]} for every kh-cite link on the plan pages."""
    found = {}
    for url in PLAN_PAGES:
        for a in article(built.page(url)).select("a.kh-cite"):
            # The block it is in (kehoach/anchors/): a list item (a footnote too) or
            # table holding it, else its paragraph; the back-link names that block's address.
            anchor = a.find_parent(["li", "table"]) or a.find_parent("p")
            found.setdefault((url, anchor["id"]), []).append(a["data-doc"])
    return found


def test_plan_pages_are_known():
    assert len(PLAN_PAGES) > 20 and "phan-1/ket-qua/ton-giao/" in PLAN_PAGES


@pytest.mark.parametrize("url", PLAN_PAGES)
def test_every_citation_is_a_link_to_its_entry(built, url):
    """Recognize citations in the built text; each one must be exactly a kh-cite link."""
    art = article(built.page(url))
    for block, text in _blocks_text(art):
        found, unknown = citations.find(text, REG.names, REG.exclusions)
        assert unknown == []
        expected = [(REG.lookup(c).id, citations.squash(c.text)) for c in found]
        links = [(a["data-doc"], citations.squash(a.get_text())) for a in block.select("a.kh-cite")
                 if a.find_parent(list(BLOCKS)) is block]
        assert links == expected, text[:80]
    for a in art.select("a.kh-cite"):
        assert a["href"] == "../" * url.count("/") + f"van-ban/{a['data-doc']}/"
        assert a["data-doc"] in REG.by_id


def test_footnote_citations_are_links(built):
    footnote = article(built.page("phan-1/ket-qua/xay-dung-chinh-quyen/")).select_one("li#fn\\:2")
    assert [a["data-doc"] for a in footnote.select("a.kh-cite")][-1] == "quyet-dinh-274"
    assert len(footnote.select("a.kh-cite")) == 8


def test_every_entry_links_back_to_every_citing_place(built):
    links = _citing_links(built)
    expected = Counter()
    for (url, anchor), ids in links.items():
        for entry_id in ids:
            expected[(entry_id, url, anchor)] += 1
    seen = Counter()
    for entry in REG.entries:
        page = built.page(entry.url)
        items = page.select(".kh-cited-at__list > li")
        assert items, entry.id
        for li in items:
            href = li.a["href"]
            target = urlsplit(urljoin("http://x/" + entry.url, href))
            url, anchor = target.path.lstrip("/"), target.fragment
            seen[(entry.id, url, anchor)] += 1
            # the anchor exists on the target page and holds a link back to this entry
            holder = built.page(url).find(id=anchor)
            assert holder is not None, href
            assert holder.select(f'a.kh-cite[data-doc="{entry.id}"]'), href
            assert li.blockquote.strong.get_text(), entry.id
    assert seen == expected


def test_entry_page_shows_only_what_the_plan_says(built):
    page = built.page("van-ban/ke-hoach-2021-402-kh-ubnd/")
    cells = {tr.th.get_text(): tr.td.get_text(" ", strip=True) for tr in page.select(".kh-doc-meta tr")}
    assert cells["Số, ký hiệu"] == "402/KH-UBND"
    assert cells["Ngày ban hành"] == "21/08/2021"
    assert cells["Cơ quan ban hành"] == "UBND tỉnh (Kế hoạch ghi rõ)"
    assert cells["Trích yếu (theo Kế hoạch)"] == "về cải cách hành chính nhà nước tỉnh Bắc Giang giai đoạn 2021-2030"
    assert page.h1.get_text(strip=True).startswith("Kế hoạch số 402/KH-UBND")
    assert "2 chỗ trong Kế hoạch" in page.select_one(".kh-cited-at").get_text()
    missing = built.page("van-ban/luat-luu-tru/")
    cells = {tr.th.get_text(): tr.td.get_text(" ", strip=True) for tr in missing.select(".kh-doc-meta tr")}
    assert cells["Ngày ban hành"] == "Kế hoạch không ghi"
    assert cells["Cơ quan ban hành"] == "Kế hoạch không ghi"


def test_entry_page_description_says_which_document_and_what_about(built):
    """What a search engine or a shared link shows: the document, not the page's last link."""
    def description(url):
        return built.page(url).select_one('meta[name="description"]')["content"]

    text = description("van-ban/ke-hoach-2021-402-kh-ubnd/")
    assert text.startswith("Kế hoạch số 402/KH-UBND (21/08/2021) — về cải cách hành chính nhà nước tỉnh Bắc Giang")
    assert len(text) <= 160
    assert description("van-ban/luat-luu-tru/").startswith("Luật Lưu trữ. Thông tin về văn bản")


def test_json_ld_is_schema_org_legislation(built):
    for entry in REG.entries:
        script = built.page(entry.url).select_one('script[type="application/ld+json"]')
        data = json.loads(script.string)
        assert data["@type"] == "Legislation" and data["name"] == entry.label
        assert data.get("legislationIdentifier") == entry.number
        assert data.get("legislationDate") == entry.date
        assert data["url"].endswith("/" + entry.url)
        if entry.issuer:
            assert data["legislationPassedBy"]["name"] == entry.issuer


def test_overview_counts_and_table(built):
    page = built.page("van-ban/")
    groups = {g["data-group"]: {li.select_one(".kh-register-count__name").get_text():
                                int(li.select_one(".kh-register-count__n").get_text()) for li in g.select("li")}
              for g in page.select(".kh-register-counts__group")}
    assert groups["kind"] == dict(Counter(e.kind for e in REG.entries))
    assert sum(groups["issuer"].values()) == sum(groups["year"].values()) == len(REG.entries)
    assert groups["year"]["2021"] == sum(1 for e in REG.entries if e.year == "2021")
    rows = page.select(".kh-register-table tbody tr")
    assert len(rows) == len(REG.entries)
    hrefs = {r.a["href"] for r in rows}
    assert hrefs == {f"../van-ban/{e.id}/".replace("../van-ban/", "") for e in REG.entries}
    total = sum(int(r.select_one("td.kh-num").get_text()) for r in rows)
    assert f"tại {total} chỗ" in page.select_one(".kh-register-summary").get_text()
    assert total == sum(len(v) for v in _citing_links(built).values())
    # The filter needs JavaScript: without it the form stays hidden and every row shows.
    assert page.select_one("form.kh-register-filter").has_attr("hidden")
    script = page.select_one('script[src$="van-ban.js"]')
    assert (built.site / "assets/javascripts/van-ban.js").is_file() and script["src"] == "../assets/javascripts/van-ban.js"


def test_register_is_in_the_nav(built):
    home = built.page("")
    assert any(a.get_text(strip=True) == "Văn bản được trích dẫn" for a in home.select("nav.md-nav a"))


def test_downloads(built):
    data = json.loads((built.site / "van-ban/danh-muc-van-ban.json").read_text(encoding="utf-8"))
    assert [d["id"] for d in data["documents"]] == [e.id for e in REG.entries]
    assert set(data["fields"]) == set(data["documents"][0])
    raw = (built.site / "van-ban/danh-muc-van-ban.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(REG.entries)
    by_id = {r["id"]: r for r in rows}
    assert by_id["nghi-dinh-2020-107-nd-cp"]["number"] == "107/2020/NĐ-CP"
    assert by_id["chi-thi-2021-20-ct-ttg"]["date"] == "2021-07-23"
    links = _citing_links(built)
    for d in data["documents"]:
        assert d["cited_count"] == len(d["cited_at"]) == int(by_id[d["id"]]["cited_count"]) > 0
        for place in d["cited_at"]:
            url, anchor = place.split("#")
            assert d["id"] in links[(url, anchor)]
    # the page documents every field
    documented = {td.code.get_text() for td in built.page("van-ban/").select(".kh-register-fields td")
                  if td.code}
    assert documented == set(data["fields"])


def test_register_data_quotes_the_plan():
    """Subjects and names are the plan's own words; nothing is invented."""
    record = citations.squash((PLAN / "record/ke-hoach-2022-ban-ky.txt").read_text(encoding="utf-8"))
    for e in REG.entries:
        for value in (e.subject, e.name):
            if value:
                assert value in record, (e.id, value)
        if e.number:
            assert e.number in record, e.id


# Addresses are promises: every register page published so far keeps its address.
# Adding a document adds an address; renaming or removing one breaks this test on purpose.
PUBLISHED_IDS = {
    "chi-thi-16-ct-ttg", "chi-thi-2021-12-ct-ubnd", "chi-thi-2021-20-ct-ttg", "chi-thi-2021-6-ct-ubnd",
    "chuong-trinh-phoi-hop-79-ctr-bdvtw", "cong-van-2021-1777-ubnd-nc", "cong-van-2021-5797-ubnd-th",
    "huong-dan-2021-07-hd-hdtdkt", "huong-dan-2021-1284-hd-ubnd", "huong-dan-2021-1750-hd-ubnd",
    "huong-dan-2021-3315-hd-ubnd", "huong-dan-2021-36-hd-snv", "huong-dan-2021-5709-hd-ubnd",
    "ke-hoach-2018-47-kh-tu", "ke-hoach-2020-5580-kh-ubnd", "ke-hoach-2021-08-kh-hdtdkt",
    "ke-hoach-2021-1202-kh-ubnd", "ke-hoach-2021-125-kh-ubnd", "ke-hoach-2021-1283-kh-ubnd",
    "ke-hoach-2021-2198-kh-ubnd", "ke-hoach-2021-27-kh-ubnd", "ke-hoach-2021-280-kh-ubnd",
    "ke-hoach-2021-3478-kh-ubnd", "ke-hoach-2021-3750-kh-ubnd", "ke-hoach-2021-402-kh-ubnd",
    "ke-hoach-2021-434-kh-ubnd", "ke-hoach-2021-4833-kh-ubnd", "ke-hoach-277-kh-ubnd",
    "ket-luan-2020-71-kl-tw", "ket-luan-2021-31-kl-snv", "luat-luu-tru", "luat-tin-nguong-ton-giao",
    "luat-to-chuc-chinh-quyen-dia-phuong", "nghi-dinh-2014-108-nd-cp", "nghi-dinh-2015-26-nd-cp",
    "nghi-dinh-2018-113-nd-cp", "nghi-dinh-2018-161-nd-cp", "nghi-dinh-2019-34-nd-cp",
    "nghi-dinh-2020-107-nd-cp", "nghi-dinh-2020-108-nd-cp", "nghi-dinh-2020-120-nd-cp",
    "nghi-dinh-2020-143-nd-cp", "nghi-quyet-18-nq-tw", "nghi-quyet-19-nq-tw", "nghi-quyet-2015-39-nq-tw",
    "nghi-quyet-2019-45-nq-hdnd", "nghi-quyet-2019-46-nq-hdnd", "nghi-quyet-2021-76-nq-cp",
    "nghi-quyet-tw-6-khoa-xii", "quyet-dinh-1256-qd-ubnd", "quyet-dinh-2013-446-qd-ubnd",
    "quyet-dinh-2014-19-qd-ttg", "quyet-dinh-2014-264-qd-ubnd", "quyet-dinh-2015-27-qd-ubnd",
    "quyet-dinh-2019-34-qd-ubnd", "quyet-dinh-2020-38-qd-ubnd", "quyet-dinh-2021-1209-qd-ubnd",
    "quyet-dinh-2021-13-qd-hdtdkt", "quyet-dinh-2021-1427-qd-ubnd", "quyet-dinh-2021-16-qd-ubnd",
    "quyet-dinh-2021-2-qd-ubnd", "quyet-dinh-2021-3309-qd-snv", "quyet-dinh-2021-3334-qd-snv",
    "quyet-dinh-2021-3373-qd-snv", "quyet-dinh-2021-3416-qd-snv", "quyet-dinh-2021-55-qd-ubnd",
    "quyet-dinh-2021-60-qd-ubnd", "quyet-dinh-2021-61-qd-ubnd", "quyet-dinh-2021-633-qd-ubnd",
    "quyet-dinh-274", "thong-tu-2018-03-tt-bnv",
}


def test_published_register_addresses_stay(built):
    missing = sorted(PUBLISHED_IDS - set(REG.by_id))
    assert missing == [], f"register pages that disappeared (their addresses were published): {missing}"
    for entry_id in PUBLISHED_IDS:
        assert (built.site / "van-ban" / entry_id / "index.html").is_file(), entry_id


@pytest.mark.parametrize("url", PLAN_PAGES)
def test_every_paragraph_of_the_plan_has_a_unique_id(built, url):
    """Back-links point at paragraphs: each paragraph and list item can be linked to."""
    art = article(built.page(url))
    ids = [t["id"] for t in art.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for tag in art.find_all(["p", "li"]):
        if tag.find_parent(attrs={"data-kh-chrome": True}) or tag.find_parent("li", id=re.compile("^fn:")):
            continue
        if tag.find_parent(class_="md-source-file") or tag.find_parent("nav"):
            continue
        assert tag.get("id"), str(tag)[:120]


def test_links_per_document_match_the_signed_text(built):
    """Independent of the pages' markup: each document is linked as often as the record cites it."""
    record = (PLAN / "record/ke-hoach-2022-ban-ky.txt").read_text(encoding="utf-8")
    found, unknown = citations.find(record, REG.names, REG.exclusions)
    assert unknown == []
    in_record = Counter(REG.lookup(c).id for c in found)
    on_site = Counter(i for ids in _citing_links(built).values() for i in ids)
    assert on_site == in_record
