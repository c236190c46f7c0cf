"""Plan-specific names come from the project's data (kehoach/settings.py), not from code."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from kehoach import settings
from kehoach.core import data
from kehoach.plan.pages import is_plan_page
from siteutil import ROOT, copy_project, edit, run_build

PLAN_NAMES = ("Bắc Giang", "Sở Nội vụ")


@pytest.fixture
def other_project(tmp_path):
    """A project whose data/site.yml names another province and other plan pages."""
    project = tmp_path / "other"
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "schemas", project / "schemas")
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    edit(project, "data/site.yml", 'province: "Bắc Giang"', 'province: "Lạng Sơn"')
    edit(project, "data/site.yml", '["phan-1/", "phan-2/"]', '["phan-1/"]')
    yield project
    data.use_project_of(SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml")))


def test_settings_follow_the_project_being_built(other_project):
    data.use_project_of(SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml")))
    assert settings.site().province == "Bắc Giang"
    assert is_plan_page("phan-2/nhiem-vu.md") and is_plan_page("bieu-mau-06.md")
    data.use_project_of(SimpleNamespace(config_file_path=str(other_project / "mkdocs.yml")))
    assert settings.site().province == "Lạng Sơn"
    assert is_plan_page("phan-1/x.md") and not is_plan_page("phan-2/nhiem-vu.md")
    assert not is_plan_page("phan-1/anh.png") and not is_plan_page("chi-so.md")


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
