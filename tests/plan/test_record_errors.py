"""`mkdocs build` itself holds the plan's pages to record/: one broken copy
built end to end, for what only a build shows (the comparison runs on the
rendered pages at on_env, the build stops with the message, no traceback,
nothing published). Every message of the comparison (added, left out,
removed, repeated words, words drawn from data) is tested as a unit in
tests/plan/test_record_unit.py."""
from __future__ import annotations

from siteutil import broken_copy, build_fails, line_of

PAGE = "docs/phan-1/ket-qua/ton-giao.md"
RECORD = "record/ke-hoach-2022-ban-ky.txt"


def test_a_changed_word_names_the_page_the_line_and_both_words(tmp_path):
    project = broken_copy(tmp_path, (PAGE, "Triển khai nghiên cứu", "Triển khai tìm hiểu"))
    out = build_fails(project, tmp_path)
    line = line_of(project / PAGE, "Triển khai tìm hiểu")
    assert f"{PAGE}, dòng {line} (line {line}):" in out, out
    assert "Cách sửa:" in out and "[EN] Fix:" in out, out
    record_line = line_of(project / RECORD, "Triển khai nghiên cứu")
    assert (f"Chữ của Kế hoạch khác văn bản đã ký ({RECORD}, dòng {record_line}): "
            "văn bản gốc viết «nghiên cứu», trang này viết «tìm hiểu».") in out
    assert "the record says «nghiên cứu», this page says «tìm hiểu»" in out
