"""The PDF made at build time holds the whole plan, in order, in embedded fonts."""
from __future__ import annotations

from collections import Counter

import pytest

from pdftext import list_markers, page_runs, pdf_reader, pdf_words
from plantext import record_words
from test_print import body_blocks, check_printed_extras, in_order


# The PDF's public address (mkdocs.yml: extra.download_name): people keep it; never renamed.
PDF = "tai-ve/ke-hoach-2022-so-noi-vu-bac-giang.pdf"


@pytest.fixture(scope="module")
def pdf(built):
    path = built.site / PDF
    assert path.is_file(), f"the build wrote no PDF at /{PDF}"
    return pdf_reader(path)


@pytest.fixture(scope="module")
def runs(pdf):
    return page_runs(pdf)  # reading the text takes seconds: once per module


def test_pdf_has_every_word_of_the_plan_and_nothing_more(built, runs):
    found = Counter(pdf_words(runs))
    record = Counter(record_words())
    assert record - found == Counter(), "words of the record missing from the PDF"
    # Besides the plan: the register summary and the one address printed after it.
    check_printed_extras(found - record, built.page("in-toan-van/"))


def test_footnotes_keep_their_original_numbers(runs):
    numbers = [m for m in list_markers(runs) if m != "•"]
    assert numbers == [f"{n}." for n in range(1, 9)]


def test_every_sheet_is_numbered(runs):
    assert [page[-1].strip() for page in runs] == [str(n) for n in range(1, len(runs) + 1)]


def test_pdf_reads_in_the_order_of_the_record(runs):
    assert in_order(pdf_words(runs), body_blocks()) == []


def test_pdf_parts_start_on_a_new_sheet(runs):
    firsts = [" ".join(" ".join(page).split()[:3]) for page in runs]
    for start in ["PHẦN II Kế", "Biểu mẫu số", "Phụ lục: Văn"]:
        assert start in firsts, (start, firsts)


def test_the_first_sheet_is_not_mostly_empty(runs):
    """Phần I follows the plan's short preamble on the first sheet, as in the signed document."""
    first = " ".join(" ".join(runs[0]).split())
    assert first.startswith("Số: /KH-SNV") and "PHẦN I Đánh giá" in first
    assert len(first.split()) > 300, len(first.split())


def _placed_runs(page) -> list[tuple[str, float]]:
    """Each text run of a PDF page with the x of its start, in points from the left edge."""
    placed = []

    def visit(text, cm, tm, *_):
        if text.strip():
            placed.append((" ".join(text.split()), tm[4] * cm[0] + tm[5] * cm[2] + cm[4]))
    page.extract_text(visitor_text=visit)
    return placed


def test_the_signer_block_is_on_the_right_as_on_the_signed_paper(pdf):
    page = next(p for p in pdf.pages if "Vũ Mạnh Hùng" in p.extract_text())
    width = float(page.mediabox.width)
    placed = _placed_runs(page)
    x = {text: left for text, left in placed if text in ("GIÁM ĐỐC", "Vũ Mạnh Hùng", "Nơi nhận:")}
    assert set(x) == {"GIÁM ĐỐC", "Vũ Mạnh Hùng", "Nơi nhận:"}, placed[-20:]
    assert x["Nơi nhận:"] < width * 0.3  # recipients on the left
    assert x["GIÁM ĐỐC"] > width * 0.6 and x["Vũ Mạnh Hùng"] > width * 0.6  # signer on the right
    # Both lines centred on one axis: the longer name starts further left than the title.
    assert x["Vũ Mạnh Hùng"] < x["GIÁM ĐỐC"]


def test_every_font_is_embedded_noto_serif(pdf):
    """Noto Serif carries every Vietnamese letter: no fallback font was needed."""
    fonts = {}
    for page in pdf.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor or "/FontFile3" in descriptor
    assert fonts and all(fonts.values()), fonts  # embedded
    assert {name.split("+", 1)[1].split("-Bold")[0].split("-Italic")[0] for name in fonts} == {"Noto-Serif"}, fonts


def test_pdf_says_what_it_is(pdf):
    meta = pdf.metadata
    assert meta.title.startswith("Kế hoạch phát triển kinh tế - xã hội năm 2022")
    assert meta.author == "Sở Nội vụ tỉnh Bắc Giang"
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "vi"
    assert "/StructTreeRoot" in root  # tagged: screen readers follow headings and lists


def test_home_page_links_to_the_pdf(built):
    links = built.page("").select("[data-kh-chrome] a[href$='.pdf'], a[data-kh-chrome][href$='.pdf']")
    assert [a["href"] for a in links] == [PDF]
    assert "PDF" in links[0].get_text()
