"""The plans' mkdocs.yml read by libyaml in the archive's process (kehoach/patches/plan_configs.py):
the same configuration as MkDocs' own read, and MkDocs' own message for a file it refuses."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from material.plugins.projects.config import ProjectsConfig
from material.plugins.projects.structure import Project
from mkdocs.exceptions import ConfigurationError

from kehoach.patches import plan_configs
from siteutil import ROOT

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml: nothing is patched")


@pytest.fixture
def patched():
    original = Project._resolve_config
    assert plan_configs.install()
    assert plan_configs.install()  # twice: still one wrapper over the original
    yield original
    Project._resolve_config = original


def _values(config) -> dict:
    return {name: config.get(name) for name in config.keys()}


@pytest.mark.parametrize("plan", sorted(p.name for p in (ROOT / "plans").iterdir() if (p / "mkdocs.yml").is_file()))
def test_every_plan_reads_the_same_as_with_mkdocs_own_parser(patched, plan):
    file = str(ROOT / "plans" / plan / "mkdocs.yml")
    ours = Project._resolve_config(None, file)
    theirs = patched(None, file)
    assert _values(ours) == _values(theirs)
    assert ours["nav"]  # the plan's own pages, with what it inherits merged
    assert ours["markdown_extensions"] == theirs["markdown_extensions"]  # !!python/name and !ENV as MkDocs reads them


def test_a_plan_config_libyaml_refuses_gets_mkdocs_own_message(patched, tmp_path):
    plan = tmp_path / "plans" / "x-2030"
    plan.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs-plan.yml", tmp_path / "mkdocs-plan.yml")
    (plan / "mkdocs.yml").write_text("INHERIT: ../../mkdocs-plan.yml\nsite_name: [Kế hoạch\nnav: []\n",
                                     encoding="utf-8")
    with pytest.raises(ConfigurationError) as ours:
        Project._resolve_config(None, str(plan / "mkdocs.yml"))
    with pytest.raises(ConfigurationError) as theirs:
        patched(None, str(plan / "mkdocs.yml"))
    assert str(ours.value) == str(theirs.value)
    assert "MkDocs encountered an error parsing the configuration file" in str(ours.value)
    assert "line 2" in str(ours.value) or "line 3" in str(ours.value)


def test_the_projects_plugin_reads_every_plan_with_it(patched):
    """Project(file, plugin) is how the plugin reads each plan: it goes through the patch."""
    plugin = ProjectsConfig()
    plugin.load_dict({})
    file = str(ROOT / "plans" / "snv-2022" / "mkdocs.yml")
    project = Project(file, plugin, ".snv-2022")
    assert project.config["site_name"] == patched(None, file)["site_name"]
    assert Project._resolve_config.kehoach_kept


def _archive_of_one(tmp_path):
    """plans/x-2030/mkdocs.yml inheriting the repository's mkdocs-plan.yml, in tmp_path."""
    plan = tmp_path / "plans" / "x-2030"
    plan.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs-plan.yml", tmp_path / "mkdocs-plan.yml")
    shutil.copy(ROOT / "plans" / "snv-2022" / "mkdocs.yml", plan / "mkdocs.yml")
    return str(plan / "mkdocs.yml")


def test_each_plan_gets_its_own_copy_of_what_it_inherits(patched, tmp_path):
    file = _archive_of_one(tmp_path)
    first = Project._resolve_config(None, file)
    first["markdown_extensions"].append("changed_by_one_plan")
    first["theme"]["features"].append("changed_by_one_plan")
    second = Project._resolve_config(None, file)
    assert "changed_by_one_plan" not in second["markdown_extensions"]
    assert "changed_by_one_plan" not in second["theme"]["features"]
    assert _values(second) == _values(patched(None, file))


def test_a_changed_inherited_file_is_read_again(patched, tmp_path):
    file = _archive_of_one(tmp_path)
    assert Project._resolve_config(None, file)["repo_name"] != "Kho mới"
    parent = tmp_path / "mkdocs-plan.yml"
    parent.write_text(parent.read_text(encoding="utf-8") + "\nrepo_name: Kho mới\n", encoding="utf-8")
    assert Project._resolve_config(None, file)["repo_name"] == "Kho mới"
    assert _values(Project._resolve_config(None, file)) == _values(patched(None, file))


def test_an_inherited_file_with_a_relative_tag_is_read_for_each_plan(patched, tmp_path):
    """`!relative` binds a value to one plan's configuration: such a file is not kept."""
    from mkdocs.utils.yaml import _DirPlaceholder

    file = _archive_of_one(tmp_path)
    parent = tmp_path / "mkdocs-plan.yml"
    parent.write_text(parent.read_text(encoding="utf-8") + "\nextra_templates_dir: !relative $config_dir\n",
                      encoding="utf-8")
    first = Project._resolve_config(None, file)
    second = Project._resolve_config(None, file)
    assert isinstance(first["extra_templates_dir"], _DirPlaceholder)
    assert first["extra_templates_dir"].config is first
    assert second["extra_templates_dir"].config is second


