"""Every bad input stops the build with one clear message (Vietnamese and
English, file and line, what to do) and never a Python traceback.

The wording of each message is tested as a unit: the check that raises it is
called on the broken input (tests/errorunit.py). One broken copy per mechanism
is still built end to end (`build_fails`), for what only a build shows: the
build stops, prints the message with its file and line, no traceback, and
leaves no site behind.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import siteutil
from errorunit import Config, assert_where, data_copy, data_message, message, project_data, site_macros
from kehoach.checks import files, templates
from kehoach.exports import names
from kehoach.plan import footnotes
from kehoach.register import model as register_model
from siteutil import PLAN, repo_of, ROOT, copy_project, edit, line_of, run_build


def build_fails(project: Path, tmp_path: Path) -> str:
    """Build the broken copy; return the output after checking the general promises."""
    out = siteutil.build_fails(project, tmp_path)
    assert "Aborted with a BuildError!" in out, out
    assert "Cách sửa:" in out and "[EN] Fix:" in out, out
    return out


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


# --- data files ------------------------------------------------------------

def test_yaml_syntax_error(project, tmp_path):
    edit(project, "data/plan.yml", 'signer_title: "GIÁM ĐỐC"', 'signer_title: "GIÁM ĐỐC"\n  - lạc dòng')
    out = build_fails(project, tmp_path)
    assert_where(out, "data/plan.yml", line_of(project / "data/plan.yml", "  - lạc dòng"))
    assert "Lỗi cú pháp YAML" in out and "YAML syntax error" in out


def test_wrong_type(project, tmp_path):
    edit(project, "data/plan.yml", 'signer_name: "Vũ Mạnh Hùng"', "signer_name: 12")
    out = build_fails(project, tmp_path)
    assert_where(out, "data/plan.yml", line_of(project / "data/plan.yml", "signer_name: 12"))
    assert "Trường signer_name có kiểu sai" in out and "wrong type" in out


def test_missing_required_field(tmp_path):
    project = data_copy(tmp_path, ("data/plan.yml", 'signer_name: "Vũ Mạnh Hùng"\n', ""))
    out = data_message(project, "plan")
    assert re.search(r"data/plan\.yml, dòng \d+ \(line \d+\):", out), out
    assert "Thiếu trường bắt buộc 'signer_name'" in out
    assert "Required field 'signer_name' is missing" in out


def test_duplicate_key_in_data_file(tmp_path):
    project = data_copy(tmp_path, ("data/plan.yml", 'kind: "KẾ HOẠCH"', 'kind: "KẾ HOẠCH"\nkind: "KẾ HOẠCH"'))
    out = data_message(project, "plan")
    assert_where(out, "data/plan.yml", line_of(project / "data/plan.yml", 'kind: "KẾ HOẠCH"') + 1)
    assert "duplicate key 'kind'" in out


def test_duplicate_id(tmp_path):
    project = data_copy(tmp_path)
    # Any schema can declare that a list's items have unique ids; the build
    # checks it for every file under data/ (see kehoach/core/data.py).
    (repo_of(project) / "schemas" / "thu-nghiem.schema.json").write_text(
        '{"type": "object", "properties": {"items": {"type": "array", "x-unique-key": "id",'
        ' "items": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}}}}',
        encoding="utf-8",
    )
    (project / "data" / "thu-nghiem.yml").write_text(
        "# yaml-language-server: $schema=../../../schemas/thu-nghiem.schema.json\n"
        "items:\n  - id: a\n  - id: b\n  - id: a\n",
        encoding="utf-8",
    )
    out = data_message(project, "thu-nghiem")
    assert_where(out, "data/thu-nghiem.yml", 5)
    assert "Mã 'a' bị trùng" in out and "Duplicate id 'a'" in out


def test_data_file_without_schema(tmp_path):
    project = data_copy(tmp_path)
    (project / "data" / "moi.yml").write_text("a: 1\n", encoding="utf-8")
    out = data_message(project)
    assert_where(out, "data/moi.yml", 1)
    assert "schemas/moi.schema.json" in out



def test_date_that_does_not_exist(tmp_path):
    project = data_copy(tmp_path, ("data/register.yml", 'date: "2021-08-21"', 'date: "2021-02-30"'))
    out = message(register_model.load, project_data(project))
    assert_where(out, "data/register.yml", line_of(project / "data/register.yml", 'date: "2021-02-30"'))
    assert "không có thật trên lịch" in out


# An unknown legal citation: tests/register/test_register_errors.py (test_unknown_citation).


def test_data_file_not_saved_as_utf8(tmp_path):
    project = data_copy(tmp_path)
    path = project / "data" / "plan.yml"
    path.write_bytes(path.read_bytes().replace("GIÁM ĐỐC".encode("utf-8"), "GIÁM".encode("cp1258") + b" DOC"))
    out = data_message(project, "plan")
    raw = path.read_bytes()
    assert_where(out, "data/plan.yml", line_of(raw.decode("latin-1"), "signer_title"))
    assert "không được lưu bằng bảng mã UTF-8" in out


# --- pages -----------------------------------------------------------------

def test_page_not_saved_as_utf8():
    text = (PLAN / "docs" / "ve-trang-nay" / "ghi-chu-van-ban.md").read_text(encoding="utf-8")
    raw = text.encode("utf-8").replace("Ghi chú".encode("utf-8"), "Ghi chú".encode("cp1258"), 1)
    out = message(files.check_page, "docs/ve-trang-nay/ghi-chu-van-ban.md", raw)
    assert_where(out, "docs/ve-trang-nay/ghi-chu-van-ban.md", 1)
    assert "không được lưu bằng bảng mã UTF-8" in out


def test_page_front_matter_yaml_error(project, tmp_path):
    edit(project, "docs/index.md", "title: Trang chủ", "title: [Trang chủ")
    out = build_fails(project, tmp_path)
    assert_where(out, "docs/index.md", 2)
    assert "Phần thông tin đầu trang (giữa hai dòng ---) có lỗi cú pháp YAML" in out

# --- footnotes -------------------------------------------------------------

FOOTNOTE_PAGE = "docs/phan-1/ket-qua/cai-cach-hanh-chinh.md"


def test_footnote_reference_without_text(project, tmp_path):
    text = (project / FOOTNOTE_PAGE).read_text(encoding="utf-8")
    definition = next(l for l in text.splitlines() if l.startswith("[^4]:"))
    edit(project, FOOTNOTE_PAGE, definition + "\n", "")
    out = build_fails(project, tmp_path)
    assert_where(out, FOOTNOTE_PAGE, line_of(project / FOOTNOTE_PAGE, "[^4]"))
    assert "Chỗ dẫn chú thích [^4] không có nội dung" in out
    assert "Footnote reference [^4] has no footnote text" in out


def test_footnote_text_never_referenced():
    text = (PLAN / FOOTNOTE_PAGE).read_text(encoding="utf-8")
    assert "năm 2021[^4]." in text
    text = text.replace("năm 2021[^4].", "năm 2021.", 1)
    out = message(footnotes.check_page, FOOTNOTE_PAGE, text, text, {})
    assert_where(out, FOOTNOTE_PAGE, line_of(text, "[^4]:"))
    assert "Chú thích [^4] có nội dung nhưng không được dẫn" in out
    assert "never referenced" in out


# --- links -----------------------------------------------------------------
# One build per mechanism (MkDocs' warning for a missing page; the anchors it
# collected); every message and case: tests/checks/test_links_unit.py.

LINK_PAGE = "docs/ve-trang-nay/ghi-chu-van-ban.md"


def add_line(project: Path, rel: str, line: str) -> int:
    path = project / rel
    text = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + line + "\n"
    path.write_text(text, encoding="utf-8")
    return text.count("\n")


def test_link_to_missing_page(project, tmp_path):
    line = add_line(project, LINK_PAGE, "Xem [mục tôn giáo](../phan-1/ket-qua/ton-giao-cu.md).")
    out = build_fails(project, tmp_path)
    assert_where(out, LINK_PAGE, line)
    assert "Liên kết '../phan-1/ket-qua/ton-giao-cu.md' trỏ tới một trang hoặc tệp không có" in out
    assert "WARNING" not in out, "MkDocs' own line-less warning should be replaced by ours"


def test_link_to_missing_anchor(project, tmp_path):
    line = add_line(project, LINK_PAGE, "Xem [mục tôn giáo](../phan-1/ket-qua/ton-giao.md#khong-co-muc-nay).")
    out = build_fails(project, tmp_path)
    assert_where(out, LINK_PAGE, line)
    assert "trỏ tới mục '#khong-co-muc-nay' nhưng trang docs/phan-1/ket-qua/ton-giao.md không có" in out
    assert "has no heading or element with that id" in out


# --- macros ----------------------------------------------------------------

def test_macro_called_with_wrong_argument(project, tmp_path):
    edit(project, "docs/phan-2/to-chuc-thuc-hien.md", "{{ signature_block() }}", '{{ signature_block("Giám đốc") }}')
    out = build_fails(project, tmp_path)
    assert_where(out, "docs/phan-2/to-chuc-thuc-hien.md",
                 line_of(project / "docs/phan-2/to-chuc-thuc-hien.md", "{{ signature_block("))
    assert "Macro 'signature_block' được gọi với tham số sai" in out
    assert "Cách gọi đúng: {{ signature_block() }}" in out
    assert "was called with wrong arguments" in out


def guard_message(rel: str, text: str) -> str:
    """What the Jinja guard (kehoach/checks/templates.py) says of a page's text."""
    refusal = templates.check(text, site_macros())
    assert refusal is not None, "the guard let the page through"

    def render():  # as the guarded render does: the page's text is its whole source here
        raise templates.refuse(rel, text, text, refusal)
    return message(render)


