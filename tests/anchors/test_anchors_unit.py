"""Paragraph addresses on small trees: the scheme, the aliases, the copy control (no build)."""
from __future__ import annotations

import pytest

from kehoach.anchors import html as anchors
from kehoach.anchors import scheme
from kehoach.core import htmltree


@pytest.mark.parametrize("heading, part", [
    ("PHẦN I", (scheme.PHAN, "phan-1")),
    ("Phần II. Kế hoạch năm 2022", (scheme.PHAN, "phan-2")),
    ("PHẦN 3", (scheme.PHAN, "phan-3")),
    ("I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ PHÁT TRIỂN KT-XH", (scheme.MUC, "muc-i")),
    ("III. TỔ CHỨC THỰC HIỆN", (scheme.MUC, "muc-iii")),
    ("XIV. Khác", (scheme.MUC, "muc-xiv")),
    ("4. Công tác cải cách hành chính", (scheme.DIEM, "diem-4")),
    ("10. Các nhiệm vụ công tác khác", (scheme.DIEM, "diem-10")),
    ("b) Công chức", (scheme.TIET, "tiet-b")),
    ("đ) Viên chức", (scheme.TIET, "tiet-dd")),
    ("KẾ HOẠCH", None),
    ("Biểu mẫu số 06", None),
    ("IIII. Not a numeral", None),
    ("PHẦN IIII", None),
    ("2022. Năm", None),  # four digits: a year, not a point
    ("Phầnmềm I.", None),
])
def test_heading_numbers_make_units(heading, part):
    assert scheme.unit_part(heading) == part


def test_roman_numerals():
    assert [scheme.roman(v) for v in ("I", "IV", "IX", "XL", "MCMXCIX", "iii")] == [1, 4, 9, 40, 1999, 3]
    assert scheme.roman("IIII") is None and scheme.roman("") is None and scheme.roman("IC") is None


def test_nav_sections_open_units_and_a_lower_rank_closes_nothing_above():
    assert scheme.trail(["PHẦN I", "I. Kết quả thực hiện năm 2021"]) == ((0, "phan-1"), (1, "muc-i"))
    assert scheme.trail(["Về trang này"]) == ()
    path = scheme.trail(["PHẦN II", "II. Nội dung"])
    path = scheme.enter(scheme.enter(path, (scheme.DIEM, "diem-3")), (scheme.MUC, "muc-iii"))
    assert scheme.unit_id(path) == "phan-2-muc-iii"
    assert scheme.unit_id(()) == "mo-dau"


PAGE = """
<h1 id="muc-dich-yeu-cau">I. MỤC ĐÍCH, YÊU CẦU</h1>
<p>Mở.</p>
<h2 id="muc-dich">1. Mục đích</h2>
<ul><li><p>Một.</p></li><li><p>Hai.</p><ul><li>Hai a.</li></ul></li></ul>
<p id="so-lieu">Có tên.</p>
<div data-kh-chrome><p>Trang web nói.</p><h2 id="ghi-chu">Ghi chú</h2></div>
<h2 id="yeu-cau">2. Yêu cầu</h2>
<p>Ba<sup id="fnref:7"><a class="footnote-ref" href="#fn:7">7</a></sup>.</p>
<div class="kh-table-scroll"><table id="bang-x"><caption>Bảng X</caption><tr><td><p>ô</p></td></tr></table></div>
<div class="footnote"><ol><li id="fn:7"><p>Chú thích. <a class="footnote-backref" href="#fnref:7">↩</a></p></li></ol></div>
"""


def _assigned(html=PAGE, titles=("PHẦN II",)):
    root = htmltree.parse(html)
    blocks = anchors.assign(root, list(titles))
    return root, blocks


def _by_id(root, value):
    return next(el for el in htmltree.elements(root) if el.get("id") == value)


