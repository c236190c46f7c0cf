"""Plan-specific names come from the project's data (kehoach/settings.py), not from code."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from kehoach import settings
from kehoach.core import data
from siteutil import PLAN, ROOT, copy_project, edit, run_build

PLAN_NAMES = ("Bắc Giang", "Sở Nội vụ")


@pytest.fixture
def other_project(tmp_path):
    """A project whose data/site.yml names another province and other plan pages."""
    project = tmp_path / "other"
    shutil.copytree(PLAN / "data", project / "data")
    shutil.copytree(ROOT / "schemas", project / "schemas")
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    edit(project, "data/site.yml", 'province: "Bắc Giang"', 'province: "Lạng Sơn"')
    edit(project, "data/site.yml", '["phan-1/", "phan-2/"]', '["phan-1/"]')
    return project


def test_settings_follow_the_project_being_built(other_project):
    """Two projects in one process, read in turn: each gets its own site.yml, nothing to reset."""
    ours = data.Project.of(SimpleNamespace(config_file_path=str(PLAN / "mkdocs.yml")))
    other = data.Project.of(SimpleNamespace(config_file_path=str(other_project / "mkdocs.yml")))
    for _ in range(2):
        site, other_site = settings.load_site(ours), settings.load_site(other)
        assert site.province == "Bắc Giang"
        assert site.is_plan_page("phan-2/nhiem-vu.md") and site.is_plan_page("bieu-mau-06.md")
        assert other_site.province == "Lạng Sơn"
        assert other_site.is_plan_page("phan-1/x.md") and not other_site.is_plan_page("phan-2/nhiem-vu.md")
        assert not other_site.is_plan_page("phan-1/anh.png") and not other_site.is_plan_page("chi-so.md")


def test_a_plan_of_another_province_shows_its_own_name(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project, "data/site.yml", 'province: "Bắc Giang"', 'province: "Lạng Sơn"')
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    caption = result.page("chi-so/").select_one("#bang-chi-so-caption").get_text()
    assert caption.startswith("Kết quả các chỉ số của tỉnh Lạng Sơn năm"), caption
    assert "Bắc Giang" not in caption


def test_no_module_but_settings_names_the_plan():
    """The province and the department are data (data/site.yml, data/plan.yml), never code."""
    found = []
    for path in sorted((ROOT / "kehoach").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(ROOT)}: {n}" for n in PLAN_NAMES if n in text]
    assert not found, f"plan-specific names in code (read them through kehoach/settings.py): {found}"


def test_public_addresses_are_named_once():
    """The download folders and the print page are spelled in settings.py only."""
    spelled = re.compile(r'"(?:tai-ve|du-lieu|in-toan-van\.md)"')
    found = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "kehoach").rglob("*.py"))
             if p.name != "settings.py" and spelled.search(p.read_text(encoding="utf-8"))]
    assert not found, f"public addresses spelled outside kehoach/settings.py: {found}"
