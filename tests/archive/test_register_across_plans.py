"""One register across plans (issue 22, point 6): each cited document has one
address for the archive, /van-ban/<id>/, listing every plan and every place
citing it with the citing sentence; an overview at /van-ban/ and downloads of
the whole register at the addresses the single-plan site had. Ids are agreed
across plans: a clash stops the build naming both files and lines.

A second plan is made at test time from the real one (a synthetic plan, never
published: not held to a signed text), with its own department, year, title
and a few changed words, so that each document is cited by two plans."""
from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from kehoach.archive import model as archive_model
from kehoach.archive import register as archive_register
from kehoach.archive import register_html
from kehoach.archive.build import check_register_page
from kehoach.core.errors import SiteError
from readers.test_valid_html import KNOWN_THEME_ERRORS, _vnu_json
from siteutil import PLAN_ID, ROOT, article, build_fails, copy_project, edit_file, line_of, repo_of, run_build

SYNTH = "snv-2023"  # the synthetic plan: newer than the real one, so listed first
DOC = "nghi-dinh-2020-107-nd-cp"  # cited twice by the real plan
NOTED = "nghi-quyet-2015-39-nq-tw"  # the synthetic plan gives it a note (markup and a formula)
SUBJECT_DOC = "nghi-quyet-2021-76-nq-cp"  # the synthetic plan gives it another subject
HOSTILE_NOTE = '=HYPERLINK("http://example.invalid") <img src=x onerror=alert(1)> & </td>'
OTHER_SUBJECT = "về chương trình tổng thể cải cách hành chính, bản của kế hoạch thử"


def make_synthetic(repo: Path, plan_id: str = SYNTH) -> Path:
    """plans/<plan_id>/ in the repository copy `repo`: the real plan copied, with
    its own names (data/site.yml, data/plan.yml, mkdocs.yml) and no signed text."""
    plan = repo / "plans" / plan_id
    shutil.copytree(repo / "plans" / PLAN_ID, plan)
    site = plan / "data" / "site.yml"
    edit_file(site, 'department: "Sở Nội vụ"', 'department: "Sở Tư pháp"')
    edit_file(site, "year: 2022", "year: 2023")
    edit_file(site, 'record: "record/ke-hoach-2022-ban-ky.txt"\n', "")
    shutil.rmtree(plan / "record")
    header = plan / "data" / "plan.yml"
    edit_file(header, 'title: "Phát triển kinh tế - xã hội năm 2022"', 'title: "Kế hoạch thử năm 2023"')
    edit_file(header, '"Bắc Giang, ngày tháng 11 năm 2021"', '"Bắc Giang, ngày 15 tháng 12 năm 2022"')
    edit_file(plan / "mkdocs.yml", "site_name: Kế hoạch phát triển kinh tế - xã hội năm 2022 của Sở Nội vụ",
              "site_name: Kế hoạch thử năm 2023 của Sở Tư pháp")
    edit_file(plan / "mkdocs.yml", "download_name: ke-hoach-2022-so-noi-vu-bac-giang",
              "download_name: ke-hoach-thu-2023-so-tu-phap")
    return plan


def _archive_copy(root: Path) -> Path:
    """A repository copy with the real plan and the synthetic one; returns the copy's root."""
    repo = repo_of(copy_project(root))
    make_synthetic(repo)
    return repo


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    """The archive of the real plan and the synthetic one, built."""
    repo = _archive_copy(tmp_path_factory.mktemp("two") / "repo")
    synth = repo / "plans" / SYNTH
    # Its own words around one citation, so each plan's sentence can be told apart.
    edit_file(synth / "docs/phan-1/ket-qua/to-chuc-bo-may-bien-che.md",
              "đúng tiêu chí theo Nghị định số 107/2020/NĐ-CP", "đúng tiêu chí mới theo Nghị định số 107/2020/NĐ-CP")
    register = synth / "data" / "register.yml"
    edit_file(register, '  date: "2015-04-17"\n',
              '  date: "2015-04-17"\n  note: ' + json.dumps(HOSTILE_NOTE, ensure_ascii=False) + "\n")
    edit_file(register, "  subject: về chương trình tổng thể CCHC nhà nước giai đoạn 2021-2030",
              f"  subject: {OTHER_SUBJECT}")
    result = run_build(repo, repo / "site")
    assert result.returncode == 0, result.output
    return result


