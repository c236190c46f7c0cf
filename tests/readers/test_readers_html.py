"""What every built page tells readers, search engines and chat apps, read from the HTML."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from errorunit import data_copy, message, project_data
from kehoach.core import data
from kehoach.plan import home as home_model
from siteutil import PLAN, ROOT, article, broken_copy, line_of, not_held_to_record, run_build

SITE_NAME = "Kế hoạch phát triển kinh tế - xã hội năm 2022 của Sở Nội vụ tỉnh Bắc Giang"


def _pages(site):
    return sorted(p for p in site.rglob("*.html") if p.name == "index.html")


def _soup(built, html_path):
    return built.page(html_path.relative_to(built.site).as_posix())


def _meta(soup, **attrs):
    tag = soup.find("meta", attrs=attrs)
    return tag["content"] if tag else None


# ---------------------------------------------------------------- titles, descriptions, Open Graph


def test_every_page_has_its_own_title_and_description(built):
    titles, descriptions = Counter(), Counter()
    for path in _pages(built.site):
        soup = _soup(built, path)
        title = soup.title.get_text()
        description = _meta(soup, name="description")
        assert title.endswith(SITE_NAME), path
        assert description and 40 <= len(description) <= 160, (path, description)
        titles[title] += 1
        descriptions[description] += 1
    assert [t for t, n in titles.items() if n > 1] == []
    assert [d for d, n in descriptions.items() if n > 1] == []


def test_description_is_the_first_paragraph_of_the_text(built):
    soup = built.page("phan-1/ket-qua/ton-giao/")
    description = _meta(soup, name="description")
    first = " ".join(article(soup).find("p").get_text().split())
    assert description.rstrip("…") and first.startswith(description.rstrip("…"))
    # A short opening line is introduced by the page's heading.
    assert _meta(built.page("phan-2/"), name="description") == (
        "PHẦN II: Kế hoạch phát triển kinh tế - xã hội năm 2022")


def test_home_description_comes_from_front_matter(built):
    front = (PLAN / "docs" / "index.md").read_text(encoding="utf-8").split("---")[1]
    wanted = " ".join(yaml.safe_load(front)["description"].split())
    assert _meta(built.page(""), name="description") == wanted


def test_open_graph_tags_match_the_page(built):
    for path in _pages(built.site):
        soup = _soup(built, path)
        rel = path.parent.relative_to(built.site).as_posix()
        url = "https://example.invalid/snv-2022/" + ("" if rel == "." else rel + "/")
        assert _meta(soup, property="og:url") == url, path
        assert _meta(soup, property="og:locale") == "vi_VN"
        assert _meta(soup, property="og:site_name") == SITE_NAME
        assert _meta(soup, property="og:description") == _meta(soup, name="description")
        assert _meta(soup, property="og:title") and _meta(soup, property="og:title") in soup.title.get_text()
    assert _meta(built.page(""), property="og:type") == "website"
    assert _meta(built.page("phan-1/"), property="og:title") == "PHẦN I"
    assert _meta(built.page("phan-2/noi-dung-2022/ton-giao/"), property="og:title") == (
        "7. Công tác quản lý nhà nước về tôn giáo (PHẦN II)")
    assert built.page("").title.get_text() == SITE_NAME


QUOTED = 'Câu thử có "ngoặc kép" & dấu và, đủ dài để không cần tên mục đứng trước.'


def test_a_quote_in_a_description_does_not_break_the_tag(built, tmp_path):
    project = broken_copy(tmp_path, ("docs/phan-1/ket-qua/ton-giao.md", "\n\n", f"\n\n{QUOTED}\n\n"), name="p")
    result = run_build(not_held_to_record(project), tmp_path / "site")
    # A sentence the record does not have: only the tag matters here.
    assert result.returncode == 0, result.output
    soup = result.page("phan-1/ket-qua/ton-giao/")
    assert _meta(soup, name="description") == QUOTED
    assert _meta(soup, property="og:description") == QUOTED


# ---------------------------------------------------------------- tables, language, privacy


def test_every_table_has_a_caption_and_headers(built):
    tables = 0
    for path in _pages(built.site):
        for table in _soup(built, path).select("article table"):
            tables += 1
            caption = table.find("caption")
            if path.parent.name == "in-toan-van":
                # The print page holds only the plan's words: a caption in the
                # site's words stays as the table's accessible name.
                assert caption and caption.get_text(strip=True) or table.get("aria-label"), path
            else:
                assert caption and caption.get_text(strip=True), path
            headers = table.select("th")
            assert headers, path
            # Column headers sit in <thead>; row headers say so (scope="row").
            assert all(th.find_parent("thead") or th.get("scope") in ("row", "rowgroup") for th in headers), path
    assert tables >= 2


def test_captions_name_the_section_of_the_table(built):
    caption = built.page("ve-trang-nay/ghi-chu-van-ban/").select_one("article table caption")
    assert caption.get_text() == "Những chỗ chưa thống nhất trong bản gốc"
    soup = built.page("bieu-mau-06/")
    box = soup.select_one(".kh-table-scroll")
    assert box["tabindex"] == "0" and box["role"] == "region"
    name = box.get("aria-label") or soup.find(id=box["aria-labelledby"]).get_text()
    assert "Biểu mẫu số 06" in name


def test_pages_load_nothing_from_another_host(built):
    """Static companion of the browser test: no src/href to another host in the page's head or body."""
    offenders = []
    for path in built.site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r'<(script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)="(https?:)?//[^"]*"', text):
            if "rel=\"canonical\"" in m.group(0):
                continue
            offenders.append(f"{path.relative_to(built.site)}: {m.group(0)[:120]}")
    assert offenders == []


