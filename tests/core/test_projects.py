"""The project being built is a value passed to every loader, not a module
global: two projects load side by side in one process, and the cache of
validated data files belongs to whoever made it (kehoach/core/data.py)."""
from __future__ import annotations

import shutil

import pytest

from errorunit import Config, site_macros
from kehoach import macro_list, settings
from kehoach.core import data
from kehoach.core.errors import SiteError
from kehoach.hooks import Dispatcher
from kehoach.indicators import model as indicators
from kehoach.readers import source
from siteutil import PLAN, ROOT, edit


def _copy(dest, province=None, folders=None):
    shutil.copytree(PLAN / "data", dest / "data")
    shutil.copytree(ROOT / "schemas", dest / "schemas")
    (dest / "docs").mkdir()
    (dest / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    if province:
        edit(dest, "data/site.yml", 'province: "Bắc Giang"', f'province: "{province}"')
    if folders:
        edit(dest, "data/site.yml", '["phan-1/", "phan-2/"]', folders)
    return dest


@pytest.fixture
def two(tmp_path):
    return (_copy(tmp_path / "a", "Lạng Sơn", '["phan-1/"]'),
            _copy(tmp_path / "b", "Bắc Kạn", '["phan-2/"]'))


def test_two_projects_loaded_in_turn_keep_their_own_site(two):
    a, b = (data.Project.at(p) for p in two)
    for _ in range(2):  # interleaved, and again: nothing carried from one to the other
        site_a, site_b = settings.load_site(a), settings.load_site(b)
        assert (site_a.province, site_b.province) == ("Lạng Sơn", "Bắc Kạn")
        assert site_a.is_plan_page("phan-1/x.md") and not site_a.is_plan_page("phan-2/x.md")
        assert site_b.is_plan_page("phan-2/x.md") and not site_b.is_plan_page("phan-1/x.md")


def test_two_projects_sharing_one_cache_do_not_interfere(two):
    """Even one cache (a Dispatcher building one project, then another) keeps them apart."""
    cache = data.DataCache()
    a, b = (data.Project.at(p, cache) for p in two)
    assert settings.load_site(a).province == "Lạng Sơn"
    assert settings.load_site(b).province == "Bắc Kạn"
    assert settings.load_site(a).province == "Lạng Sơn"


def test_messages_name_files_of_the_project_they_come_from(two):
    a, b = two
    edit(b, "data/indicators.yml", "tables:", "tablez:")
    assert indicators.load_tables(data.Project.at(a))  # a is unaffected by b's slip
    with pytest.raises(SiteError) as err:
        indicators.load_tables(data.Project.at(b))
    assert str(err.value).startswith("data/indicators.yml")


def test_the_data_cache_belongs_to_its_owner(tmp_path):
    project = _copy(tmp_path / "p")
    first, second = data.Project.at(project), data.Project.at(project)
    assert first.cache is not second.cache  # made without a cache: each project its own
    loaded = data.load("plan", first)
    assert data.load("plan", first) is loaded  # warm: not parsed again
    assert len(first.cache) == 1 and len(second.cache) == 0
    assert data.load("plan", second) is not loaded  # another owner parses and checks it itself
    edit(project, "data/plan.yml", 'signer_name: "Vũ Mạnh Hùng"', 'signer_name: "Vũ Mạnh Hùng "')
    assert data.load("plan", first) is not loaded  # an edited file is a new key


def test_a_dispatcher_keeps_its_cache_across_builds_and_makes_a_state_per_build(two):
    a, b = two
    dispatcher, other = Dispatcher(), Dispatcher()
    assert dispatcher.data_cache is not other.data_cache
    config_a = Config(a, docs_dir=str(a / "docs"))
    state = dispatcher.state_for(config_a)
    assert dispatcher.state_for(config_a) is state  # mkdocs-macros' on_config, then ours: one state
    assert state.root == a.resolve() and state.project.cache is dispatcher.data_cache
    loaded = data.load("site", state.project)
    rebuilt = dispatcher.state_for(Config(a, docs_dir=str(a / "docs")))  # serve's next build: a new config
    assert rebuilt is not state and rebuilt.project.cache is dispatcher.data_cache
    assert data.load("site", rebuilt.project) is loaded  # warm rebuild: the file is not checked again
    assert data.load("site", other.state_for(config_a).project) is not loaded
    assert dispatcher.state_for(Config(b, docs_dir=str(b / "docs"))).root == b.resolve()


def test_macros_are_declared_once():
    """The names register defines are the declared ones, and the edit links read the same list."""
    assert site_macros() == macro_list.SITE_MACROS == {m.name for m in macro_list.MACROS}
    assert set(macro_list.DATA_OF_MACRO) <= macro_list.SITE_MACROS
    page = '{{ index_results() }} {{ indicator_table("bieu-06") }} {{ full_plan() }} {{ index_checks() }}'
    assert source.data_files(page, macro_list.DATA_OF_MACRO) == ["data/figures.yml", "data/indicators.yml"]
