"""Biểu mẫu số 06 on the site matches the signed text cell for cell, and its
note, the /chi-so/ page, the chart and the downloads say what the data says."""
from __future__ import annotations

import copy
import csv
import io
import json
import re
from collections import Counter

import pytest
import yaml

from siteutil import PLAN, ROOT, article

RECORD = PLAN / "record" / "ke-hoach-2022-ban-ky.txt"


def record_table() -> list[list[str]]:
    """Lines 339-343 of the signed text: the table, tab separated, 9 columns."""
    lines = RECORD.read_text(encoding="utf-8").splitlines()
    assert lines[336] == "Biểu mẫu số 06"  # line 337
    rows = [line.split("\t") for line in lines[338:343]]
    assert len(rows) == 5
    return [row + [""] * (9 - len(row)) for row in rows]


def visible_text(el) -> str:
    """Text of an element without anything marked data-kh-chrome."""
    el = copy.copy(el)
    for chrome in el.select("[data-kh-chrome]"):
        chrome.decompose()
    return " ".join(el.get_text().split())  # no separator: <abbr> sits inside words' runs


def grid(table) -> list[list[str]]:
    """The table as a grid; a merged cell's text sits in its first position only."""
    out: list[list[str | None]] = []
    for r, tr in enumerate(table.select("thead tr, tbody tr")):
        while len(out) <= r:
            out.append([])
        row = out[r]
        c = 0
        for cell in tr.find_all(["th", "td"], recursive=False):
            while c < len(row) and row[c] is not None:
                c += 1
            rs, cs = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            for dr in range(rs):
                while len(out) <= r + dr:
                    out.append([])
                target = out[r + dr]
                for dc in range(cs):
                    while len(target) <= c + dc:
                        target.append(None)
                    target[c + dc] = visible_text(cell) if (dr, dc) == (0, 0) else ""
            c += cs
    return [[cell or "" for cell in row] for row in out]


@pytest.fixture(scope="module")
def bieu(built):
    return built.page("bieu-mau-06/")


@pytest.fixture(scope="module")
def plan_table(bieu):
    table = bieu.select_one("table.kh-indicators")
    assert table is not None
    return table


def test_table_matches_signed_text_cell_for_cell(plan_table):
    assert grid(plan_table) == record_table()


def test_two_row_header_with_merged_groups(plan_table):
    head = plan_table.select("thead tr")
    assert len(head) == 2
    first = [(" ".join(th.get_text().split()), th.get("rowspan"), th.get("colspan"), th.get("scope")) for th in head[0].find_all("th")]
    assert first == [
        ("STT", "2", None, "col"), ("CHỈ TIÊU", "2", None, "col"), ("Đơn vị", "2", None, "col"),
        ("Thực hiện 2020", "2", None, "col"), ("Năm 2021", None, "2", "colgroup"),
        ("Kế hoạch 2022", "2", None, "col"), ("So sánh (%)", None, "2", "colgroup"),
    ]
    second = [(" ".join(th.get_text().split()), th.get("scope")) for th in head[1].find_all("th")]
    assert second == [("Kế hoạch", "col"), ("Thực hiện cả năm", "col"),
                      ("TH 2021/ TH 2020", "col"), ("KH 2022/ TH 2021", "col")]
    # colgroup scopes need matching <colgroup> elements
    spans = [int(cg.get("span", 1)) for cg in plan_table.find_all("colgroup")]
    assert sum(spans) + len(plan_table.find_all("col", recursive=False)) == 9
    # each body row is named by its indicator
    for tr in plan_table.select("tbody tr"):
        ths = tr.find_all("th")
        assert len(ths) == 1 and ths[0]["scope"] == "row"


def test_caption_is_the_sites_and_marked_so(plan_table):
    caption = plan_table.find("caption")
    assert caption is not None and caption.has_attr("data-kh-chrome")
    assert caption.get_text(strip=True).startswith("Biểu mẫu số 06:")
    assert plan_table.find(True).name == "caption"  # first child, as HTML requires


def test_heading_kept(bieu):
    h1 = bieu.select_one("article h1#bieu-mau-06")
    assert h1 is not None and h1.get_text(strip=True).rstrip("¶") == "Biểu mẫu số 06"


