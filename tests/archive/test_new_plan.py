"""Adding a plan is adding a folder (issue 22, point 2): `make new-plan ID=<id>`
(tools/new_plan.py) makes plans/<id>/ whose every word of the plan is a
placeholder "<<ĐIỀN: …>>"; the build refuses a placeholder left in a data file,
a page or the plan's mkdocs.yml, naming the file and line and saying what to
fill; filled (here with synthetic text, never published), the plan builds
beside the real one in the archive."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from siteutil import PLAN_ID, ROOT, article, build_fails, copy_project, repo_of, run_build

TOOL = ROOT / "tools" / "new_plan.py"
NEW_ID = "thu-nghiem-2023"  # synthetic: made at test time, never published
_PLACEHOLDER = re.compile(r'"<<ĐIỀN: ([^"\n]*?)>>"|<<ĐIỀN: ([^\n]*?)>>')

# What a clerk would write in place of each placeholder (by the words after
# "ĐIỀN:"): a synthetic plan of a made-up department of a made-up province.
# A placeholder the skeleton gains without an entry here fails the test.
RECORD_FILE = "record/ke-hoach-ban-ky.txt"
FILL: dict[str, object] = {
    # mkdocs.yml
    "tên đầy đủ của Kế hoạch, kèm cơ quan ban hành và tỉnh":
        "Kế hoạch thử nghiệm năm 2023 của Sở Thử nghiệm tỉnh Mẫu",
    "một hoặc hai câu giới thiệu Kế hoạch, hiện trong kết quả tìm kiếm":
        "Kế hoạch thử nghiệm, soạn để kiểm thử kho kế hoạch.",
    "cơ quan ban hành Kế hoạch và tỉnh": "Sở Thử nghiệm tỉnh Mẫu",
    "cơ quan ban hành — tên ngắn của Kế hoạch": "Sở Thử nghiệm tỉnh Mẫu — Kế hoạch thử nghiệm năm 2023",
    "tên tệp tải về, chữ thường không dấu nối bằng gạch ngang": "ke-hoach-2023-so-thu-nghiem",
    # data/plan.yml
    "dòng số, ký hiệu văn bản, ví dụ Số: /KH-...": "Số: 12/KH-STN",
    "địa danh và ngày tháng năm ban hành, dạng Địa danh, ngày ... tháng ... năm ...":
        "Mẫu, ngày 05 tháng 12 năm 2022",
    "tên loại văn bản, viết hoa như bản ký": "KẾ HOẠCH",
    "trích yếu nội dung của Kế hoạch": "Thử nghiệm kho kế hoạch năm 2023",
    "chức vụ người ký": "GIÁM ĐỐC",
    "họ tên người ký": "Người Ký Mẫu",
    "dòng Nơi nhận như bản ký": "Nơi nhận:",
    "một nơi nhận, như bản ký": "Lưu: VT.",
    # data/site.yml
    "tên tỉnh, không có chữ tỉnh": "Mẫu",
    "cơ quan ban hành Kế hoạch, ví dụ Sở ...": "Sở Thử nghiệm",
    "năm mà Kế hoạch dành cho, bốn chữ số, không ngoặc kép": 2023,
    "tệp văn bản đã ký trong record/, ví dụ record/ke-hoach-ban-ky.txt": RECORD_FILE,
    # data/home.yml
    "đoạn giới thiệu: đây là Kế hoạch gì, của cơ quan nào, lập khi nào, ai ký":
        "Đây là một kế hoạch **thử nghiệm**, soạn để kiểm thử kho kế hoạch.",
    "tiêu đề phần thứ nhất của Kế hoạch, đúng như bản ký": "PHẦN I",
    "tiêu đề phần thứ hai của Kế hoạch, đúng như bản ký": "PHẦN II",
    "một câu nói phần thứ nhất có gì": "Kết quả năm 2022.",
    "một câu nói phần thứ hai có gì": "Nhiệm vụ năm 2023.",
    "tên biểu chỉ tiêu đúng như bản ký": "Biểu mẫu số 1",
    "một câu nói biểu chỉ tiêu có gì": "Chỉ số thử nghiệm năm 2022.",
    "tiêu đề khối các con số chính": "Các con số chính",
    "con số, đúng từng chữ như trên trang được dẫn": "80,5 điểm",
    "tên chỉ số, đúng từng chữ như trên trang được dẫn": "chỉ số thử nghiệm",
    "thứ hạng hoặc ghi chú, đúng từng chữ như trên trang được dẫn": "xếp thứ 10/63 tỉnh, thành phố",
    "trang nêu con số, tính từ docs/, ví dụ phan-1/index.md": "phan-1/index.md",
    # data/abbreviations.yml
    "từ viết tắt, đúng như trong văn bản": "UBND",
    "nghĩa đầy đủ; xóa dòng này nếu source là uncertain": "Ủy ban nhân dân",
    "plan, standard hoặc uncertain, không ngoặc kép": "standard",
    # data/register.yml
    "mã cố định: loại, năm, số ký hiệu viết thường không dấu nối bằng gạch ngang": "ke-hoach-7-kh-ubnd",
    "loại văn bản, đúng chữ Kế hoạch dùng trước số hiệu, ví dụ Quyết định": "Kế hoạch",
    "số, ký hiệu đúng như Kế hoạch viết": "7/KH-UBND",
    # data/indicators.yml
    "mã của biểu chỉ tiêu, chữ thường không dấu nối bằng gạch ngang, giống trong data/indicators.yml": "bieu-mau-1",
    "một câu nói bảng có gì, cho người dùng trình đọc màn hình": "Biểu mẫu số 1: chỉ số thử nghiệm năm 2022.",
    "tiêu đề cột số thứ tự, như bản ký": "STT",
    "tiêu đề cột tên chỉ tiêu, như bản ký": "CHỈ TIÊU",
    "tiêu đề cột đơn vị, như bản ký": "Đơn vị",
    "mã cột, chữ thường không dấu và số, ví dụ th2023": "th2022",
    "tiêu đề cột, như bản ký": "Thực hiện 2022",
    "mã dòng, chữ thường không dấu nối bằng gạch ngang": "chi-so",
    "số thứ tự, như bản ký": "1",
    "tên chỉ tiêu, như bản ký": "Chỉ số thử nghiệm",
    "đơn vị như bản ký, hoặc null nếu bản ký để trống": "điểm",
    "rank nếu là thứ hạng, number nếu là số lượng, không ngoặc kép": "number",
    "mã cột ở trên": "th2022",
    "giá trị của ô, hoặc null nếu bản ký để trống": 80.5,
    # data/figures.yml
    "số tỉnh, thành phố được xếp hạng, không ngoặc kép": 63,
    "mã chỉ số, chữ thường không dấu nối bằng gạch ngang": "chi-so-thu-nghiem",
    "tên ngắn của chỉ số như Kế hoạch viết": "Chỉ số thử nghiệm",
    "tên đầy đủ của chỉ số như Kế hoạch viết": "Chỉ số thử nghiệm của tỉnh Mẫu",
    "đơn vị của điểm": "điểm",
    "thang điểm nếu Kế hoạch nêu, hoặc null": None,
    "mã của đoạn văn nêu con số, viết {: #ma-doan } sau đoạn đó trên trang": "chi-so-thu-nghiem",
    "vị trí đọc được, ví dụ Phần I, mục 1": "Phần I",
    "năm của kết quả": 2022,
    "điểm Kế hoạch nêu, hoặc null": 80.5,
    "thứ hạng Kế hoạch nêu, hoặc null": 10,
    "mức tăng điểm Kế hoạch nêu, giảm là số âm, hoặc null": 2.5,
    "số bậc tăng Kế hoạch nêu, giảm là số âm, hoặc null": None,
    # docs/
    "một hoặc hai câu mô tả Kế hoạch cho kết quả tìm kiếm":
        "Kế hoạch thử nghiệm năm 2023 của Sở Thử nghiệm tỉnh Mẫu, soạn để kiểm thử kho kế hoạch.",
    "đoạn mở đầu của Kế hoạch, trước phần thứ nhất, chép đúng như bản đã ký":
        "Thực hiện Kế hoạch số 7/KH-UBND của UBND tỉnh Mẫu, Sở Thử nghiệm xây dựng Kế hoạch năm 2023 như sau:",
    "nội dung phần thứ nhất, chép đúng như bản đã ký; phần dài thì chia thành nhiều trang theo các mục":
        "Năm 2022, chỉ số thử nghiệm của tỉnh đạt 80,5 điểm, xếp thứ 10/63 tỉnh, thành phố, "
        "tăng 2,5 điểm so với năm 2021.\n{: #chi-so-thu-nghiem }",
    "nội dung phần thứ hai, chép đúng như bản đã ký, đến câu kết":
        "Năm 2023, Sở Thử nghiệm tiếp tục thực hiện Kế hoạch số 7/KH-UBND và báo cáo UBND tỉnh./.",
    "những chỗ chưa thống nhất trong bản gốc, mỗi chỗ một dòng: vị trí, nội dung, ghi chú":
        "Chưa ghi nhận chỗ nào.",
}
# The signed text of the synthetic plan, word for word what its pages say.
RECORD = """Số: 12/KH-STN

