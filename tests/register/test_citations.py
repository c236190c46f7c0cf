"""The citation recognizer, on every form of citation that occurs in the plan."""
from __future__ import annotations

import pytest

from kehoach.core.data import Project
from kehoach.register import citations
from kehoach.register import model as register_mod
from siteutil import PLAN, ROOT

NAMES = ["Luật Tổ chức chính quyền địa phương", "Luật Lưu trữ", "Luật Tín ngưỡng, tôn giáo",
         "Quyết định 274", "Nghị quyết TW 6 khóa XII"]
EXCLUSIONS = ["Hồ sơ xây dựng Luật Lưu trữ sửa đổi"]


def cites(text):
    found, unknown = citations.find(text, NAMES, EXCLUSIONS)
    for c in found:  # positions are exact: the link will wrap exactly these characters
        assert text[c.start:c.end] == c.text
    return [(c.kind, c.number or c.name, c.date, c.text) for c in found], [u.text for u in unknown]


@pytest.mark.parametrize("text, expected", [
    # kind + "số" + number/symbol, no date
    ("theo Nghị định số 107/2020/NĐ-CP; Nghị định", [("Nghị định", "107/2020/NĐ-CP", None, "Nghị định số 107/2020/NĐ-CP")]),
    # with "ngày dd/mm/yyyy"
    ("ban hành Quyết định số 16/2021/QĐ-UBND ngày 18/5/2021 quy định",
     [("Quyết định", "16/2021/QĐ-UBND", "2021-05-18", "Quyết định số 16/2021/QĐ-UBND ngày 18/5/2021")]),
    ("Kế hoạch số 402/KH-UBND ngày 21/8/2021 về cải cách",
     [("Kế hoạch", "402/KH-UBND", "2021-08-21", "Kế hoạch số 402/KH-UBND ngày 21/8/2021")]),
    ("Quyết định số 1427/QĐ-UBND ngày 9/7/2021 về việc",
     [("Quyết định", "1427/QĐ-UBND", "2021-07-09", "Quyết định số 1427/QĐ-UBND ngày 9/7/2021")]),
    # with "ngày d tháng m năm yyyy"
    ("Chỉ thị số 20/CT-TTg ngày 23 tháng 7 năm 2021 của Thủ tướng Chính phủ",
     [("Chỉ thị", "20/CT-TTg", "2021-07-23", "Chỉ thị số 20/CT-TTg ngày 23 tháng 7 năm 2021")]),
    # without "số"
    ("theo Thông tư 03/2018/TT-BNV ngày 06/3/2018 của Bộ Nội vụ",
     [("Thông tư", "03/2018/TT-BNV", "2018-03-06", "Thông tư 03/2018/TT-BNV ngày 06/3/2018")]),
    # Party and joint symbols
    ("Kết luận số 71-KL/TW ngày 24/3/2020 của Ban Bí thư",
     [("Kết luận", "71-KL/TW", "2020-03-24", "Kết luận số 71-KL/TW ngày 24/3/2020")]),
    ("Chỉ thị số 16/CT-TTg và Chương trình phối hợp số 79-CTr/BDVTW;",
     [("Chỉ thị", "16/CT-TTg", None, "Chỉ thị số 16/CT-TTg"),
      ("Chương trình phối hợp", "79-CTr/BDVTW", None, "Chương trình phối hợp số 79-CTr/BDVTW")]),
    ("Hướng dẫn số 07/HD-HĐTĐKT ngày 29/01/2021 tổ chức",
     [("Hướng dẫn", "07/HD-HĐTĐKT", "2021-01-29", "Hướng dẫn số 07/HD-HĐTĐKT ngày 29/01/2021")]),
    ("Công văn số 5797/UBND-TH ngày 03/11/2021 của Chủ tịch",
     [("Công văn", "5797/UBND-TH", "2021-11-03", "Công văn số 5797/UBND-TH ngày 03/11/2021")]),
    ("Nghị quyết số 45/2019/NQ-HĐND của HĐND tỉnh.",
     [("Nghị quyết", "45/2019/NQ-HĐND", None, "Nghị quyết số 45/2019/NQ-HĐND")]),
    # a list sharing one kind word: each number is its own citation
    ("theo tinh thần Nghị quyết số 18-NQ/TW, số 19-NQ/TW của Hội nghị",
     [("Nghị quyết", "18-NQ/TW", None, "Nghị quyết số 18-NQ/TW"),
      ("Nghị quyết", "19-NQ/TW", None, "số 19-NQ/TW")]),
    # cited by name, or by a number without symbol
    ("theo quy định của Luật Tổ chức chính quyền địa phương.",
     [("Luật", "Luật Tổ chức chính quyền địa phương", None, "Luật Tổ chức chính quyền địa phương")]),
    ("phổ biến Luật Tín ngưỡng, tôn giáo và các chủ trương",
     [("Luật", "Luật Tín ngưỡng, tôn giáo", None, "Luật Tín ngưỡng, tôn giáo")]),
    ("tuyên truyền Luật Lưu trữ và các văn bản dưới luật",
     [("Luật", "Luật Lưu trữ", None, "Luật Lưu trữ")]),
    ("năm 2020 theo Quyết định 274 của UBND tỉnh;",
     [("Quyết định", "Quyết định 274", None, "Quyết định 274")]),
    ("theo Nghị quyết TW 6 khóa XII, về tổ chức",
     [("Nghị quyết", "Nghị quyết TW 6 khóa XII", None, "Nghị quyết TW 6 khóa XII")]),
    # broken by the original's page breaks
    ("Chính Phủ; Quyết định số\n\n3373/QĐ-SNV ngày 12/7/2021 của Giám đốc",
     [("Quyết định", "3373/QĐ-SNV", "2021-07-12", "Quyết định số\n\n3373/QĐ-SNV ngày 12/7/2021")]),
    ("dôi dư theo Nghị\n\nđịnh số 108/2014/NĐ-CP, Nghị định số 113/2018/NĐ-CP",
     [("Nghị định", "108/2014/NĐ-CP", None, "Nghị\n\nđịnh số 108/2014/NĐ-CP"),
      ("Nghị định", "113/2018/NĐ-CP", None, "Nghị định số 113/2018/NĐ-CP")]),
    ("Chỉ thị số 20/CT-TTg ngày 23 tháng\n7 năm 2021 của",
     [("Chỉ thị", "20/CT-TTg", "2021-07-23", "Chỉ thị số 20/CT-TTg ngày 23 tháng\n7 năm 2021")]),
    # a draft that replaces a decision cites the decision it replaces, and only that
    ("dự thảo Quyết định thay thế Quyết định số 27/2015/QĐ-UBND ngày 22/01/2015 của",
     [("Quyết định", "27/2015/QĐ-UBND", "2015-01-22", "Quyết định số 27/2015/QĐ-UBND ngày 22/01/2015")]),
])
def test_citation_forms(text, expected):
    found, unknown = cites(text)
    assert found == expected
    assert unknown == []