def test_empty_cells_are_empty_and_say_so(plan_table):
    for tr in plan_table.select("tbody tr"):
        cells = tr.find_all(["td", "th"])
        for index in (2, 5):  # Đơn vị, Thực hiện cả năm
            cell = cells[index]
            assert visible_text(cell) == ""
            hidden = cell.select_one(".kh-sr-only[data-kh-chrome]")
            assert hidden is not None and "để trống" in hidden.get_text()
            assert "0" not in cell.get_text()


def test_plan_words_on_the_page_are_the_signed_words(bieu):
    """Outside data-kh-chrome, the article says exactly lines 337-343 of the record."""
    art = copy.copy(article(bieu))
    for el in art.select("[data-kh-chrome], a.headerlink"):
        el.decompose()
    from plantext import words as tokens

    lines = RECORD.read_text(encoding="utf-8").splitlines()[336:343]
    assert Counter(tokens(art.get_text(" "))) == Counter(tokens(" ".join(lines)))


def test_note_says_comparisons_cannot_follow_and_shows_computation(bieu):
    note = bieu.select_one("section.kh-note")
    assert note is not None and note.has_attr("data-kh-chrome")
    text = " ".join(note.get_text(" ").split())
    assert "không phải nội dung của Kế hoạch" in text
    assert "“Thực hiện cả năm” (Năm 2021) để trống ở cả 3 dòng" in text
    assert "không thể suy ra từ số liệu của biểu" in text
    rows = [[" ".join(td.get_text(" ").split()) for td in tr.find_all(["th", "td"])] for tr in note.select("tbody tr")]
    # PCI, TH 2021/ TH 2020: printed "Tăng 9,3%"; trial with KH 2021: 25 / 27
    assert rows[0][1:4] == ["TH 2021/ TH 2020", "Tăng 9,3%", "25 / 27 = 92,6% (hạng 27 lên 25: lên 2 bậc)"]
    assert "Không khớp với tỉ số 92,6% hay mức thay đổi 7,4%" in rows[0][4]
    assert rows[1][:3] == ["KH 2022/ TH 2021", "Tăng 8,8%", "22 / 25 = 88,0% (hạng 25 lên 22: lên 3 bậc)"]
    assert len(rows) == 6


def test_par_index_spelling_kept(plan_table):
    assert "(Par-Index)" in plan_table.get_text()
    assert "PAR Index" not in visible_text(plan_table)


# /chi-so/ -----------------------------------------------------------------

@pytest.fixture(scope="module")
def chiso(built):
    return built.page("chi-so/")


def test_chi_so_page_in_nav(built):
    home = built.page("")
    links = [a for a in home.select("nav.md-nav a") if a.get_text(strip=True) == "Chỉ số và số liệu"]
    assert links and links[0]["href"].rstrip("/").endswith("chi-so")


def test_index_table_states_part_one_figures(chiso):
    table = chiso.select_one("table#bang-chi-so")
    rows = {tr["id"]: [" ".join(c.get_text(" ").split()) for c in tr.find_all(["th", "td"])]
            for tr in table.select("tbody tr")}
    assert rows["chi-so-par-index"][1:7] == ["81,84/100", "25/63 (tính)", "85,58/100", "13/63",
                                             "tăng 3,74 điểm", "tăng 12 bậc"]
    assert rows["chi-so-sipas"][1:7] == ["89,18%", "09/63", "92,54%", "03/63",
                                         "tăng 3,36 điểm phần trăm (tính)", "tăng 06 bậc"]
    assert rows["chi-so-papi"][1:7] == ["46,04 điểm (tính)", "04/63", "44,32 điểm", "13/63",
                                        "giảm 1,72 điểm", "giảm 09 bậc (tính)"]
    # everything computed is visibly marked
    for span in table.select(".kh-computed"):
        assert "(tính)" in span.get_text()


def test_every_source_link_reaches_the_paragraph(built, chiso):
    links = chiso.select("table.kh-figures a[href]")
    assert len(links) == 3 + 8
    for a in links:
        path, _, anchor = a["href"].partition("#")
        assert path.startswith("../phan-1/ket-qua/"), a["href"]
        target = built.page(path.replace("../", "", 1))
        para = target.find(id=anchor)
        if para is not None and "kh-alias" in para.get("class", []):  # a page's id kept beside the block's address
            para = para.parent
        assert para is not None and para.name == "p", a["href"]
    par = built.page("phan-1/ket-qua/cai-cach-hanh-chinh/").find(id="chi-so-par-index")
    assert "85,58/100" in par.get_text() and "tăng 12 bậc" in par.get_text()


