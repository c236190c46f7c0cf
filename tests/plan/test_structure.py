"""Pages follow the plan's own headings, at addresses that do not change."""
import json

import pytest

from plantext import RECORD, words

# (public address, heading id, heading as printed), in reading order.
PAGES = [
    ("", "ke-hoach", "KẾ HOẠCH Phát triển kinh tế - xã hội năm 2022"),
    ("phan-1/", "phan-1", "PHẦN I"),
    ("phan-1/ket-qua/", "ket-qua-2021", "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ PHÁT TRIỂN KT-XH"),
    ("phan-1/ket-qua/to-chuc-bo-may-bien-che/", "to-chuc-bo-may-bien-che", "1. Công tác tổ chức bộ máy và biên chế"),
    ("phan-1/ket-qua/cong-chuc-vien-chuc/", "cong-chuc-vien-chuc", "2. Công tác công chức, viên chức"),
    ("phan-1/ket-qua/xay-dung-chinh-quyen/", "xay-dung-chinh-quyen", "3. Công tác xây dựng chính quyền"),
    ("phan-1/ket-qua/cai-cach-hanh-chinh/", "cai-cach-hanh-chinh", "4. Công tác cải cách hành chính"),
    ("phan-1/ket-qua/thanh-tra-khieu-nai-to-cao/", "thanh-tra-khieu-nai-to-cao", "5. Công tác thanh tra, giải quyết khiếu nại tố cáo"),
    ("phan-1/ket-qua/thi-dua-khen-thuong/", "thi-dua-khen-thuong", "6. Công tác quản lý nhà nước thi đua, khen thưởng"),
    ("phan-1/ket-qua/ton-giao/", "ton-giao", "7. Công tác quản lý nhà nước về tôn giáo"),
    ("phan-1/ket-qua/van-thu-luu-tru/", "van-thu-luu-tru", "8. Công tác quản lý nhà nước về văn thư, lưu trữ"),
    ("phan-1/ket-qua/luu-tru-lich-su/", "luu-tru-lich-su", "9. Công tác lưu trữ lịch sử"),
    ("phan-1/ket-qua/nhiem-vu-khac/", "nhiem-vu-khac", "10. Các nhiệm vụ công tác khác"),
    ("phan-1/nhan-xet-chung/", "nhan-xet-chung", "II. Nhận xét chung"),
    ("phan-1/nhan-xet-chung/uu-diem/", "uu-diem", "1. Ưu điểm"),
    ("phan-1/nhan-xet-chung/ton-tai-han-che/", "ton-tai-han-che", "2. Tồn tại, hạn chế"),
    ("phan-2/", "phan-2", "PHẦN II"),
    ("phan-2/muc-dich-yeu-cau/", "muc-dich-yeu-cau", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("phan-2/noi-dung-2022/", "noi-dung-2022", "II. NỘI DUNG THỰC HIỆN NĂM 2022"),
    ("phan-2/noi-dung-2022/cai-cach-hanh-chinh/", "cai-cach-hanh-chinh-2022", "1. Công tác cải cách hành chính"),
    ("phan-2/noi-dung-2022/to-chuc-bien-che/", "to-chuc-bien-che-2022", "2. Công tác tổ chức biên chế và TCPCP"),
    ("phan-2/noi-dung-2022/cong-chuc-vien-chuc/", "cong-chuc-vien-chuc-2022", "3. Công tác công chức, viên chức"),
    ("phan-2/noi-dung-2022/xay-dung-chinh-quyen/", "xay-dung-chinh-quyen-2022", "4. Công tác xây dựng chính quyền và CTTN"),
    ("phan-2/noi-dung-2022/thanh-tra-khieu-nai-to-cao/", "thanh-tra-khieu-nai-to-cao-2022", "5. Công tác thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo"),
    ("phan-2/noi-dung-2022/thi-dua-khen-thuong/", "thi-dua-khen-thuong-2022", "6. Công tác thi đua, khen thưởng"),
    ("phan-2/noi-dung-2022/ton-giao/", "ton-giao-2022", "7. Công tác quản lý nhà nước về tôn giáo"),
    ("phan-2/noi-dung-2022/van-thu-luu-tru/", "van-thu-luu-tru-2022", "8. Công tác quản lý nhà nước về Văn thư-Lưu trữ."),
    ("phan-2/noi-dung-2022/luu-tru-lich-su/", "luu-tru-lich-su-2022", "9. Trung tâm Lưu trữ lịch sử"),
    ("phan-2/to-chuc-thuc-hien/", "to-chuc-thuc-hien", "III. TỔ CHỨC THỰC HIỆN"),
    ("bieu-mau-06/", "bieu-mau-06", "Biểu mẫu số 06"),
]

# Which page carries each of the plan's footnotes (original numbers).
FOOTNOTE_PAGES = {
    1: "phan-1/ket-qua/cong-chuc-vien-chuc/",
    2: "phan-1/ket-qua/xay-dung-chinh-quyen/",
    3: "phan-1/ket-qua/xay-dung-chinh-quyen/",
    4: "phan-1/ket-qua/cai-cach-hanh-chinh/",
    5: "phan-1/ket-qua/cai-cach-hanh-chinh/",
    6: "phan-1/ket-qua/thanh-tra-khieu-nai-to-cao/",
    7: "phan-1/ket-qua/thanh-tra-khieu-nai-to-cao/",
    8: "phan-1/ket-qua/thi-dua-khen-thuong/",
}


def _heading_text(el) -> str:
    for link in el.select(".headerlink"):
        link.decompose()
    return " ".join(el.get_text(" ").split())


@pytest.mark.parametrize("url,anchor,heading", PAGES)
def test_page_has_its_heading_at_its_address(built, url, anchor, heading):
    soup = built.page(url)
    h1 = soup.select("article h1")
    assert len(h1) == 1
    assert h1[0].get("id") == anchor
    assert _heading_text(h1[0]) == heading


def test_every_heading_of_the_record_is_a_heading_in_reading_order(built):
    """Headings on the site, in nav order, appear in the record in the same order."""
    record = " ".join(words(RECORD.read_text(encoding="utf-8")))
    pos = 0
    for url, _, heading in PAGES:
        needle = " ".join(words(heading))
        found = record.find(needle, pos)
        assert found >= 0, heading
        pos = found


def test_previous_and_next_follow_the_plan(built):
    for (url, _, _), (next_url, _, _) in zip(PAGES, PAGES[1:]):
        soup = built.page(url)
        nxt = soup.select_one("a.md-footer__link--next")
        assert nxt is not None, url
        target = (built.site / url / nxt["href"]).resolve()
        assert target == (built.site / next_url).resolve(), (url, nxt["href"])


def test_part_two_purpose_page_has_numbered_subheadings(built):
    soup = built.page("phan-2/muc-dich-yeu-cau/")
    h2 = [(h.get("id"), _heading_text(h)) for h in soup.select("article h2")]
    assert h2 == [("muc-dich", "1. Mục đích"), ("yeu-cau", "2. Yêu cầu")]


def test_header_signer_and_recipients(built):
    home = built.page("")
    header = home.select_one(".kh-header").get_text(" ")
    assert "Số: /KH-SNV" in header
    assert "Bắc Giang, ngày tháng 11 năm 2021" in header
    end = built.page("phan-2/to-chuc-thuc-hien/")
    recipients = [li.get_text() for li in end.select("#noi-nhan li")]
    assert recipients[0] == "Bộ Nội vụ;" and recipients[-1] == "Lưu: VT, VP." and len(recipients) == 9
    signer = end.select_one("#nguoi-ky").get_text(" ", strip=True)
    assert signer == "GIÁM ĐỐC Vũ Mạnh Hùng"
    closing = end.select_one("#loi-ket")  # an alias anchor now, in the block (kehoach/anchors/)
    closing = (closing.parent if "kh-alias" in closing.get("class", []) else closing).get_text()
    assert closing == "Trên đây là Kế hoạch phát triển kinh tế - xã hội năm 2022 của Sở Nội vụ./."


def _record_footnotes() -> dict[int, str]:
    from plantext import SUPERSCRIPTS, record_blocks

    del SUPERSCRIPTS
    notes = [text for kind, text in record_blocks() if kind == "footnote"]
    return {i: " ".join(words(t)) for i, t in enumerate(notes, start=1)}


@pytest.mark.parametrize("number", range(1, 9))
def test_footnote_keeps_its_original_number(built, number):
    soup = built.page(FOOTNOTE_PAGES[number])
    ref = soup.select_one(f'sup[id="fnref:{number}"] a.footnote-ref')
    assert ref is not None and ref.get_text() == str(number)
    assert ref["href"] == f"#fn:{number}"
    note = soup.select_one(f'div.footnote li[id="fn:{number}"]')
    assert note is not None and note.get("value") == str(number)
    back = note.select_one("a.footnote-backref")
    assert back["href"] == f"#fnref:{number}"
    back.decompose()
    assert " ".join(words(note.get_text(" "))) == _record_footnotes()[number]


def test_footnotes_appear_only_on_their_page(built):
    for html in built.site.rglob("index.html"):
        rel = html.parent.relative_to(built.site).as_posix() + "/"
        if rel.startswith(("in-toan-van", "van-ban")):
            continue  # whole-plan print page and register may repeat them
        text = html.read_text(encoding="utf-8")
        for number, page in FOOTNOTE_PAGES.items():
            if f'id="fn:{number}"' in text:
                assert rel == page, (number, rel)


def test_footnote_tooltips_and_navigation_features_are_on(built):
    soup = built.page("phan-1/ket-qua/cai-cach-hanh-chinh/")
    config = json.loads(soup.select_one("script#__config").get_text())
    for feature in ["content.footnote.tooltips", "navigation.path", "navigation.top",
                    "navigation.footer", "toc.follow", "navigation.indexes"]:
        assert feature in config["features"], feature