def test_every_block_is_named_by_its_units_and_place():
    root, blocks = _assigned()
    assert [(b.id, b.kind, htmltree.spaced_text(b.element)) for b in blocks] == [
        ("phan-2-muc-i-doan-1", "doan", "Mở."),
        ("phan-2-muc-i-diem-1-doan-1", "doan", "Một."),
        ("phan-2-muc-i-diem-1-doan-2", "doan", "Hai. Hai a."),
        ("phan-2-muc-i-diem-1-doan-3", "doan", "Hai a."),  # an item in an item is a block of its own
        ("phan-2-muc-i-diem-1-doan-4", "doan", "Có tên."),  # a named paragraph is counted too
        ("phan-2-muc-i-diem-2-doan-1", "doan", "Ba 7 ."),
        ("phan-2-muc-i-diem-2-bang-1", "bang", "Bảng X ô"),
        ("fn:7", "chu-thich", "Chú thích. ↩"),
    ]
    assert [b.element.get("id") for b in blocks] == [b.id for b in blocks]
    assert blocks[-1].number == "7" and blocks[2].unit == "phan-2-muc-i-diem-1"
    # Chrome is no block, and its heading opens no unit.
    assert _by_id(root, "ghi-chu").getparent().get("data-kh-chrome") is not None
    assert "Trang web nói." not in " ".join(b.element.text_content() for b in blocks)
    # The cell's paragraph is part of the table.
    assert not any(b.element.tag == "p" and b.element.getparent().tag == "td" for b in blocks)


def test_address_changes_nothing_and_agrees_with_assign():
    root = htmltree.parse(PAGE)
    before = htmltree.serialize(root)
    listed, units = anchors.address(root, ["PHẦN II"])
    assert htmltree.serialize(root) == before
    assert [u for _, u in units] == ["phan-2-muc-i", "phan-2-muc-i-diem-1", "phan-2-muc-i-diem-2"]
    _, blocks = _assigned()
    assert [b.id for b in listed] == [b.id for b in blocks]


def test_old_ids_become_aliases_just_inside_or_before_their_block():
    root, _ = _assigned()
    # The linker's old ids: "<heading id>-doan-<n>" for each p and li without an id.
    alias = _by_id(root, "muc-dich-yeu-cau-doan-1")
    assert alias.tag == "span" and alias.get("class") == "kh-alias" and alias.getparent().get("id") == "phan-2-muc-i-doan-1"
    assert alias.getparent().index(alias) == 0 and alias.tail == "Mở."
    # A list item's old id is inside it; its paragraph keeps the id it had.
    assert _by_id(root, "muc-dich-doan-1").getparent().get("id") == "phan-2-muc-i-diem-1-doan-1"
    assert _by_id(root, "muc-dich-doan-2").tag == "p"
    # The page's own id on a block: an alias too.
    assert _by_id(root, "so-lieu").getparent().get("id") == "phan-2-muc-i-diem-1-doan-4"
    # A table's: its previous sibling.
    assert _by_id(root, "bang-x").getnext().get("id") == "phan-2-muc-i-diem-2-bang-1"
    # The old count skipped named paragraphs: its ids still point at the same words.
    assert _by_id(root, "yeu-cau-doan-1").getparent().text_content().startswith("Ba")
    # A numbered heading carries its unit's id.
    assert _by_id(root, "phan-2-muc-i-diem-2").getparent().get("id") == "yeu-cau"
    ids = [el.get("id") for el in htmltree.elements(root) if el.get("id")]
    assert len(ids) == len(set(ids))


def test_a_legacy_id_equal_to_the_new_one_makes_no_alias():
    root, blocks = _assigned('<h1 id="phan-1">PHẦN I</h1><p>a</p>', ())
    assert blocks[0].id == "phan-1-doan-1"
    assert root.find(".//span") is None