@pytest.fixture
def stored(tmp_path):
    """install() with a store in tmp_path; `again()` starts a new process's patch on the same store."""
    original = Project._resolve_config
    store = tmp_path / "cache" / "plan-configs.json"

    def again():
        Project._resolve_config = original
        return plan_configs.install(lambda path: store if "plans" in Path(path).parts else plan_configs.NOT_A_PLAN)

    yield again, store, original
    Project._resolve_config = original


def test_a_plain_plan_file_is_kept_across_builds_by_its_bytes(stored, tmp_path, monkeypatch):
    again, store, original = stored
    file = _archive_of_one(tmp_path)
    kept = again()
    Project._resolve_config(None, str(ROOT / "mkdocs.yml"))  # the archive's own, read first by the plugin
    first = _values(Project._resolve_config(None, file))
    kept.save()
    files = json.loads(store.read_text(encoding="utf-8"))["files"]
    assert len(files) == 1  # the plan's own file; mkdocs-plan.yml holds tags (!ENV, !!python/name)
    assert json.loads(next(iter(files.values())))["site_name"].startswith("Kế hoạch")

    kept = again()  # the next build
    parsed = []
    real_load = yaml.load
    monkeypatch.setattr(yaml, "load", lambda *a, **k: parsed.append(a) or real_load(*a, **k))
    assert _values(Project._resolve_config(None, file)) == first == _values(original(None, file))
    ours = [a[0] for a in parsed if isinstance(a[0], (bytes, str))]  # MkDocs' own read passes open files
    assert ours == [(tmp_path / "mkdocs-plan.yml").read_bytes()]  # not the plan's own file: kept
    parsed.clear()

    plan = Path(file)  # an edit: other bytes, parsed anew
    plan.write_text(plan.read_text(encoding="utf-8").replace("site_author: ", "site_author: Ai đó, "),
                    encoding="utf-8")
    kept = again()
    assert Project._resolve_config(None, file)["site_author"].startswith("Ai đó, ")
    kept.save()
    assert len(json.loads(store.read_text(encoding="utf-8"))["files"]) == 1  # only what this build read


@pytest.mark.parametrize("extra", ["extra:\n  when: 2022-01-05\n", "extra:\n  who: !ENV [HOME, x]\n",
                                   "extra:\n  1: một\n", "extra:\n  much: .inf\n"])
def test_values_json_cannot_hold_as_they_are_are_not_kept(stored, tmp_path, extra):
    again, store, original = stored
    file = _archive_of_one(tmp_path)
    Path(file).write_text(Path(file).read_text(encoding="utf-8").replace("extra:\n", extra + "  old:\n"),
                          encoding="utf-8")
    kept = again()
    assert _values(Project._resolve_config(None, file)) == _values(original(None, file))
    kept.save()
    assert not store.exists() or json.loads(store.read_text(encoding="utf-8"))["files"] == {}


@pytest.mark.parametrize("damage", ["", "{", "[]", '{"version": 1, "files": {"x": 3}}'])
def test_a_damaged_store_is_read_as_empty(stored, tmp_path, damage):
    again, store, original = stored
    file = _archive_of_one(tmp_path)
    store.parent.mkdir(parents=True)
    store.write_text(damage, encoding="utf-8")
    kept = again()
    assert _values(Project._resolve_config(None, file)) == _values(original(None, file))
    kept.save()
    assert len(json.loads(store.read_text(encoding="utf-8"))["files"]) == 1


def test_the_archive_keeps_them_in_its_cache_when_the_cache_may_be_used(tmp_path, monkeypatch):
    from kehoach.archive.build import configs_store

    file = _archive_of_one(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: Kho\n", encoding="utf-8")
    assert configs_store(str(tmp_path / "mkdocs.yml")) is plan_configs.NOT_A_PLAN
    assert configs_store(file) == tmp_path / ".cache" / "kehoach" / "plan-configs.json"
    monkeypatch.setenv("KEHOACH_CACHE", "0")
    assert configs_store(file) is None


def test_a_yaml_alias_stays_one_object_in_each_read(patched, tmp_path):
    """An alias shares one value, as MkDocs' own parse does, in every read from what is kept."""
    file = _archive_of_one(tmp_path)
    parent = tmp_path / "mkdocs-plan.yml"
    parent.write_text(parent.read_text(encoding="utf-8") + "\nextra_css: &css [a.css]\nextra_javascript: *css\n",
                      encoding="utf-8")
    theirs = patched(None, file)
    for _ in range(2):
        ours = Project._resolve_config(None, file)
        assert (ours["extra_css"] is ours["extra_javascript"]) == (theirs["extra_css"] is theirs["extra_javascript"])