def page_edited(rel: str, old: str, new: str) -> str:
    text = (PLAN / rel).read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}: the test no longer matches the file"
    return text.replace(old, new, 1)


def with_line(rel: str, line: str) -> tuple[str, int]:
    """`add_line` on the repository's page, in memory."""
    text = (PLAN / rel).read_text(encoding="utf-8").rstrip("\n") + "\n\n" + line + "\n"
    return text, text.count("\n")


def test_unknown_macro():
    text = page_edited("docs/index.md", "{{ document_header() }}", "{{ document_heading() }}")
    out = guard_message("docs/index.md", text)
    assert_where(out, "docs/index.md", line_of(text, "{{ document_heading() }}"))
    assert "Không có macro hay biến nào tên 'document_heading'" in out
    assert "document_header" in out, "the message lists the macros that exist"


def test_unknown_variable():
    text, line = with_line(LINK_PAGE, "Năm {{ nam_ke_hoach }}.")
    out = guard_message(LINK_PAGE, text)
    assert_where(out, LINK_PAGE, line)
    assert "Trang không được đọc biến 'nam_ke_hoach' ({{ nam_ke_hoach }})" in out
    assert "Cách sửa: chỉ viết lời gọi macro của trang web" in out


def test_macro_syntax_error():
    text = page_edited("docs/index.md", "{{ document_header() }}", "{{ document_header( }}")
    out = guard_message("docs/index.md", text)
    assert_where(out, "docs/index.md", line_of(text, "{{ document_header( }}"))
    assert "Lỗi cú pháp khi gọi macro" in out and "Macro syntax error" in out


