"""The GitHub Actions workflows are valid YAML with the promised triggers and
least permissions: CI on every push and pull request with a read-only token;
deploy from main only, write permissions only in its deploy job."""
from __future__ import annotations

import re

import pytest
import yaml

from siteutil import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    return on


def steps(workflow: dict):
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def all_workflows():
    return sorted(p.name for p in WORKFLOWS.glob("*.y*ml"))


def test_there_are_the_two_workflows():
    assert {"ci.yml", "deploy.yml"} <= set(all_workflows())


@pytest.mark.parametrize("name", all_workflows())
def test_every_action_is_pinned_by_commit_sha(name):
    for job_id, step in steps(load(name)):
        if "uses" in step:
            assert SHA_PIN.match(step["uses"]), f"{name} {job_id}: {step['uses']} is not pinned by a full SHA"


@pytest.mark.parametrize("name", all_workflows())
def test_no_workflow_runs_pull_request_target(name):
    # pull_request_target runs fork code with a write token: never.
    assert "pull_request_target" not in triggers(load(name))


@pytest.mark.parametrize("name", all_workflows())
def test_default_token_is_read_only(name):
    workflow = load(name)
    assert workflow["permissions"] == {"contents": "read"}


def test_ci_runs_on_every_push_and_pull_request():
    on = triggers(load("ci.yml"))
    assert "push" in on and "pull_request" in on
    assert not (on["push"] or {}).get("branches"), "CI must run on pushes to every branch"
    assert not (on["pull_request"] or {}).get("branches"), "CI must run on pull requests to every branch"


def test_ci_jobs_never_write():
    for job_id, job in load("ci.yml")["jobs"].items():
        perms = job.get("permissions", {})
        assert all(v in ("read", "none") for v in perms.values()), f"ci.yml {job_id} asks for {perms}"


def test_ci_runs_exactly_the_readme_test_command():
    runs = [step.get("run", "").strip() for job_id, step in steps(load("ci.yml")) if job_id == "test"]
    assert "make test" in runs
    installs = " ".join(runs)
    assert "apt-get install" in installs and "chromium" in installs


def test_ci_caches_pip():
    cached = [step for _, step in steps(load("ci.yml")) if step.get("uses", "").startswith("actions/cache@")]
    assert cached and all("pip" in step["with"]["path"] for step in cached)


def test_ci_compares_the_properdocs_build():
    job = load("ci.yml")["jobs"]["properdocs"]
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "properdocs==1.6.7" in runs
    assert "properdocs build --strict" in runs and "mkdocs build --strict" in runs
    assert "tools/compare_builds.py" in runs
    assert (ROOT / "tools" / "compare_builds.py").is_file()


def test_deploy_runs_from_main_only():
    workflow = load("deploy.yml")
    on = triggers(workflow)
    assert set(on) <= {"push", "workflow_dispatch"}, on
    assert on["push"] == {"branches": ["main"]}
    for job in workflow["jobs"].values():
        assert job.get("if") == "github.ref == 'refs/heads/main'"


def test_deploy_write_permissions_only_in_the_deploy_job():
    jobs = load("deploy.yml")["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["needs"] == "build"
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    for job_id, job in jobs.items():
        if job_id != "deploy":
            assert "permissions" not in job, f"{job_id} must keep the read-only default"
    uses = [step.get("uses", "") for step in jobs["deploy"]["steps"]]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def test_deploy_tests_before_it_publishes():
    runs = [step.get("run", "").strip() for _, step in steps(load("deploy.yml"))]
    assert runs.index("make test") < runs.index("make build")


def test_deploy_publishes_at_the_pages_address():
    build = next(step for _, step in steps(load("deploy.yml")) if step.get("run") == "make build")
    assert build["env"]["KEHOACH_SITE_URL"].startswith("https://${{ github.repository_owner }}.github.io/")