def test_an_unnumbered_heading_names_a_unit_and_blocks_before_any_heading_are_in_mo_dau():
    _, blocks = _assigned('<p>Số</p><h1 id="ke-hoach">KẾ HOẠCH</h1><p>Thực hiện</p>', ())
    assert [b.id for b in blocks] == ["mo-dau-doan-1", "ke-hoach-doan-1"]
    _, blocks = _assigned('<h2 id="x">1. A</h2><h3 id="ghi">Ghi chú</h3><p>a</p><h3 id="b2">2. B</h3><p>b</p>', ())
    assert [b.id for b in blocks] == ["diem-1-ghi-doan-1", "diem-2-doan-1"]


def test_a_page_id_that_is_an_address_stops_with_the_id():
    with pytest.raises(anchors.AnchorError) as caught:
        _assigned('<h2 id="diem-1-doan-1">1. A</h2><p>a</p>', ())
    assert caught.value.value == "diem-1-doan-1"
    assert "địa chỉ của một đoạn" in caught.value.vi


def test_a_heading_id_with_forbidden_characters_names_no_unit():
    _, blocks = _assigned('<h2 id="a&quot;b">Ghi</h2><p>a</p>', ())
    assert [b.id for b in blocks] == ["mo-dau-doan-1"]


def test_an_address_too_long_stops():
    with pytest.raises(anchors.AnchorError):
        _assigned(f'<h2 id="{"a" * 125}">Ghi</h2><p>a</p>', ())


def test_adding_a_paragraph_changes_only_its_own_unit():
    root, before = _assigned()
    grown = PAGE.replace("<p>Ba", "<p>Mới.</p><p>Ba")
    _, after = _assigned(grown)
    old = {b.id: htmltree.spaced_text(b.element) for b in before}
    new = {b.id: htmltree.spaced_text(b.element) for b in after}
    for value, text in old.items():
        if not value.startswith("phan-2-muc-i-diem-2-doan-"):
            assert new[value] == text, value
    assert new["phan-2-muc-i-diem-2-doan-1"] == "Mới." and new["phan-2-muc-i-diem-2-doan-2"] == "Ba 7 ."


def test_each_block_gets_one_copy_control_at_the_end_of_its_text():
    root, blocks = _assigned()
    anchors.add_links(blocks)
    links = [el for el in htmltree.elements(root) if anchors.is_block_link(el)]
    assert [a.get("href") for a in links] == ["#" + b.id for b in blocks]
    for a in links:
        assert a.text is None and len(a) == 0 and a.get("aria-label").startswith("Sao chép liên kết tới ")
        assert "data-kh-chrome" in a.attrib
    where = {a.get("href"): a.getparent() for a in links}
    assert where["#phan-2-muc-i-diem-1-doan-1"].tag == "p"  # inside the item's paragraph
    assert where["#phan-2-muc-i-diem-1-doan-2"].tag == "p"  # before the list nested in the item
    assert where["#phan-2-muc-i-diem-1-doan-2"].getnext().tag == "ul"
    assert where["#phan-2-muc-i-diem-2-bang-1"].tag == "caption"
    assert where["#fn:7"].tag == "p"
    assert [el.get("aria-label") for el in links][-2:] == ["Sao chép liên kết tới bảng này",
                                                            "Sao chép liên kết tới chú thích này"]
    bare = _assigned("<table><tr><td>x</td></tr></table>", ())[1]
    anchors.add_links(bare)
    assert bare[0].element.getprevious().get("class") == "kh-block-link"


def test_a_link_a_page_wrote_is_not_taken_for_the_control():
    root = htmltree.parse('<p><a class="kh-block-link" href="#x">chữ</a></p>')
    assert not any(anchors.is_block_link(el) for el in htmltree.elements(root))


def test_the_block_of_an_element():
    root, _ = _assigned()
    ref = root.find(".//sup")
    assert anchors.block_of(ref).get("id") == "phan-2-muc-i-diem-2-doan-1"
    assert anchors.block_of(_by_id(root, "muc-dich-doan-2")).get("id") == "phan-2-muc-i-diem-1-doan-1"
    assert anchors.block_of(root.find(".//td")).get("id") == "phan-2-muc-i-diem-2-bang-1"
    assert anchors.block_of(_by_id(root, "muc-dich")) is None