def _register_ids(plan_folder: Path) -> list[str]:
    return [line.split(":", 1)[1].strip() for line in (plan_folder / "data/register.yml").read_text(
        encoding="utf-8").splitlines() if line.startswith("- id:")]


def _target(site: Path, page_url: str, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link of the page at `page_url` leads to."""
    path, _, fragment = href.partition("#")
    joined = posixpath.normpath(posixpath.join(page_url, path))
    target = site / joined
    if target.is_dir() or href.split("#")[0].endswith("/"):
        target = target / "index.html"
    return target, fragment


# ------------------------------------------------------------ two plans

def test_a_document_cited_by_two_plans_is_one_page_listing_both_with_their_sentences(two):
    page = two.page(f"van-ban/{DOC}/")
    body = article(page)
    assert body.h1.get_text().rstrip("¶") == "Nghị định số 107/2020/NĐ-CP"
    sections = body.select("section.kh-archive-cited")
    assert [s["id"] for s in sections] == [f"ke-hoach-{SYNTH}", f"ke-hoach-{PLAN_ID}"]  # newest first
    assert sections[0].h3.get_text() == "Kế hoạch thử năm 2023"
    assert "Sở Tư pháp tỉnh Bắc Giang, năm 2023" in sections[0].p.get_text()
    summary = body.select_one(".kh-register-summary").get_text()
    assert summary.startswith("2 kế hoạch") and "tại 4 chỗ" in summary
    for section, plan_id, words in ((sections[0], SYNTH, "đúng tiêu chí mới theo "),
                                    (sections[1], PLAN_ID, "đúng tiêu chí theo ")):
        items = section.select("ol.kh-cited-at__list > li")
        assert len(items) == 2
        first = items[0]
        assert first.a.get_text() == "PHẦN I › 1. Công tác tổ chức bộ máy và biên chế"
        assert first.a["href"] == f"../../{plan_id}/phan-1/ket-qua/to-chuc-bo-may-bien-che/#phan-1-muc-i-diem-1-doan-1"
        quote = first.blockquote
        assert quote.strong.get_text() == "Nghị định số 107/2020/NĐ-CP"
        assert quote.get_text().startswith("… ") and words + "Nghị định số 107/2020/NĐ-CP; Nghị định số 108" in quote.get_text()
        own = section.find("a", string="Trang của văn bản trong kế hoạch này")
        assert own["href"] == f"../../{plan_id}/van-ban/{DOC}/"
    # Each plan's own register pages and downloads stay.
    for plan_id in (SYNTH, PLAN_ID):
        assert (two.site / plan_id / "van-ban" / DOC / "index.html").is_file()
        assert (two.site / plan_id / "van-ban" / "danh-muc-van-ban.csv").is_file()


def test_every_link_of_the_register_pages_leads_to_a_page_and_paragraph_that_exist(two):
    pages = [two.site / "van-ban" / "index.html", *sorted((two.site / "van-ban").glob("*/index.html"))]
    assert len(pages) == 1 + len(set(_register_ids(two.site.parent / "plans" / PLAN_ID)))
    checked = 0
    for path in pages:
        page_url = path.parent.relative_to(two.site).as_posix() + "/"
        for a in article(_soup(path)).select("a[href]"):
            href = a["href"]
            if href.startswith("#"):
                continue
            target, fragment = _target(two.site, page_url, href)
            assert target.is_file(), f"{page_url}: {href} leads nowhere"
            if fragment:
                assert _soup(target).find(id=fragment) is not None, f"{page_url}: no #{fragment} in {target}"
            checked += 1
    assert checked > 300


def test_the_overview_lists_each_document_once_by_kind_with_how_many_plans_cite_it(two):
    body = article(two.page("van-ban/"))
    ids = set(_register_ids(two.site.parent / "plans" / PLAN_ID))
    rows = body.select(".kh-register-table tbody tr")
    assert len(rows) == len(ids)
    assert {r.a["href"].rstrip("/") for r in rows} == ids
    assert {r.select_one('td[data-label="Số kế hoạch trích dẫn"]').get_text() for r in rows} == {"2"}
    row = next(r for r in rows if r.a["href"] == f"{DOC}/")
    assert row.select_one('td[data-label="Số chỗ trích dẫn"]').get_text() == "4"
    kinds = [g["data-kind"] for g in body.select("section.kh-register-group")]
    assert len(kinds) == len(set(kinds)) and "Nghị định" in kinds and "Luật" in kinds
    # Without JavaScript every document is listed: the filter form is hidden, no row is.
    assert body.select_one("form.kh-register-filter").has_attr("hidden")
    assert not body.select(".kh-register-table tr[hidden]")
    plans = [a["href"] for a in body.select(".kh-archive-register-plans a")]
    assert plans == [f"../{SYNTH}/van-ban/", f"../{PLAN_ID}/van-ban/"]


def test_downloads_of_the_whole_register_name_every_plan_and_place(two):
    raw = (two.site / "van-ban" / "danh-muc-van-ban.csv").read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(set(_register_ids(two.site.parent / "plans" / PLAN_ID)))
    row = next(r for r in rows if r["id"] == DOC)
    assert row["plans"] == f"{SYNTH} {PLAN_ID}" and row["plan_count"] == "2" and row["cited_count"] == "4"
    assert row["cited_at"].split() == [
        f"{SYNTH}/phan-1/ket-qua/to-chuc-bo-may-bien-che/#phan-1-muc-i-diem-1-doan-1",
        f"{SYNTH}/phan-1/ket-qua/cong-chuc-vien-chuc/#phan-1-muc-i-diem-2-doan-3",
        f"{PLAN_ID}/phan-1/ket-qua/to-chuc-bo-may-bien-che/#phan-1-muc-i-diem-1-doan-1",
        f"{PLAN_ID}/phan-1/ket-qua/cong-chuc-vien-chuc/#phan-1-muc-i-diem-2-doan-3",
    ]
    noted = next(r for r in rows if r["id"] == NOTED)
    assert noted["note"] == "'" + HOSTILE_NOTE  # a formula is only text in a spreadsheet
    listed = json.loads((two.site / "van-ban" / "danh-muc-van-ban.json").read_text(encoding="utf-8"))
    assert listed["plans"] == [SYNTH, PLAN_ID]
    doc = next(d for d in listed["documents"] if d["id"] == DOC)
    assert [c["plan"] for c in doc["cited_by"]] == [SYNTH, PLAN_ID]
    assert doc["cited_by"][1]["source"] == f"plans/{PLAN_ID}/data/register.yml"
    assert doc["cited_by"][0]["url"] == f"{SYNTH}/van-ban/{DOC}/"
    assert sum(len(c["cited_at"]) for c in doc["cited_by"]) == doc["cited_count"] == 4
    # The addresses are the page's links, from the archive's root.
    links = [a["href"].removeprefix("../../") for a in article(two.page(f"van-ban/{DOC}/")).select("ol a")]
    assert links == doc["cited_at"]
    assert set(listed["fields"]) == set(listed["documents"][0]) - {"cited_by"}


def test_what_plans_give_differently_is_shown_with_each_plan_and_escaped(two):
    body = article(two.page(f"van-ban/{SUBJECT_DOC}/"))
    cell = body.find("th", string="Trích yếu (theo kế hoạch)").find_next_sibling("td")
    items = [li.get_text() for li in cell.select("li")]
    assert items == [f"{OTHER_SUBJECT} (theo Kế hoạch thử năm 2023 (Sở Tư pháp, 2023))",
                     "về chương trình tổng thể CCHC nhà nước giai đoạn 2021-2030 "
                     "(theo Phát triển kinh tế - xã hội năm 2022 (Sở Nội vụ, 2022))"]
    noted = article(two.page(f"van-ban/{NOTED}/"))
    note = noted.find("th", string="Ghi chú").find_next_sibling("td")
    assert note.get_text() == HOSTILE_NOTE  # shown as text
    assert noted.find("img") is None and not noted.find(attrs={"onerror": True})
    csp = two.page(f"van-ban/{NOTED}/").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp["content"].startswith("default-src 'none'")


def test_the_register_pages_are_valid_html(two, tmp_path):
    """The W3C checker (as tests/readers/test_valid_html.py runs it) on the archive's
    register pages: nothing but what Material writes on every page."""
    shutil.copytree(two.site / "van-ban", tmp_path / "van-ban")
    report = _vnu_json(tmp_path)
    known = [re.compile(k.extract) for k in KNOWN_THEME_ERRORS]
    pages = len(list((tmp_path / "van-ban").rglob("*.html")))
    ours = [m for m in report["messages"] if not any(k.search(m.get("extract", "")) for k in known)]
    assert pages > 70 and not ours, ours[:5]
    assert len(report["messages"]) == 2 * pages  # the checker ran: the theme's two known ones on each page


class _Page:  # what check_register_page reads of a MkDocs page
    def __init__(self, src_uri):
        self.file = type("F", (), {"src_uri": src_uri})()
        self.toc = []


@pytest.mark.parametrize("markup, refused", [
    ('<p>x</p><a href="javascript:alert(1)">y</a>', 'địa chỉ "javascript:alert(1)"'),
    ('<p>x</p><iframe src="https://example.invalid/"></iframe>', "thẻ <iframe> không được phép"),
    ('<p id="a&quot;b">x</p>', "Mã mục (id) 'a\"b' không hợp lệ"),
])
def test_a_register_page_is_held_to_the_plans_allow_list(markup, refused):
    """What guards the plans' pages guards the archive's register pages (built from
    the plans' data and pages), the overview's own filter form and script excepted."""
    reg = archive_register.merge([(p, archive_register.plan_register(p)) for p in archive_model.load_plans(ROOT)], {})
    with pytest.raises(SiteError) as caught:
        check_register_page(markup, _Page(f"van-ban/{DOC}.md"), reg, "archive")
    assert caught.value.path == f"archive/van-ban/{DOC}.md" and refused in str(caught.value)
    overview = register_html.overview_html(reg)
    assert "<form" in overview and "<script" in overview
    check_register_page(overview, _Page("van-ban/index.md"), reg, "archive")  # no refusal


# ------------------------------------------------------------ clashes

def _clash(tmp_path, *edits) -> SiteError:
    """The error the register across plans gives for a copy with `edits` made to
    the synthetic plan's data/register.yml (no build: the check reads data only)."""
    repo = _archive_copy(tmp_path / "repo")
    for old, new in edits:
        edit_file(repo / "plans" / SYNTH / "data/register.yml", old, new)
    plans = archive_model.load_plans(repo)
    with pytest.raises(SiteError) as caught:
        archive_register.load(plans, tmp_path / "no-site")
    return caught.value


def _lines(tmp_path, plan_id: str, needle: str) -> int:
    return line_of(tmp_path / "repo" / "plans" / plan_id / "data/register.yml", needle)


@pytest.mark.parametrize("old, new, field, needle", [
    ("  number: 107/2020/NĐ-CP", "  number: 109/2020/NĐ-CP", "number", "number: 10"),
    ('  date: "2015-04-17"', '  date: "2015-04-18"', "date", 'date: "2015-04-1'),
])
def test_one_id_with_two_numbers_or_dates_names_both_files_and_lines(tmp_path, old, new, field, needle):
    err = _clash(tmp_path, (old, new))
    text = str(err)
    real = _lines(tmp_path, PLAN_ID, old.strip())
    synth = _lines(tmp_path, SYNTH, new.strip())
    assert f"plans/{PLAN_ID}/data/register.yml, dòng {real} (line {real})" in text
    assert f"plans/{SYNTH}/data/register.yml, dòng {synth}" in text and f"plans/{SYNTH}/data/register.yml, line {synth}" in text
    assert f"{field} ở đây là" in text and "[EN]" in text and "Cách sửa:" in text


def test_one_id_with_two_kinds_is_a_clash(tmp_path):
    err = _clash(tmp_path, ("- id: chuong-trinh-phoi-hop-79-ctr-bdvtw\n  kind: Chương trình phối hợp",
                            "- id: chuong-trinh-phoi-hop-79-ctr-bdvtw\n  kind: Kế hoạch"))
    assert "'chuong-trinh-phoi-hop-79-ctr-bdvtw'" in str(err) and "kind ở đây là 'Chương trình phối hợp'" in str(err)


@pytest.mark.parametrize("old_id, new_id, needle", [
    (DOC, "nghi-dinh-107-2020", "number: 107/2020/NĐ-CP"),
    ("nghi-quyet-tw-6-khoa-xii", "nghi-quyet-tw6", "name: Nghị quyết TW 6 khóa XII"),
])
def test_one_document_under_two_ids_names_both_files_and_lines(tmp_path, old_id, new_id, needle):
    err = _clash(tmp_path, (f"- id: {old_id}\n", f"- id: {new_id}\n"))
    text = str(err)
    real, synth = _lines(tmp_path, PLAN_ID, needle), _lines(tmp_path, SYNTH, needle)
    assert f"plans/{PLAN_ID}/data/register.yml, dòng {real}" in text
    assert f"plans/{SYNTH}/data/register.yml, dòng {synth}" in text
    assert f"'{old_id}'" in text and f"'{new_id}'" in text


def test_a_fact_only_one_plan_gives_is_no_clash(tmp_path):
    repo = _archive_copy(tmp_path / "repo")
    edit_file(repo / "plans" / SYNTH / "data/register.yml", '  date: "2015-04-17"\n', "")
    plans = archive_model.load_plans(repo)
    registers = [(p, archive_register.plan_register(p)) for p in plans]
    merged = archive_register.merge(registers, {})
    doc = next(d for d in merged.documents if d.id == NOTED)
    assert doc.entry.date == "2015-04-17"
    assert [c.entry.date for c in doc.citings] == [None, "2015-04-17"]


def test_a_clash_stops_the_build_naming_both_files_and_lines(tmp_path):
    """Each plan builds alone (the synthetic plan links its citations to its own
    ids); the archive refuses the two: nothing is published."""
    repo = _archive_copy(tmp_path / "repo")
    edit_file(repo / "plans" / SYNTH / "data/register.yml", f"- id: {DOC}\n", "- id: nghi-dinh-107-2020\n")
    out = build_fails(repo, tmp_path)
    real = line_of(repo / "plans" / PLAN_ID / "data/register.yml", "number: 107/2020/NĐ-CP")
    synth = line_of(repo / "plans" / SYNTH / "data/register.yml", "number: 107/2020/NĐ-CP")
    assert f"plans/{PLAN_ID}/data/register.yml, dòng {real}" in out
    assert f"plans/{SYNTH}/data/register.yml, dòng {synth}" in out
    assert "một văn bản chỉ có một mã trong cả kho" in out


# ------------------------------------------------------------ the real archive

def test_the_old_register_addresses_lead_to_the_archive_register(archive):
    plan_ids = sorted(p.parent.name for p in (archive.site / PLAN_ID / "van-ban").glob("*/index.html"))
    assert len(plan_ids) > 60
    for doc_id in plan_ids:
        page = archive.page(f"van-ban/{doc_id}/")
        assert page.find("meta", attrs={"http-equiv": "refresh"}) is None, f"/van-ban/{doc_id}/ is a redirect"
        own = article(page).find("a", string="Trang của văn bản trong kế hoạch này")
        assert own["href"] == f"../../{PLAN_ID}/van-ban/{doc_id}/"
        csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        assert csp.startswith("default-src 'none'") and "kh-csp" not in csp
    overview = archive.page("van-ban/")
    assert overview.find("meta", attrs={"http-equiv": "refresh"}) is None
    csp = overview.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert csp.startswith("default-src 'none'") and "script-src 'self'" in csp
    assert len(article(overview).select(".kh-register-table tbody tr")) == len(plan_ids)
    for name in ("danh-muc-van-ban.csv", "danh-muc-van-ban.json"):
        assert (archive.site / "van-ban" / name).is_file()
    home = article(archive.page(""))
    assert home.find("a", href="van-ban/") is not None
