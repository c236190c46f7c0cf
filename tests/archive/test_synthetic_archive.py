"""An archive of several plans (issue 22 point 7): the real plan and two synthetic
plans made at test time by bench/corpus.py (conftest.py `synthetic_archive`),
built by `mkdocs build --strict` at the archive's root. The synthetic plans are
for tests and the bench only: the repository publishes real plans alone."""
from __future__ import annotations


import pytest

from siteutil import PLAN_ID, ROOT, article

# The synthetic plans of the fixture: (id, department, year), and the real plan.
STC = ("stc-2024", "Sở Tài chính", "2024")
SYT = ("syt-2023", "Sở Y tế", "2023")
SNV = (PLAN_ID, "Sở Nội vụ", "2022")


@pytest.mark.errors
def test_home_lists_every_plan_newest_first_with_department_and_year(synthetic_archive):
    home = synthetic_archive.build.page("")
    items = article(home).select("li.kh-archive__plan")
    listed = [(li.select_one(".kh-archive__title a")["href"], li["data-department"], li["data-year"]) for li in items]
    assert listed == [(f"{i}/", d, y) for i, d, y in (STC, SYT, SNV)]  # by year, not by folder name
    for li, (_, department, year) in zip(items, (STC, SYT, SNV)):
        facts = {dt.get_text(): dd.get_text() for dt, dd in zip(li.select("dt"), li.select("dd"))}
        assert facts["Cơ quan"] == f"{department} tỉnh Bắc Giang" and facts["Năm kế hoạch"] == year
    assert article(home).select_one("#so-ke-hoach").get_text() == "3 kế hoạch."
    stc = items[0]
    assert stc.select_one(".kh-archive__title a").get_text() == "Phát triển kinh tế - xã hội năm 2024"
    assert "Số: /KH-STC" in stc.get_text() and "năm 2023" in stc.get_text()  # signed the year before


@pytest.mark.errors
def test_each_plan_is_published_under_its_own_address(synthetic_archive):
    site = synthetic_archive.build
    for plan_id, department, year in (STC, SYT, SNV):
        home = site.page(f"{plan_id}/")
        assert home.select_one('link[rel="canonical"]')["href"] == f"https://example.invalid/{plan_id}/"
        assert department in home.select_one("title").get_text()
        page = site.page(f"{plan_id}/phan-1/ket-qua/ton-giao/")
        text = article(page).get_text()
        assert "tôn giáo" in text.lower()
        others = {d for _, d, _ in (STC, SYT, SNV)} - {department}
        assert not [d for d in others if d in text], f"{plan_id} shows another plan's department"
    assert site.page(f"{STC[0]}/").select_one(".kh-header__number").get_text() == "Số: /KH-STC"


def test_home_filters_the_plans_by_year_and_department(synthetic_server, page):
    page.goto(synthetic_server)
    assert page.locator("#loc-ke-hoach").is_visible()
    visible = page.locator("li.kh-archive__plan:visible")
    assert visible.count() == 3
    page.select_option("#loc-nam", "2023")
    assert visible.count() == 1 and visible.first.get_attribute("data-department") == "Sở Y tế"
    assert page.locator("#so-ke-hoach").inner_text() == "Đang hiện 1 trên 3 kế hoạch."
    page.select_option("#loc-nam", "")
    page.select_option("#loc-co-quan", "Sở Tài chính")
    assert visible.count() == 1 and visible.first.get_attribute("data-year") == "2024"
    page.select_option("#loc-nam", "2022")  # no plan of Sở Tài chính for 2022
    assert visible.count() == 0 and page.locator("#so-ke-hoach").inner_text() == "Không có kế hoạch nào khớp với lựa chọn."
    page.select_option("#loc-co-quan", "")
    assert visible.count() == 1
    visible.first.locator(".kh-archive__title a").click()
    page.wait_for_url(f"{synthetic_server}{PLAN_ID}/")


def test_synthetic_plans_are_never_in_the_public_site(tmp_path):
    """The repository's plans/ (what `mkdocs build` publishes) holds real plans only:
    no folder bench/corpus.py marks as synthetic, none of the ids this module's plans have."""
    import sys

    sys.path.insert(0, str(ROOT))
    from bench import corpus

    made = corpus.generate(ROOT, tmp_path / "archive", 2)  # files only, nothing built
    assert (corpus.plan_folder(tmp_path / "archive", made[1]) / corpus.MARKER).is_file()
    assert not (corpus.plan_folder(tmp_path / "archive", made[0]) / corpus.MARKER).exists()  # the real plan
    published = {p.name for p in (ROOT / "plans").iterdir() if (p / "mkdocs.yml").is_file()}
    assert PLAN_ID in published
    assert not published & {STC[0], SYT[0]}
    marked = sorted(p.parent.name for p in (ROOT / "plans").glob(f"*/{corpus.MARKER}"))
    assert not marked, f"synthetic plans in the repository's plans/: {marked}"


def test_every_plans_whole_text_download_meets_its_schema(synthetic_archive):
    """The build no longer validates its own du-lieu/toan-van.json (kehoach/opendata/
    downloads.py): this holds each plan's built file, synthetic ones included, to
    the schema published beside it."""
    import json

    import jsonschema

    site = synthetic_archive.build.site
    checked = []
    for plan_id in (SNV[0], STC[0], SYT[0]):
        folder = site / plan_id / "du-lieu"
        schema = json.loads((folder / "toan-van.schema.json").read_text(encoding="utf-8"))
        doc = json.loads((folder / "toan-van.json").read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]
        assert errors == [], (plan_id, errors[:5])
        assert doc["plan"]["id"] == plan_id and len(doc["blocks"]) > 100
        checked.append(plan_id)
    assert len(checked) == 3
