"""The fast checks that pre-commit runs (tools/check_data.py, tools/check_nfc.py)."""
from __future__ import annotations

import subprocess
import sys
import unicodedata

import yaml

from siteutil import ROOT, copy_project, repo_of


def run(script, *args, cwd=ROOT):
    return subprocess.run([sys.executable, str(cwd / "tools" / script), *args],
                          capture_output=True, text=True, cwd=cwd)


def copy_with_tools(tmp_path):
    return copy_project(tmp_path / "project", ["data", "schemas", "kehoach", "tools"])


def test_pre_commit_config_runs_the_fast_checks():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert hooks["check-yaml"]["args"] == ["--unsafe"]  # mkdocs.yml has !!python/name
    assert hooks["data-schemas"]["entry"] == "python tools/check_data.py"
    assert hooks["nfc"]["entry"] == "python tools/check_nfc.py"


def test_check_data_passes_on_the_repository():
    result = run("check_data.py")
    assert result.returncode == 0, result.stderr
    assert "data/plan.yml" in result.stdout


def test_check_data_wants_the_schema_line(tmp_path):
    project = copy_with_tools(tmp_path)
    plan = project / "data" / "plan.yml"
    plan.write_text(plan.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    result = run("check_data.py", cwd=repo_of(project))
    assert result.returncode == 1
    assert "data/plan.yml, dòng 1 (line 1):" in result.stderr
    assert "# yaml-language-server: $schema=../../../schemas/plan.schema.json" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_data_reports_a_schema_error_with_its_line(tmp_path):
    project = copy_with_tools(tmp_path)
    plan = project / "data" / "plan.yml"
    plan.write_text(plan.read_text(encoding="utf-8").replace('kind: "KẾ HOẠCH"', "kind: [1]"), encoding="utf-8")
    result = run("check_data.py", cwd=repo_of(project))
    assert result.returncode == 1
    assert "dòng 6 (line 6)" in result.stderr and "kiểu sai" in result.stderr


def test_check_nfc_finds_decomposed_text(tmp_path):
    good, bad = tmp_path / "good.md", tmp_path / "bad.md"
    good.write_text("Kế hoạch\n", encoding="utf-8")
    bad.write_text("Dòng một\n" + unicodedata.normalize("NFD", "Kế hoạch") + "\n", encoding="utf-8")
    assert run("check_nfc.py", str(good)).returncode == 0
    result = run("check_nfc.py", str(good), str(bad))
    assert result.returncode == 1
    assert f"{bad}, dòng 2 (line 2):" in result.stderr
    assert run("check_nfc.py", "--fix", str(bad)).returncode == 0
    assert run("check_nfc.py", str(bad)).returncode == 0


def test_pre_commit_never_touches_the_record():
    import re

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert re.search(config["exclude"], "record/ke-hoach-2022-ban-ky.txt")