@pytest.mark.parametrize("text", [
    "Trình UBND tỉnh ban hành các Quyết định về việc sắp xếp",
    "thực hiện Kế hoạch cải cách hành chính năm 2022.",
    "xây dựng Kế hoạch biên chế HCSN năm 2022 gửi Bộ Nội vụ",
    "Dự thảo Thông tư quy định về tiêu chuẩn, điều kiện",
    "Chỉ tiêu\tKế hoạch 2022\tSo sánh (%)",  # a table heading: 2022 is a year
    "góp ý: Hồ sơ xây dựng Luật Lưu trữ sửa đổi; Dự thảo",  # excluded: a draft law
    "Kế hoạch này quán triệt đến toàn thể công chức",
])
def test_not_citations(text):
    assert cites(text) == ([], [])


@pytest.mark.parametrize("text, candidate", [
    ("theo Luật Đất đai năm 2013.", "Luật Đất đai"),
    ("phổ biến Luật Báo chí và các văn bản", "Luật Báo chí"),
    ("theo Quyết định 275 của UBND tỉnh", "Quyết định 275"),
])
def test_candidates_without_a_name_are_reported(text, candidate):
    found, unknown = cites(text)
    assert found == [] and unknown == [candidate]


def _keys(text, reg):
    found, unknown = citations.find(text, reg.names, reg.exclusions)
    assert unknown == []
    return {c.key for c in found}


def test_signed_text_cites_exactly_the_register():
    """Every citation of the signed text (page breaks and all) is in the register, and back."""
    reg = register_mod.load(Project.at(PLAN))
    record = (PLAN / "record" / "ke-hoach-2022-ban-ky.txt").read_text(encoding="utf-8")
    register_keys = {(e.kind, e.number) if e.number else ("", e.name) for e in reg.entries}
    assert _keys(record, reg) == register_keys


def test_signed_text_dates_agree_with_the_register():
    reg = register_mod.load(Project.at(PLAN))
    record = (PLAN / "record" / "ke-hoach-2022-ban-ky.txt").read_text(encoding="utf-8")
    found, _ = citations.find(record, reg.names, reg.exclusions)
    for c in found:
        if c.date:
            assert reg.lookup(c).date == c.date, c.text
    dated = {reg.lookup(c).id for c in found if c.date}
    assert {e.id for e in reg.entries if e.date} == dated