Mẫu, ngày 05 tháng 12 năm 2022

KẾ HOẠCH
Thử nghiệm kho kế hoạch năm 2023

Thực hiện Kế hoạch số 7/KH-UBND của UBND tỉnh Mẫu, Sở Thử nghiệm xây dựng Kế hoạch năm 2023 như sau:

PHẦN I

Năm 2022, chỉ số thử nghiệm của tỉnh đạt 80,5 điểm, xếp thứ 10/63 tỉnh, thành phố, tăng 2,5 điểm so với năm 2021.

PHẦN II

Năm 2023, Sở Thử nghiệm tiếp tục thực hiện Kế hoạch số 7/KH-UBND và báo cáo UBND tỉnh./.

Nơi nhận:
Lưu: VT.

GIÁM ĐỐC

Người Ký Mẫu

Biểu mẫu số 1

STT CHỈ TIÊU Đơn vị Thực hiện 2022
1 Chỉ số thử nghiệm điểm 80,5
"""


def new_plan(repo: Path, plan_id: str) -> subprocess.CompletedProcess:
    """The command, as `make new-plan ID=<plan_id>` runs it, in the repository (copy) `repo`."""
    return subprocess.run([sys.executable, str(repo / "tools" / "new_plan.py"), plan_id],
                          cwd=repo, capture_output=True, text=True, timeout=60)


def repo_copy(tmp_path: Path) -> Path:
    """A copy of the repository (the real plan, the shared code, the tool): its root."""
    repo = repo_of(copy_project(tmp_path / "repo"))
    (repo / "tools").mkdir()
    shutil.copy2(TOOL, repo / "tools" / "new_plan.py")
    return repo


def fill(folder: Path) -> None:
    """Replace every placeholder of the plan's folder by FILL's value for it: in a
    .yml file a quoted placeholder becomes the YAML value (text, number or null)."""
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix not in {".md", ".yml"}:
            continue

        def value(m: re.Match) -> str:
            hint = m.group(1) if m.group(1) is not None else m.group(2)
            assert hint in FILL, f"{path.relative_to(folder)}: no synthetic value for the placeholder {hint!r}"
            v = FILL[hint]
            if m.group(1) is not None:  # a quoted YAML value
                return "null" if v is None else json.dumps(v, ensure_ascii=False)
            return str(v)

        text = path.read_text(encoding="utf-8")
        path.write_text(_PLACEHOLDER.sub(value, text), encoding="utf-8")
    (folder / RECORD_FILE).write_text(RECORD, encoding="utf-8")


def test_the_command_makes_a_skeleton_of_placeholders_only(tmp_path):
    repo = repo_copy(tmp_path)
    made = new_plan(repo, NEW_ID)
    assert made.returncode == 0, made.stderr
    folder = repo / "plans" / NEW_ID
    assert f"plans/{NEW_ID}/" in made.stdout and "CONTRIBUTING.md" in made.stdout
    pages = sorted(p.relative_to(folder / "docs").as_posix() for p in (folder / "docs").rglob("*.md"))
    assert {"index.md", "tu-viet-tat.md", "van-ban/index.md", "in-toan-van.md"} <= set(pages)
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count("INHERIT: ../../mkdocs-plan.yml") == 1 and "download_name:" in config
    for page in pages:  # every page is in the nav
        assert page in config, page
    index = (folder / "docs" / "index.md").read_text(encoding="utf-8")
    for macro in ("home_intro()", "document_header()", "home_guide()", "download_links()"):
        assert macro in index
    for path in sorted((folder / "data").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../../schemas/{path.stem}.schema.json", path.name
        assert (repo / "schemas" / f"{path.stem}.schema.json").is_file()
        assert "<<ĐIỀN:" in text, f"{path.name} holds no placeholder"
    # Only placeholders: none of the real plan's words, names or numbers.
    every = "\n".join(p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file())
    for word in ("Vũ Mạnh Hùng", "Bắc Giang", "Nội vụ", "SNV", "2022", "2021"):
        assert word not in every, word
    assert len(_PLACEHOLDER.findall(every)) >= 40


@pytest.mark.parametrize("bad", ["Kế-hoạch", "STC-2023", "stc_2023", "stc 2023", "-stc", "stc-", "a" * 61, "../x"])
def test_the_command_refuses_an_id_that_is_not_an_address(tmp_path, bad):
    repo = repo_copy(tmp_path)
    made = new_plan(repo, bad)
    assert made.returncode != 0
    assert "chữ thường không dấu" in made.stderr and "[EN]" in made.stderr
    assert sorted(p.name for p in (repo / "plans").iterdir()) == [PLAN_ID]


def test_the_command_never_overwrites_a_plan(tmp_path):
    repo = repo_copy(tmp_path)
    before = {p: p.read_bytes() for p in (repo / "plans" / PLAN_ID).rglob("*") if p.is_file()}
    made = new_plan(repo, PLAN_ID)
    assert made.returncode != 0 and f"plans/{PLAN_ID}" in made.stderr and "không ghi đè" in made.stderr
    assert {p: p.read_bytes() for p in (repo / "plans" / PLAN_ID).rglob("*") if p.is_file()} == before
    assert new_plan(repo, NEW_ID).returncode == 0
    mine = repo / "plans" / NEW_ID / "data" / "plan.yml"
    mine.write_text("# mine\n", encoding="utf-8")
    again = new_plan(repo, NEW_ID)
    assert again.returncode != 0 and mine.read_text(encoding="utf-8") == "# mine\n"


def _placeholder_named(out: str, folder: Path, prefix: str = "") -> tuple[str, int]:
    """The file and line the message names; the line holds a placeholder."""
    m = re.search(r"^ERROR\s+-\s+(?:\[[^\]]*\]\s*)?(\S+), dòng (\d+) \(line \d+\):", out, re.M)
    assert m, out
    rel, line = m.group(1), int(m.group(2))
    assert rel.startswith(prefix), out
    text = (folder / rel.removeprefix(prefix)).read_text(encoding="utf-8")
    assert "<<ĐIỀN:" in text.splitlines()[line - 1], (rel, line, out)
    return rel, line


def _says_what_to_fill(out: str) -> None:
    vi, en = out.index("Còn một chỗ chưa điền"), out.index("[EN] A placeholder is left unfilled")
    assert vi < en  # Vietnamese, then English
    assert "Cách sửa: thay cả cụm <<ĐIỀN: …>> bằng: " in out and "Thêm một kế hoạch mới" in out


def test_the_skeleton_does_not_build_and_the_message_names_the_first_placeholder(tmp_path):
    repo = repo_copy(tmp_path)
    assert new_plan(repo, NEW_ID).returncode == 0
    folder = repo / "plans" / NEW_ID
    # Alone: the plan's own build.
    out = build_fails(folder, tmp_path / "alone")
    rel, _ = _placeholder_named(out, folder)
    _says_what_to_fill(out)
    # In the archive: the first file the archive reads of the plan, named from the repository's root.
    out = build_fails(repo, tmp_path / "archive")
    rel, _ = _placeholder_named(out, folder, prefix=f"plans/{NEW_ID}/")
    _says_what_to_fill(out)


@pytest.mark.parametrize("rel, hint", [
    ("mkdocs.yml", "tên đầy đủ của Kế hoạch, kèm cơ quan ban hành và tỉnh"),
    ("data/figures.yml", "năm của kết quả"),
    ("docs/index.md", "một hoặc hai câu mô tả Kế hoạch cho kết quả tìm kiếm"),  # front matter
    ("docs/phan-2/index.md", "nội dung phần thứ hai, chép đúng như bản đã ký, đến câu kết"),
    ("docs/ve-trang-nay/ghi-chu-van-ban.md",
     "những chỗ chưa thống nhất trong bản gốc, mỗi chỗ một dòng: vị trí, nội dung, ghi chú"),
])
def test_one_placeholder_left_anywhere_stops_the_build_at_its_line(tmp_path, rel, hint):
    repo = repo_copy(tmp_path)
    assert new_plan(repo, NEW_ID).returncode == 0
    folder = repo / "plans" / NEW_ID
    kept = (folder / rel).read_text(encoding="utf-8")
    fill(folder)
    (folder / rel).write_text(kept, encoding="utf-8")  # this file as the command wrote it
    if rel != "mkdocs.yml":  # only the one placeholder left in it
        text = kept
        for other, value in FILL.items():
            if other != hint:
                text = text.replace(f'"<<ĐIỀN: {other}>>"', "null" if value is None else json.dumps(value, ensure_ascii=False))
                text = text.replace(f"<<ĐIỀN: {other}>>", str(value))
        (folder / rel).write_text(text, encoding="utf-8")
    out = build_fails(folder, tmp_path)
    named, line = _placeholder_named(out, folder)
    assert named == rel and hint in (folder / rel).read_text(encoding="utf-8").splitlines()[line - 1]
    _says_what_to_fill(out)
    assert f"bằng: {hint}" in out


def test_the_plan_filled_with_synthetic_text_builds_beside_the_real_one(tmp_path):
    """The issue's "a second plan folder made by the command and filled with
    synthetic text builds beside it": `mkdocs build --strict` at the root."""
    repo = repo_copy(tmp_path)
    assert new_plan(repo, NEW_ID).returncode == 0
    folder = repo / "plans" / NEW_ID
    fill(folder)
    result = run_build(repo, tmp_path / "site", downloads=False)
    assert result.returncode == 0, result.output
    home = result.page("")
    items = article(home).select("li.kh-archive__plan")
    assert [i.select_one(".kh-archive__title a")["href"] for i in items] == [f"{NEW_ID}/", f"{PLAN_ID}/"]  # newest first
    assert items[0]["data-department"] == "Sở Thử nghiệm" and items[0]["data-year"] == "2023"
    page = result.page(f"{NEW_ID}/phan-1/")
    assert "80,5 điểm" in article(page).get_text()
    assert (result.site / NEW_ID / "van-ban" / "ke-hoach-7-kh-ubnd" / "index.html").is_file()
    assert (result.site / PLAN_ID / "phan-1" / "ket-qua" / "ton-giao" / "index.html").is_file()
