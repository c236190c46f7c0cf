"""`mkdocs build` itself holds the plan's pages to record/: a changed, removed
or repeated word stops it, naming the page, its line and the words."""
from __future__ import annotations

from siteutil import broken_copy, build_fails, line_of

PAGE = "docs/phan-1/ket-qua/ton-giao.md"
PARAGRAPH = "Triển khai nghiên cứu Đề tài khoa học cấp tỉnh về lĩnh vực tín ngưỡng;\n"


def _where(out: str, rel: str, line: int) -> None:
    assert f"{rel}, dòng {line} (line {line}):" in out, out
    assert "Cách sửa:" in out and "[EN] Fix:" in out, out


def test_a_changed_word_names_the_page_the_line_and_both_words(tmp_path):
    project = broken_copy(tmp_path, (PAGE, "Triển khai nghiên cứu", "Triển khai tìm hiểu"))
    out = build_fails(project, tmp_path)
    _where(out, PAGE, line_of(project / PAGE, "Triển khai tìm hiểu"))
    assert "văn bản gốc viết «nghiên cứu», trang này viết «tìm hiểu»" in out
    assert "the record says «nghiên cứu», this page says «tìm hiểu»" in out
    assert "record/ke-hoach-2022-ban-ky.txt, dòng" in out


def test_an_added_word(tmp_path):
    project = broken_copy(tmp_path, (PAGE, "lĩnh vực tín ngưỡng;", "lĩnh vực tín ngưỡng mới;"))
    out = build_fails(project, tmp_path)
    _where(out, PAGE, line_of(project / PAGE, "tín ngưỡng mới"))
    assert "Trang có thêm «mới» mà văn bản đã ký không có" in out


def test_a_removed_paragraph_is_named_after_the_one_before_it(tmp_path):
    project = broken_copy(tmp_path, (PAGE, PARAGRAPH, ""))
    out = build_fails(project, tmp_path)
    _where(out, PAGE, line_of(project / PAGE, "Tổ chức triển khai thực hiện Kế hoạch khảo sát"))
    assert "Thiếu chữ của văn bản đã ký" in out and "«Triển khai nghiên cứu Đề tài" in out


def test_a_paragraph_copied_twice(tmp_path):
    project = broken_copy(tmp_path, (PAGE, PARAGRAPH, PARAGRAPH + "\n" + PARAGRAPH))
    out = build_fails(project, tmp_path)
    assert f"{PAGE}, dòng" in out and "đoạn bị chép hai lần?" in out, out


def test_a_word_drawn_from_data_is_blamed_on_the_data_file(tmp_path):
    project = broken_copy(tmp_path, ("data/plan.yml", 'signer_title: "GIÁM ĐỐC"', 'signer_title: "PHÓ GIÁM ĐỐC"'))
    out = build_fails(project, tmp_path)
    _where(out, "data/plan.yml", line_of(project / "data/plan.yml", "PHÓ GIÁM ĐỐC"))
    assert "Trang có thêm «PHÓ»" in out