def test_checks_agree_where_both_values_are_stated(chiso):
    # get_text() without a separator: an <abbr> (PAR Index) is part of the sentence's text.
    items = [" ".join(li.get_text().split()) for li in chiso.select("ul.kh-checks-list li")]
    assert "PAR Index: Kế hoạch ghi tăng 3,74 điểm; 85,58 − 81,84 = 3,74, khớp." in items
    assert "SIPAS: Kế hoạch ghi tăng 06 bậc; từ hạng 09 lên hạng 03 là 6 bậc, khớp." in items


def test_other_figures_in_vietnamese_format(chiso):
    text = " ".join(chiso.select_one("table#bang-so-lieu-khac").get_text(" ").split())
    for shown in ("99,0%", "5.003/5.165 đại biểu", "348/350 đại biểu", "156 viên chức y tế", "394 giáo viên, giảng viên", "210 trường hợp"):
        assert shown in text
    assert "Cộng lại: 210, khớp với tổng" in text


def test_chart_is_inline_svg_with_text_alternative(chiso):
    figure = chiso.select_one("figure#bieu-do-thu-hang")
    svg = figure.find("svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.find("title", id=title_id).get_text(strip=True)
    desc = svg.find("desc", id=desc_id).get_text()
    assert "PAR Index: năm 2019 hạng 25 (số do trang web tính), năm 2020 hạng 13." in desc
    assert "PAPI: năm 2019 hạng 04, năm 2020 hạng 13." in desc
    assert figure.find("figcaption").get_text(strip=True)
    assert "http" not in str(svg).replace("http://www.w3.org/2000/svg", "")
    # one filled circle (2020) per index, at the x of its rank
    assert len(svg.select("circle.kh-chart__late")) == 1 + 3


# downloads ----------------------------------------------------------------

def test_csv_has_bom_and_the_table_as_printed(built):
    raw = (built.site / "du-lieu" / "bieu-mau-06.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["STT", "CHỈ TIÊU", "Đơn vị", "Thực hiện 2020"]
    assert rows[0][4:6] == ["Năm 2021 - Kế hoạch", "Năm 2021 - Thực hiện cả năm"]
    body = [r for r in record_table()[2:]]
    assert rows[1:] == body


def test_json_keeps_empty_cells_null(built):
    doc = json.loads((built.site / "du-lieu" / "bieu-mau-06.json").read_text(encoding="utf-8"))
    pci = doc["rows"][0]
    assert pci["values"]["th2021"] is None and pci["unit"] is None
    assert pci["values"]["th2020"] == 27 and pci["values"]["th2021_th2020"] == "Tăng 9,3%"
    figures = json.loads((built.site / "du-lieu" / "chi-so.json").read_text(encoding="utf-8"))
    par = next(i for i in figures["indices"] if i["id"] == "par-index")
    assert par["results"][0] == {"year": 2019, "score": 81.84, "rank": None}
    assert par["computed"] == {"rank_2019": 25}
    raw = (built.site / "du-lieu" / "chi-so.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and "85.58" in raw.decode("utf-8-sig")


def test_numbers_are_written_only_in_data():
    """No figure of the table or of Part I's indices is typed into a page or into code."""
    pages = [PLAN / "docs" / "bieu-mau-06.md", PLAN / "docs" / "chi-so.md"]
    code = list((ROOT / "kehoach").glob("*.py"))
    for path in pages + code:
        text = path.read_text(encoding="utf-8")
        for figure in ("85,58", "85.58", "81,84", "92,54", "89,18", "44,32", "9,3%", "8,8%", "7,7%"):
            assert figure not in text, (path, figure)


def test_data_file_values_are_those_of_the_record():
    data = yaml.safe_load((PLAN / "data" / "indicators.yml").read_text(encoding="utf-8"))
    table = data["tables"][0]
    for row, printed in zip(table["rows"], record_table()[2:]):
        values = [row["number"], row["name"], row["unit"] or ""]
        values += ["" if v is None else str(v) for v in row["values"].values()]
        assert values == printed
    assert re.match(r"^# yaml-language-server: \$schema=\.\./\.\./\.\./schemas/indicators\.schema\.json$",
                    (PLAN / "data" / "indicators.yml").read_text(encoding="utf-8").splitlines()[0])