# --- nothing half-made -----------------------------------------------------

def test_failed_build_publishes_nothing(project, tmp_path):
    # A page left out of the nav is only a warning, found after every page was
    # written; strict mode then aborts, and the half-made site must go.
    (project / "docs" / "ve-trang-nay" / "trang-moi.md").write_text("# Trang mới {: #trang-moi }\n", encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "cu.html").write_text("bản cũ", encoding="utf-8")
    result = run_build(project, site)
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output
    assert "trang-moi.md" in result.output
    assert not site.exists(), "the half-written site is still there"
    assert "Đã xóa thư mục" in result.output


def test_schema_with_a_json_error(tmp_path):
    project = data_copy(tmp_path, ("schemas/plan.schema.json", '"type": "object",', '"type": "object"'))
    out = data_message(project, "plan")
    assert_where(out, "schemas/plan.schema.json", line_of(repo_of(project) / "schemas/plan.schema.json", '"type": "object"') + 1)
    assert "Lỗi cú pháp JSON" in out


def test_download_name_with_spaces_or_accents(tmp_path):
    project = copy_project(tmp_path / "project", ["mkdocs.yml"])
    edit(project, "mkdocs.yml", "download_name: ke-hoach-2022-so-noi-vu-bac-giang", "download_name: Kế hoạch 2022")
    config = Config(project, extra={"download_name": "Kế hoạch 2022"})
    out = message(names.name, config)
    assert_where(out, "mkdocs.yml", line_of(project / "mkdocs.yml", "download_name:"))
    assert "extra.download_name" in out and "'Kế hoạch 2022'" in out
