"""The bench's synthetic archive (bench/corpus.py: one archive, plans/<id>/ per plan):
each synthetic plan builds strictly as its own department's plan, and the bench's
plain build really switches our code off."""
from __future__ import annotations

import json
import sys

from bs4 import BeautifulSoup
from siteutil import ROOT, run_build

sys.path.insert(0, str(ROOT))  # the bench package lives at the repository root

from bench import corpus, variants  # noqa: E402
from bench.yamltags import Tagged, load_config  # noqa: E402


def test_a_plan_copy_builds_as_another_departments_plan(tmp_path):
    first, second = corpus.generate(ROOT, tmp_path / "corpus", 2)
    assert (first.id, second.id) == ("snv-2022", "stc-2022")
    assert sorted(p.name for p in (tmp_path / "corpus" / "plans").iterdir()) == ["snv-2022", "stc-2022"]
    real = (ROOT / "plans" / "snv-2022" / "data" / "plan.yml").read_text(encoding="utf-8")
    assert (tmp_path / "corpus" / "plans" / "snv-2022" / "data" / "plan.yml").read_text(encoding="utf-8") == real
    site_yml = (tmp_path / "corpus" / "plans" / "stc-2022" / "data" / "site.yml").read_text(encoding="utf-8")
    assert 'department: "Sở Tài chính"' in site_yml and "\nyear: 2022" in site_yml
    assert "record:" not in site_yml and not (tmp_path / "corpus" / "plans" / "stc-2022" / "record").exists()
    result = run_build(corpus.plan_folder(tmp_path / "corpus", second), tmp_path / "site")
    assert result.returncode == 0, result.output
    home = result.page("")
    assert home.select_one(".kh-header__number").get_text() == "Số: /KH-STC"
    assert "Sở Tài chính" in home.select_one("title").get_text()
    assert "Sở Nội vụ" not in home.select_one("article").get_text()
    assert home.select_one('link[rel="canonical"]')["href"] == "https://example.invalid/stc-2022/"


def test_later_plans_move_department_and_only_their_identity_years():
    later = corpus.plans(22)[21]  # after 20 departments, the next year (forward: a plan never
    assert (later.id, later.department) == ("stc-2023", "Sở Tài chính")  # predates what it cites)
    text = "Sở Nội vụ: Số: /KH-SNV, năm 2022 (2021 - 2026), van-ban/ket-luan-2021-31-kl-snv/"
    assert later.rewrite(text) == "Sở Tài chính: Số: /KH-STC, năm 2022 (2021 - 2026), van-ban/ket-luan-2021-31-kl-stc/"
    assert later.rewrite(text, years=True) == (
        "Sở Tài chính: Số: /KH-STC, năm 2023 (2022 - 2027), van-ban/ket-luan-2022-31-kl-stc/")
    assert corpus.plans(1)[0].rewrite(text, years=True) == text  # plan 0 is ours


def test_plain_config_has_none_of_our_code():
    ours = variants.merged_config(ROOT / "plans" / "snv-2022" / "mkdocs.yml")  # INHERIT merged in
    assert ours["site_name"].endswith("Sở Nội vụ tỉnh Bắc Giang") and ours["theme"]["custom_dir"] == "../../overrides"
    plain = variants.plain_config(ours)
    assert "hooks" in ours and "hooks" not in plain
    assert [p if isinstance(p, str) else next(iter(p)) for p in plain["plugins"]] == ["search", "offline"]  # Material's own
    names = [e if isinstance(e, str) else next(iter(e)) for e in plain["markdown_extensions"]]
    assert "kehoach.plan.footnotes" in ours["markdown_extensions"]
    assert not [n for n in names if n.startswith("kehoach")]
    toc = next(e["toc"] for e in plain["markdown_extensions"] if isinstance(e, dict) and "toc" in e)
    assert not [v for v in toc.values() if isinstance(v, Tagged)]
    archive = load_config(ROOT / "mkdocs.yml")
    plain_archive = variants.plain_config(archive)
    assert "hooks" in archive and "hooks" not in plain_archive
    assert plain_archive["plugins"] == [{"projects": {"projects_dir": "plans", "hoisting": False}}]


def test_plain_build_gets_the_content_our_hooks_fill_in_late(tmp_path):
    """The capture pass gives the plain build the register's lists, the glossary and the
    print page's plan, which our hooks fill in after the macros have run."""
    from bench import run

    plans = corpus.generate(ROOT, tmp_path / "ours", 1)
    run.make_plain_projects(tmp_path / "ours", tmp_path / "plain", plans, lambda message: None)
    docs = corpus.plan_folder(tmp_path / "plain", plans[0]) / "docs"
    print_page = (docs / "in-toan-van.md").read_text(encoding="utf-8")
    assert "<!-- kh-fill" not in print_page
    assert 'class="kh-fullplan"' in print_page and "Nơi nhận" in print_page
    entry = (docs / "van-ban" / "ke-hoach-2021-402-kh-ubnd.md").read_text(encoding="utf-8")
    assert 'class="kh-cited-at__list"' in entry and "cai-cach-hanh-chinh" in entry and "<!-- kh-fill" not in entry
    overview = (docs / "van-ban" / "index.md").read_text(encoding="utf-8")
    assert "<!-- kh-fill" not in overview and "ke-hoach-2021-402-kh-ubnd" in overview
    glossary = (docs / "tu-viet-tat.md").read_text(encoding="utf-8")
    assert "<!-- kh-fill" not in glossary and "Ủy ban nhân dân" in glossary


def test_plans_built_one_after_another_in_one_process_each_show_their_own(tmp_path):
    """An archive build (bench/inprocess.py: one process builds plan after plan) reads each
    plan's own data/ and names, not those of the plan built before or of the package's folder."""
    from bench import measure

    plans = corpus.generate(ROOT, tmp_path / "corpus", 2)
    projects = [corpus.plan_folder(tmp_path / "corpus", p) for p in plans]
    measure.build_in_process(projects, "mkdocs.yml", tmp_path / "site", strict=True,
                             extra_env={"KEHOACH_DOWNLOADS": "0"})
    site = tmp_path / "site" / "stc-2022"
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one(".kh-header__number").get_text() == "Số: /KH-STC"
    assert "Sở Nội vụ" not in home.select_one("article").get_text()
    page = BeautifulSoup((site / "phan-1" / "nhan-xet-chung" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.select_one('meta[name="description"]')["content"] == (
        "II. Nhận xét chung — Kế hoạch phát triển kinh tế - xã hội năm 2022 của Sở Tài chính tỉnh Bắc Giang.")
    register = json.loads((site / "van-ban" / "danh-muc-van-ban.json").read_text(encoding="utf-8"))
    assert register["title"].endswith("của Sở Tài chính tỉnh Bắc Giang")
