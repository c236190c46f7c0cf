"""The archive (issue 22): the repository's mkdocs.yml builds every plan of
plans/<id>/ into site/<id>/ under one home page, and the addresses the site had
when it published one plan at its root keep working."""
from __future__ import annotations

import filecmp
import re

from bs4 import BeautifulSoup

from siteutil import PLAN_ID, ROOT, article, broken_copy, build_fails, copy_project, edit, repo_of

OLD_PAGES = [  # addresses the site had before the archive (tests/plan/test_structure.py lists them all)
    "phan-1/", "phan-1/ket-qua/ton-giao/", "phan-2/noi-dung-2022/cai-cach-hanh-chinh/",
    "bieu-mau-06/", "chi-so/", "tu-viet-tat/", "in-toan-van/", "ve-trang-nay/ghi-chu-van-ban/",
]


def _soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_home_lists_the_plan_with_its_number_date_department_year_and_title(archive):
    home = archive.page("")
    items = article(home).select("li.kh-archive__plan")
    assert len(items) == 1
    item = items[0]
    assert item["data-year"] == "2022" and item["data-department"] == "Sở Nội vụ"
    link = item.select_one(".kh-archive__title a")
    assert link.get_text() == "Phát triển kinh tế - xã hội năm 2022"  # as signed (data/plan.yml)
    assert link["href"] == f"{PLAN_ID}/"
    facts = {dt.get_text(): dd.get_text() for dt, dd in zip(item.select("dt"), item.select("dd"))}
    assert facts == {"Cơ quan": "Sở Nội vụ tỉnh Bắc Giang", "Năm kế hoạch": "2022",
                     "Số, ký hiệu": "Số: /KH-SNV", "Nơi, ngày ban hành": "Bắc Giang, ngày tháng 11 năm 2021"}
    assert home.html["lang"] == "vi"


def test_the_plan_is_published_in_its_folder(archive):
    page = archive.page(f"{PLAN_ID}/phan-1/ket-qua/ton-giao/")
    assert "tôn giáo" in article(page).get_text().lower()
    assert page.select_one('link[rel="canonical"]')["href"] == f"https://example.invalid/{PLAN_ID}/phan-1/ket-qua/ton-giao/"
    assert (archive.site / PLAN_ID / "tai-ve" / "ke-hoach-2022-so-noi-vu-bac-giang.pdf").is_file()


def test_every_old_page_address_sends_the_reader_to_the_page_in_its_plan(archive):
    plan_site = archive.site / PLAN_ID
    pages = sorted(p.relative_to(plan_site).as_posix() for p in plan_site.rglob("index.html"))
    assert len(pages) > 100  # every page of the plan, the register's included
    for rel in pages:
        old = archive.site / rel
        assert old.is_file(), f"/{rel} no longer exists"
        if rel == "index.html":
            continue  # the archive's home page took the root
        soup = _soup(old)
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
        if refresh is None:  # an address the archive itself now serves (the register across plans)
            continue
        target = "../" * rel.count("/") + f"{PLAN_ID}/" + rel.removesuffix("index.html")
        assert refresh["content"] == f"0; url={target}", rel
        assert soup.find("a", string="địa chỉ mới")["href"] == target
    for rel in OLD_PAGES:
        assert (archive.site / rel / "index.html").is_file()


def test_old_download_addresses_serve_the_same_files(archive):
    plan_site = archive.site / PLAN_ID
    files = [p for folder in ("tai-ve", "du-lieu") for p in (plan_site / folder).rglob("*") if p.is_file()]
    assert any(p.suffix == ".pdf" for p in files) and any(p.suffix == ".csv" for p in files)
    for path in files:
        old = archive.site / path.relative_to(plan_site)
        assert old.is_file() and filecmp.cmp(path, old, shallow=False), old


def test_an_old_link_to_a_paragraph_lands_on_it(archive_server, page):
    page.goto(archive_server + "phan-1/ket-qua/ton-giao/#ton-giao")
    page.wait_for_url(re.compile(rf"/{PLAN_ID}/phan-1/ket-qua/ton-giao/#ton-giao$"))
    assert page.locator("#ton-giao").is_visible()


def test_home_filters_by_year_and_department(archive_server, page):
    page.goto(archive_server)
    form = page.locator("#loc-ke-hoach")
    assert form.is_visible()  # hidden until the script runs
    page.select_option("#loc-nam", "2022")
    assert page.locator("li.kh-archive__plan:visible").count() == 1
    page.select_option("#loc-co-quan", "Sở Nội vụ")
    assert page.locator("#so-ke-hoach").inner_text() == "1 kế hoạch."


def test_a_broken_plan_stops_the_whole_archive_and_publishes_nothing(tmp_path):
    plan = broken_copy(tmp_path, ("docs/phan-1/ket-qua/ton-giao.md", "tôn giáo", "tôn giáo {{ environment }}"))
    out = build_fails(repo_of(plan), tmp_path)
    assert f"project://.{PLAN_ID}" in out and "docs/phan-1/ket-qua/ton-giao.md" in out
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").rglob("*.html"))


def test_a_plan_folder_with_an_address_that_is_not_one_is_refused(tmp_path):
    plan = copy_project(tmp_path / "project")
    (repo_of(plan) / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (repo_of(plan) / "archive_hooks.py").write_text((ROOT / "archive_hooks.py").read_text(encoding="utf-8"),
                                                   encoding="utf-8")
    plan.rename(plan.parent / "Kế hoạch 2023")
    out = build_fails(repo_of(plan), tmp_path)
    assert "plans/Kế hoạch 2023" in out and "chữ thường" in out