def test_interface_is_in_vietnamese(built):
    soup = built.page("phan-1/")
    assert soup.select_one("a.md-skip").get_text(strip=True) == "Chuyển đến nội dung chính"
    assert soup.select_one(".md-search")["aria-label"] == "Tìm kiếm"
    assert soup.select_one("nav.md-path")["aria-label"] == "Vị trí của trang"
    assert soup.select_one(".md-top").get_text(strip=True) == "Về đầu trang"
    html = (built.site / "phan-1" / "index.html").read_text(encoding="utf-8")
    assert "Initializing search" not in html


# ---------------------------------------------------------------- 404


def test_404_page_is_vietnamese_and_links_home(built):
    soup = built.page("404.html")
    assert soup.html["lang"] == "vi"
    assert soup.title.get_text().startswith("Không tìm thấy trang")
    assert article(soup).h1.get_text() == "Không tìm thấy trang (lỗi 404)"
    home = article(soup).find("a", string="về trang chủ")
    assert home["href"] in ("/snv-2022/.", "/snv-2022/")
    # Every local asset is addressed from the site root, so it loads at any depth.
    for tag in soup.select("link[rel=stylesheet], script[src]"):
        assert (tag.get("href") or tag.get("src")).startswith("/snv-2022/"), tag


# ---------------------------------------------------------------- home page


def _home_data():
    return yaml.safe_load((PLAN / "data" / "home.yml").read_text(encoding="utf-8"))


def test_home_says_what_who_when_before_the_plan(built):
    body = article(built.page(""))
    intro = body.select_one("#gioi-thieu")
    assert intro.has_attr("data-kh-chrome")
    text = " ".join(intro.get_text().split())
    for fact in ("Kế hoạch phát triển kinh tế - xã hội năm 2022", "Sở Nội vụ tỉnh Bắc Giang",
                 "tháng 11 năm 2021", "Vũ Mạnh Hùng"):
        assert fact in text
    # The introduction comes first, then the plan's own header and title.
    order = [el.get("id") for el in body.find_all(id=True)]
    assert order.index("gioi-thieu") < order.index("ke-hoach") < order.index("bat-dau-doc")


def test_home_start_cards_lead_to_the_two_parts_and_the_table(built):
    cards = article(built.page("")).select("#bat-dau-doc ~ .kh-start li a, .kh-start li a")
    hrefs = {a["href"] for a in cards}
    assert {"phan-1/", "phan-2/", "bieu-mau-06/", "van-ban/", "chi-so/"} <= hrefs
    for href in hrefs:
        assert (built.site / href / "index.html").is_file(), href


def test_home_key_figures_are_the_plans_own_and_link_to_where_it_says_them(built):
    figures = article(built.page("")).select(".kh-figures li")
    assert [f.select_one(".kh-figure__value").get_text() for f in figures] == [
        "85,58/100", "92,54%", "44,32 điểm"]
    for figure in figures:
        assert figure.find_parent(attrs={"data-kh-chrome": True}) is not None
        href = figure.find("a")["href"]
        target = " ".join(article(built.page(href)).get_text().split())
        value = figure.select_one(".kh-figure__value").get_text()
        label, detail = figure.find_all("p")[1].get_text().rstrip(".").split(", ", 1)
        for words in (value, label, detail):
            assert words in target, (words, href)


def _home_message(tmp_path, old: str, new: str) -> tuple[str, Path]:
    """What the home page's data check (kehoach/plan/home.py) says of a copy of
    data/home.yml with every `old` made `new`, as the macros' registration asks it."""
    project = data_copy(tmp_path, ("data/home.yml", old, new, -1))
    return message(lambda: home_model.check(data.load("home", project_data(project)), str(PLAN / "docs"))), project


def test_home_yml_figure_that_the_plan_does_not_state_stops_the_build(tmp_path):
    output, project = _home_message(tmp_path, '"92,54%"', '"95,00%"')
    line = line_of(project / "data" / "home.yml", "95,00%")
    assert f"data/home.yml, dòng {line} (line {line})" in output
    assert "Không tìm thấy \"95,00%\" trong trang phan-1/ket-qua/cai-cach-hanh-chinh.md" in output


def test_home_yml_link_to_a_missing_page_stops_the_build(tmp_path):
    output, _ = _home_message(tmp_path, "link: phan-2/index.md", "link: phan-3/index.md")
    assert "data/home.yml, dòng" in output
    assert "Trang 'phan-3/index.md' không có trong thư mục docs/." in output


def test_home_yml_is_validated_against_its_schema(tmp_path):
    output, _ = _home_message(tmp_path, "  id: bat-dau-doc", "  id: Bắt đầu")
    assert "data/home.yml, dòng" in output and "start.id" in output


@pytest.mark.parametrize("name", ["home"])
def test_data_file_names_its_schema(name):
    first = (PLAN / "data" / f"{name}.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../../../schemas/{name}.schema.json"
    assert (ROOT / "schemas" / f"{name}.schema.json").is_file()
    assert _home_data()["figures"]["items"]
