"""Abbreviations: marked at every occurrence outside document numbers, listed
on the glossary page, never forgotten, never changing the visible text."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from errorunit import data_copy, message, project_data
from kehoach.abbreviations import model as abbreviations_model
from siteutil import PLAN, ROOT, repo_of, article, build_fails, copy_project, line_of, run_build

RECORD = (PLAN / "record" / "ke-hoach-2022-ban-ky.txt").read_text(encoding="utf-8")
ENTRIES = yaml.safe_load((PLAN / "data" / "abbreviations.yml").read_text(encoding="utf-8"))["abbreviations"]
SPELLING_TO_ABBR = {s: e["abbr"] for e in ENTRIES for s in [e["abbr"], *e.get("variants", [])]}
UNCERTAIN_TITLE = "Chưa rõ nghĩa: văn bản không giải thích từ viết tắt này"

# Uppercase words of the plan that are NOT abbreviations needing an entry.
# Reviewed by hand; every word here must occur in the signed text.
NOT_ABBREVIATIONS = {
    # Headings and the table's heading written in capitals.
    "KẾ", "HOẠCH", "PHẦN", "KẾT", "QUẢ", "THỰC", "HIỆN", "NHIỆM", "VỤ", "PHÁT", "TRIỂN",
    "NỘI", "DUNG", "NĂM", "MỤC", "ĐÍCH", "YÊU", "CẦU", "TỔ", "CHỨC", "CHỈ", "TIÊU",
    "GIÁM", "ĐỐC",
    # Roman numerals (Phần II, khóa XII, khóa XV, hạng IV).
    "II", "III", "IV", "XII", "XV",
    # Names and designations that are read as written, not expanded.
    "COVID",  # "đại dịch COVID - 19"
    "ISO", "TCVN",  # "Tiêu chuẩn Quốc gia TCVN ISO 9001:2015", "kiểm tra công tác CCHC, ISO"
    "QR", "APP", "IOS", "ANDROID",  # "mã QR", "các APP trên hệ điều hành IOS và ANDROID"
}

PLAN_PAGES = ["index.md", "bieu-mau-06.md"] + sorted(
    str(p.relative_to(PLAN / "docs")) for part in ("phan-1", "phan-2") for p in (PLAN / "docs" / part).rglob("*.md")
)


def _url(src: str) -> str:
    return "" if src == "index.md" else re.sub(r"(index)?\.md$", "", src).rstrip("/") + "/"


def _articles(built):
    return {src: article(built.page(_url(src))) for src in PLAN_PAGES}


# --- counting in the signed text, independently of kehoach/abbreviations/model.py ---

_EDGE = "()[]{};:,.“”\"'!?…–*"


def _words(text: str) -> list[str]:
    """Whitespace-separated words with surrounding punctuation removed."""
    return [w.strip(_EDGE) for w in text.split()]


def _is_document_number(word: str) -> bool:
    # "16/2021/QĐ-UBND", "18-NQ/TW", "5797/UBND-TH", "/KH-SNV": a symbol always has "/".
    return "/" in word


def record_counts() -> Counter:
    """How often each entry occurs as whole word(s) in the signed text."""
    return _count(_words(RECORD))


def _count(words: list[str]) -> Counter:
    counts: Counter = Counter()
    for spelling, abbr in SPELLING_TO_ABBR.items():
        parts = spelling.split()
        for i in range(len(words) - len(parts) + 1):
            window = words[i:i + len(parts)]
            if window == parts:
                counts[abbr] += 1
    return counts


# --- the tests -------------------------------------------------------------------

def test_every_entry_is_marked_at_every_occurrence(built):
    """Every occurrence in the signed text is an <abbr> on the site, inside
    links (e.g. citation links) too. (The site's own notes, data-kh-chrome,
    are marked too, and left out here.)"""
    expected = record_counts()
    marked: Counter = Counter()
    in_links: Counter = Counter()
    for src, art in _articles(built).items():
        for abbr in art.find_all("abbr"):
            text = abbr.get_text()
            assert text in SPELLING_TO_ABBR, f"{src}: unexpected <abbr>{text}</abbr>"
            if abbr.find_parent(attrs={"data-kh-chrome": True}) is None:
                marked[SPELLING_TO_ABBR[text]] += 1
                in_links[SPELLING_TO_ABBR[text]] += abbr.find_parent("a") is not None
    assert sum(expected.values()) > 150  # UBND alone occurs 100 times
    assert in_links["TW"] >= 1  # "Nghị quyết TW 6 khóa XII", a citation link
    assert dict(marked) == dict(expected)


def test_each_mark_carries_the_expansion(built):
    titles = {e["abbr"]: e.get("expansion", UNCERTAIN_TITLE) for e in ENTRIES}
    seen = set()
    for src, art in _articles(built).items():
        for abbr in art.find_all("abbr"):
            entry = SPELLING_TO_ABBR[abbr.get_text()]
            assert abbr["title"] == titles[entry], (src, entry)
            assert ("kh-abbr--uncertain" in abbr["class"]) == ("expansion" not in _entry(entry)), (src, entry)
            seen.add(entry)
    assert "UBCC" in seen and "UBND" in seen


def _entry(abbr: str) -> dict:
    return next(e for e in ENTRIES if e["abbr"] == abbr)


def test_nothing_marked_inside_document_numbers(built):
    numbers = {w for w in _words(RECORD) if _is_document_number(w) and re.search(r"[A-ZĐ]{2}", w)}
    assert {"16/2021/QĐ-UBND", "402/KH-UBND", "18-NQ/TW", "5797/UBND-TH"} <= numbers
    pages_html = ""
    for src, art in _articles(built).items():
        for abbr in art.find_all("abbr"):
            before = abbr.previous_sibling if isinstance(abbr.previous_sibling, str) else ""
            after = abbr.next_sibling if isinstance(abbr.next_sibling, str) else ""
            assert not re.search(r"[\w&/-]$", before), (src, before[-30:], abbr)
            assert not re.search(r"^[\w&/-]", after), (src, abbr, after[:30])
            # Inside a link, never focusable (HTML: no tabindex inside <a>).
            assert abbr.find_parent("a") is None or not abbr.has_attr("tabindex"), (src, abbr.find_parent("a"))
        pages_html += str(art)
    # Every document number of the signed text is still one unbroken string.
    missing = sorted(n for n in numbers if n not in pages_html and n.rstrip(".") not in pages_html)
    assert missing == []


def test_visible_text_is_unchanged(built, tmp_path):
    """The plan pages read exactly the same as in a build without the marking pass."""
    project = copy_project(tmp_path / "project")
    module = repo_of(project) / "kehoach" / "abbreviations" / "html.py"
    module.write_text(
        module.read_text(encoding="utf-8")
        + "\n\nMarker.mark = lambda self, root, count=True: False\nMarker.check_used = lambda self: None\n",
        encoding="utf-8",
    )
    plain = run_build(project, tmp_path / "site")
    assert plain.returncode == 0, plain.output
    for src in PLAN_PAGES:
        without = article(plain.page(_url(src)))
        assert not without.find_all("abbr")
        marked = article(built.page(_url(src)))
        # Chrome (e.g. the last-change date, which a copy outside git has not) is not the plan's text.
        for chrome in [*marked.select("[data-kh-chrome]"), *without.select("[data-kh-chrome]")]:
            chrome.decompose()
        assert marked.get_text().split() == without.get_text().split(), src


def test_one_keyboard_stop_per_abbreviation_and_page(built):
    """One stop per abbreviation used outside links; inside a link the link is the stop."""
    for src, art in _articles(built).items():
        free = [a for a in art.find_all("abbr") if a.find_parent("a") is None]
        stops = Counter(SPELLING_TO_ABBR[a.get_text()] for a in free if a.get("tabindex") == "0")
        used = {SPELLING_TO_ABBR[a.get_text()] for a in free}
        assert set(stops) == used and all(n == 1 for n in stops.values()), src
        # The others can still be focused by a tap or click (tabindex="-1").
        assert all(a["tabindex"] in ("0", "-1") for a in free), src


def _vietnamese_order(text: str) -> list[int]:
    alphabet = "A Ă Â B C D Đ E Ê F G H I J K L M N O Ô Ơ P Q R S T U Ư V W X Y Z".split()
    key = []
    for ch in text.upper():
        bare = "".join(c for c in unicodedata.normalize("NFD", ch)
                       if c not in "\u0300\u0301\u0303\u0309\u0323")
        bare = unicodedata.normalize("NFC", bare)
        key.append(alphabet.index(bare) + 1 if bare in alphabet else 0)
    return key


def test_glossary_lists_every_entry_in_order_with_counts(built):
    soup = built.page("tu-viet-tat/")
    rows = soup.select(".kh-glossary tbody tr")
    listed = [r["data-abbr"] for r in rows]
    assert sorted(listed) == sorted(e["abbr"] for e in ENTRIES)
    assert listed == sorted(listed, key=_vietnamese_order)
    # Đ comes after D, before E (not after Z as in code-point order).
    assert listed.index("ĐBQH") < listed.index("GHPG") and listed.index("CTTN") < listed.index("ĐBQH")
    counts = record_counts()
    for row in rows:
        abbr, expansion, source, count = [td.get_text(" ", strip=True) for td in row.find_all("td")]
        entry = _entry(row["data-abbr"])
        assert abbr.startswith(entry["abbr"])
        assert expansion == entry.get("expansion", "(chưa ghi nghĩa)")
        assert source == {"plan": "Theo giải thích trong Kế hoạch", "standard": "Thuật ngữ hành chính thông dụng",
                          "uncertain": "Chưa rõ nghĩa"}[entry["source"]]
        assert int(count) == counts[entry["abbr"]], entry["abbr"]


def test_glossary_is_in_the_nav_and_not_a_plan_page(built):
    soup = built.page("tu-viet-tat/")
    assert soup.find("h1").get_text(strip=True).startswith("Từ viết tắt")
    assert "tu-viet-tat.md" not in PLAN_PAGES
    home = built.page("")
    assert any(a.get_text(strip=True) == "Từ viết tắt" for a in home.select("nav.md-nav a"))


def test_every_page_links_to_the_glossary_from_its_footer(built):
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        links = soup.select("footer .kh-footer-links a")
        assert [a.get_text(strip=True) for a in links] == ["Từ viết tắt"], path
        if path.name == "404.html":
            continue  # Material gives the 404 page absolute links from site_url
        target = (path.parent / links[0]["href"]).resolve() / "index.html"
        assert target == (built.site / "tu-viet-tat" / "index.html").resolve(), path


def test_expansions_from_the_plan_use_the_plans_words():
    text = RECORD.casefold()
    for e in ENTRIES:
        if e["source"] == "plan":
            assert e["expansion"].casefold() in text, e["abbr"]


def test_no_uppercase_word_of_the_plan_is_forgotten():
    text = RECORD
    for spelling in sorted(SPELLING_TO_ABBR, key=len, reverse=True):
        text = re.sub(rf"(?<![\w&/-]){re.escape(spelling)}(?![\w&/-])", " ", text)
    uppercase = set()
    for word in _words(text):
        if _is_document_number(word) or re.search(r"\d", word):
            continue
        if sum(c.isupper() for c in word) >= 2:
            uppercase.add(word)
    assert sorted(uppercase - NOT_ABBREVIATIONS) == [], "add these to data/abbreviations.yml or the allow-list"
    assert sorted(NOT_ABBREVIATIONS - uppercase) == [], "stale allow-list entries"


def _build_with(tmp_path, change) -> str:
    project = copy_project(tmp_path / "project")
    path = project / "data" / "abbreviations.yml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return build_fails(project, tmp_path)


def test_an_unused_entry_stops_the_build_naming_it(tmp_path):
    output = _build_with(tmp_path, lambda t: t + '  - abbr: "XKCD"\n    expansion: "thử"\n    source: standard\n')
    assert "data/abbreviations.yml" in output
    assert "'XKCD'" in output and "không xuất hiện" in output and "never occurs" in output
    line = len((PLAN / "data" / "abbreviations.yml").read_text(encoding="utf-8").splitlines()) + 1
    assert f"dòng {line}" in output


def _load_with(tmp_path, change) -> str:
    """The message loading a copy of data/abbreviations.yml changed by `change` gives
    (the list's own checks; an entry no page uses needs every page: built above)."""
    project = data_copy(tmp_path)
    path = project / "data" / "abbreviations.yml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return message(abbreviations_model.load, project_data(project))


def test_an_uncertain_entry_may_not_have_an_expansion(tmp_path):
    output = _load_with(tmp_path, lambda t: t.replace('- abbr: "UBCC"\n', '- abbr: "UBCC"\n    expansion: "đoán"\n'))
    line = line_of(PLAN / "data" / "abbreviations.yml", '- abbr: "UBCC"\n') + 1
    assert f"data/abbreviations.yml, dòng {line}" in output
    assert "'UBCC'" in output and "source: uncertain" in output


def test_a_certain_entry_needs_an_expansion(tmp_path):
    output = _load_with(tmp_path, lambda t: t.replace('    expansion: "Trung ương"\n', ""))
    assert "data/abbreviations.yml" in output and "'TW'" in output and "thiếu expansion" in output


def _mark(marker, html, count=True):
    """`marker` run on the tree of `html`, written back (as kehoach/hooks.py does)."""
    from kehoach.core import htmltree

    root = htmltree.parse(html)
    marker.mark(root, count=count)
    return htmltree.serialize(root)


@pytest.mark.parametrize("html, marked", [
    ("<p>Quyết định số 16/2021/QĐ-UBND của UBND tỉnh</p>", ["UBND"]),
    ("<p>Công văn số 5797/UBND-TH; Nghị quyết số 18-NQ/TW; TW 6</p>", ["TW"]),
    ("<p>Sở KH&amp;ĐT; KH 2022/ TH 2021</p>", ["KH&ĐT", "KH", "TH"]),
    ('<p><a class="kh-cite" href="#">Kế hoạch số 402/KH-UBND của UBND tỉnh</a> UBCC TP. Bắc Giang</p>',
     ["UBND", "UBCC", "TP"]),
    ('<div data-kh-chrome><p>UBND</p></div><p>UBNDX, XUBND, UBND</p>', ["UBND", "UBND"]),
])
def test_marker_on_small_inputs(html, marked):
    from kehoach.abbreviations import html as abbreviation_html
    from kehoach.abbreviations import model as abbreviations

    marker = abbreviation_html.Marker(abbreviations.load(project_data(PLAN)))
    out = _mark(marker, html)
    soup = BeautifulSoup(out, "html.parser")
    assert [a.get_text() for a in soup.find_all("abbr")] == marked
    assert sum(marker.marked.values()) == len(marked)
    assert soup.get_text() == BeautifulSoup(html, "html.parser").get_text()


def test_abbreviations_in_links_are_counted_and_marked_without_a_keyboard_stop():
    from kehoach.abbreviations import html as abbreviation_html
    from kehoach.abbreviations import model as abbreviations

    marker = abbreviation_html.Marker(abbreviations.load(project_data(PLAN)))
    out = _mark(marker, '<p><a class="kh-cite" href="#">Kế hoạch số 402/KH-UBND của UBND tỉnh</a>; UBND huyện</p>')
    soup = BeautifulSoup(out, "html.parser")
    assert soup.a.get_text() == "Kế hoạch số 402/KH-UBND của UBND tỉnh"  # the citation reads the same
    assert [a.get("tabindex") for a in soup.find_all("abbr")] == [None, "0"]
    assert marker.counts["UBND"] == 2 and marker.marked["UBND"] == 2


def test_the_sites_own_notes_are_marked_but_not_counted():
    from kehoach.abbreviations import html as abbreviation_html
    from kehoach.abbreviations import model as abbreviations

    marker = abbreviation_html.Marker(abbreviations.load(project_data(PLAN)))
    out = _mark(marker, '<caption data-kh-chrome>UBND tỉnh</caption><p>UBND huyện</p>')
    assert out.count("<abbr") == 2 and marker.counts["UBND"] == 1
    _mark(marker, "<p>UBND, HĐND</p>", count=False)  # a page that is not the plan's
    assert marker.counts["UBND"] == 1 and marker.counts["HĐND"] == 0 and marker.marked["UBND"] == 3


def test_marking_again_marks_only_new_text_with_one_keyboard_stop():
    from kehoach.abbreviations import html as abbreviation_html
    from kehoach.abbreviations import model as abbreviations

    marker = abbreviation_html.Marker(abbreviations.load(project_data(PLAN)))
    once = _mark(marker, "<p>UBND tỉnh</p>", count=False)
    twice = _mark(marker, once + "<p>UBND huyện</p>", count=False)
    soup = BeautifulSoup(twice, "html.parser")
    assert [a["tabindex"] for a in soup.find_all("abbr")] == ["0", "-1"]
    assert twice.count("<abbr") == 2 and twice.startswith(once)


# Free-standing spellings, as a reader would spot them (not inside a document number).
_ANY = re.compile(r"(?<![\w&/-])(?:" + "|".join(re.escape(s) for s in sorted(SPELLING_TO_ABBR, key=len, reverse=True))
                  + r")(?![\w&/-])")


def test_every_abbreviation_on_every_page_has_its_expansion(built):
    """On every page a reader sees (register entries and their quotations, the
    overview, home, Chỉ số, the Biểu mẫu caption, the print page's appendix, the
    contents of a part), an abbreviation outside code is an <abbr> with its
    expansion, in links too. Not in an SVG picture (the chart of /chi-so/,
    drawn from the table beside it), which renders no HTML element."""
    titles = {e["abbr"]: e.get("expansion", UNCERTAIN_TITLE) for e in ENTRIES}
    bare, pages, marked = [], 0, Counter()
    for html in sorted(built.site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        art = soup.find("article")
        if art is None:
            continue
        pages += 1
        rel = html.relative_to(built.site).as_posix()
        for abbr in art.find_all("abbr"):
            assert abbr["title"] == titles[SPELLING_TO_ABBR[abbr.get_text()]], (rel, abbr)
            marked[rel.split("/")[0]] += 1
        for text in art.find_all(string=True):
            if text.find_parent(["abbr", "code", "pre", "script", "style", "svg"]) is not None:
                continue
            # The glossary's own rows: the expansion stands in the next cell.
            if text.find_parent(class_="kh-glossary") is not None:
                continue
            bare += [f"{rel}: {m.group()} in “{text.strip()[:60]}”" for m in _ANY.finditer(str(text))]
    assert pages > 100
    assert bare == [], "\n".join(bare[:20])
    assert marked["phan-1"] > 0 and built.page("phan-1/").select_one(".kh-contents a abbr[title='kinh tế - xã hội']")
    for where in ("van-ban", "chi-so", "in-toan-van", "index.html", "bieu-mau-06"):
        assert marked[where] > 0, where


def test_register_quotations_and_the_print_appendix_are_marked(built):
    entry = built.page("van-ban/quyet-dinh-2021-16-qd-ubnd/")
    quotes = entry.select("blockquote.kh-cited-at__context abbr")
    assert quotes and all(a["title"] for a in quotes)
    appendix = built.page("in-toan-van/").select_one("#danh-muc-van-ban-trich-dan")
    assert appendix.select("abbr[title='Ủy ban nhân dân']") or appendix.select("abbr")


def test_no_html_inside_svg_and_the_charts_rows_name_themselves(built):
    """SVG renders no HTML element: an <abbr> in a chart's <text> hides the row's
    label (issue 26, /chi-so/). Every <text> of every picture holds its words as text."""
    svgs = 0
    for html in sorted(built.site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for svg in soup.find_all("svg"):
            svgs += 1
            assert svg.find(["abbr", "a", "span", "p", "em", "strong"]) is None, html.relative_to(built.site)
    assert svgs > 100  # the theme's icons and the chart
    chart = built.page("chi-so/").select_one("svg.kh-chart")
    labels = [row.find("text") for row in chart.select(".kh-chart__row")]
    assert [t.string for t in labels] == ["PAR Index", "SIPAS", "PAPI"]
