"""The GitHub Actions workflows are valid YAML with the promised triggers and
least permissions: CI on every push and pull request with a read-only token;
deploy from main only, write permissions only in its deploy job. And the
repository guards of SECURITY.md: code owners for every code-equivalent path,
installs from hashed locks only, one container image."""
from __future__ import annotations

import re
import tomllib

import pytest
import yaml

from repoguards import (PINNED, TEAM, _norm, codeowner_rules, is_plan_content, lock_entries, owners_of, pinned,
                        pins, repository_files)
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


def test_ci_caches_pip_and_only_the_archives_unchanged_plans():
    cached = [step for _, step in steps(load("ci.yml")) if step.get("uses", "").startswith("actions/cache@")]
    paths = sorted(step["with"]["path"] for step in cached)
    assert paths == [".cache/kehoach"] + ["~/.cache/pip"] * (len(paths) - 1) and len(paths) >= 2, paths


def test_the_deploy_restores_no_cache_and_the_engines_are_compared_on_full_builds():
    """A cache is an input a pull request's run could have written: the site that is
    published is built from the sources alone; and the ProperDocs build, compared
    with the MkDocs one, builds every plan itself."""
    deploy_caches = [s["with"]["path"] for _, s in steps(load("deploy.yml")) if s.get("uses", "").startswith("actions/cache@")]
    assert all("pip" in path for path in deploy_caches), deploy_caches  # downloads checked by hash, not outputs
    job = load("ci.yml")["jobs"]["properdocs"]
    properdocs = next(s for s in job["steps"] if "properdocs build" in s.get("run", ""))
    assert properdocs.get("env", {}).get("KEHOACH_CACHE") == "0"


def test_ci_compares_the_properdocs_build():
    job = load("ci.yml")["jobs"]["properdocs"]
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "--require-hashes -r requirements-properdocs.txt" in runs
    assert "properdocs==1.6.7" in (ROOT / "requirements-properdocs.in").read_text(encoding="utf-8")
    assert pins(ROOT / "requirements-properdocs.txt")["properdocs"] == "1.6.7"
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


@pytest.mark.parametrize("name", all_workflows())
def test_checkouts_keep_no_credentials(name):
    for job_id, step in steps(load(name)):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False, f"{name} {job_id}"


def test_deploy_job_is_the_pages_environment_on_main_only():
    workflow = load("deploy.yml")
    assert "pull_request" not in triggers(workflow)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["if"] == "github.ref == 'refs/heads/main'"
    assert not any("run" in step for step in deploy["steps"]), "the job holding the Pages token runs no command"


# One image for every job that runs commands, in every workflow, written as a
# tag or as tag@sha256:<digest>; SECURITY.md tells how to pin the digest.
IMAGE = re.compile(r"python:3\.11-bookworm(@sha256:[0-9a-f]{64})?")


def test_every_job_that_runs_commands_uses_the_one_container_image():
    images = {}
    for name in all_workflows():
        for job_id, job in load(name)["jobs"].items():
            if any("run" in step for step in job.get("steps", [])):
                image = job.get("container")
                image = image.get("image") if isinstance(image, dict) else image
                assert image and IMAGE.fullmatch(image), f"{name} {job_id}: container {image!r}"
                images[f"{name} {job_id}"] = image
    assert len(images) >= 3 and len(set(images.values())) == 1, images


# --- Code owners (.github/CODEOWNERS) ---------------------------------------

CODE_EQUIVALENT = ["mkdocs.yml", "mkdocs-plan.yml", "hooks.py", "archive_hooks.py", "macros.py", "kehoach/",
                   "overrides/", "schemas/", "Makefile", "requirements.in", "requirements.txt", "pyproject.toml",
                   "tests/", "tools/", "bench/", ".github/", ".pre-commit-config.yaml", ".ci/", "archive/", "plans/"]


def test_codeowners_names_the_one_team_that_security_md_names():
    rules = codeowner_rules()
    assert {owner for _, owners in rules for owner in owners} == {TEAM}
    assert TEAM in (ROOT / "SECURITY.md").read_text(encoding="utf-8")


def test_codeowners_names_each_code_equivalent_path():
    named = {pattern.lstrip("/") for pattern, owners in codeowner_rules() if owners}
    for path in CODE_EQUIVALENT:
        assert (ROOT / path).exists(), path
        assert path in named, f"CODEOWNERS must name /{path}"


def test_every_top_level_entry_is_named_in_codeowners():
    named = {pattern.strip("/") for pattern, owners in codeowner_rules() if owners}
    top = {path.split("/", 1)[0] for path in repository_files()}
    assert {"plans", "kehoach"} <= top
    missing = sorted(top - named)
    assert not missing, f"CODEOWNERS names no line for {missing}: add one (is it code or content?)"


def test_every_file_but_the_plans_content_needs_a_code_owner():
    files = repository_files()
    assert any(is_plan_content(f) for f in files) and any(f.startswith("kehoach/") for f in files)
    for path in files:
        if is_plan_content(path):
            assert owners_of(path) == [], f"{path} is content: clerks edit it without a code owner"
        else:
            assert owners_of(path) == [TEAM], f"{path} needs a code owner's review"


# Paths a pull request could add. Content is a file: a folder named like a page
# (x.md) or a data file (x.yml) is not, nor is anything inside it, such as a
# script docs/ would publish as it is or a module under data/.
RELEASED_ONLY_AS_FILES = {
    "plans/snv-2022/docs/phan-1/trang-moi.md": [],
    "plans/snv-2022/docs/index.md": [],
    "plans/snv-2022/data/figures.yml": [],
    "plans/snv-2022/data/site.yml": [TEAM],
    "plans/snv-2022/docs/evil.md/script.js": [TEAM],
    "plans/snv-2022/docs/phan-1/evil.md/index.html": [TEAM],
    "plans/snv-2022/docs/evil.md/trang.md": [TEAM],
    "plans/snv-2022/docs/evil.md/sau/hon.md": [TEAM],
    "plans/snv-2022/data/evil.yml/x.yml": [TEAM],
    "plans/snv-2022/data/evil.yml/hooks.py": [TEAM],
    "plans/snv-2022/data/sub/x.yml": [TEAM],
    "plans/snv-2022/docs/assets/x.md": [],  # a page, rendered and checked like any other
}


@pytest.mark.parametrize("path", sorted(RELEASED_ONLY_AS_FILES))
def test_codeowners_releases_content_files_never_folders_named_like_them(path):
    assert owners_of(path) == RELEASED_ONLY_AS_FILES[path], path


# --- Installs from hashed locks ---------------------------------------------

LOCKS = ["requirements.txt", "requirements-properdocs.txt"]


@pytest.mark.parametrize("lock", LOCKS)
def test_every_locked_requirement_is_pinned_with_hashes(lock):
    entries = lock_entries(ROOT / lock)
    assert len(entries) >= 40, entries
    for entry in entries:
        assert PINNED.match(entry) and " " in entry, f"{lock}: {entry[:60]} is not pinned with =="
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), f"{lock}: {entry.split()[0]} has no hash"
    assert "make lock" in (ROOT / lock).read_text(encoding="utf-8")[:300], f"{lock}: not made by `make lock`"


@pytest.mark.parametrize("source, lock", [("requirements.in", "requirements.txt"),
                                          ("requirements-properdocs.in", "requirements-properdocs.txt")])
def test_every_pin_a_person_wrote_is_locked_at_that_version(source, lock):
    wanted, locked = pins(ROOT / source), pins(ROOT / lock)
    assert wanted, source
    for name, version in wanted.items():
        assert locked.get(name) == version, f"{source} pins {name}=={version}, {lock} has {locked.get(name)}: make lock"


@pytest.mark.parametrize("lock", LOCKS)
def test_every_extra_a_locked_package_asks_for_is_locked(lock):
    """pip 23.2 (Python 3.11's) resolves `fonttools[woff]`, asked for by weasyprint,
    apart from a plain `fonttools==` pin, to the newest release: once one newer
    than the lock is published, --require-hashes refuses the whole install. So an
    extra that an installed package of the lock asks for must be on its pin."""
    from importlib import metadata

    from packaging.requirements import Requirement

    locked = pinned(ROOT / lock)
    asked = 0
    for dist in metadata.distributions():
        if _norm(dist.metadata["Name"]) not in locked:
            continue
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                continue
            name = _norm(req.name)
            if req.extras and name in locked:
                asked += 1
                missing = {_norm(e) for e in req.extras} - locked[name][1]
                assert not missing, (f"{lock}: {dist.metadata['Name']} asks for {req}, the lock pins "
                                     f"{name} without [{','.join(sorted(missing))}]: make lock")
    assert asked >= 1  # weasyprint's fonttools[woff] at least


def test_the_two_locks_agree_on_every_shared_package():
    main, properdocs = pins(ROOT / "requirements.txt"), pins(ROOT / "requirements-properdocs.txt")
    assert len(pins(ROOT / "requirements.in")) >= 15
    assert set(properdocs) - set(main) == {"properdocs"}
    assert {name: properdocs[name] for name in main} == main


def test_the_build_backend_is_locked():
    locked = pins(ROOT / "requirements.txt")
    backend = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    assert backend == [f"setuptools=={locked['setuptools']}"]


def makefile_recipe(target: str) -> str:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    m = re.search(rf"^{re.escape(target)}:.*\n((?:\t.*\n)+)", text, flags=re.MULTILINE)
    assert m, f"Makefile has no recipe for {target}"
    return m.group(1)


def test_make_install_requires_hashes_and_installs_our_package_without_dependencies():
    lines = [line.strip() for line in makefile_recipe("$(VENV)/.installed").splitlines() if "pip install" in line]
    assert len(lines) == 2, lines
    assert "--require-hashes -r requirements.txt" in lines[0]
    assert "--no-deps" in lines[1] and "--no-build-isolation" in lines[1] and lines[1].endswith("-e .")
    assert re.search(r"^VENV\s*\?=", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.MULTILINE)


def test_make_lock_uses_a_pinned_pip_tools_with_hashes():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PIP_TOOLS\s*:=\s*pip-tools==\d+\.\d+\.\d+$", text, flags=re.MULTILINE)
    assert re.search(r"^LOCK_FLAGS\s*:=.*--generate-hashes", text, flags=re.MULTILINE)
    recipe = makefile_recipe("lock")
    assert "$(PIP_TOOLS)" in recipe
    for lock in LOCKS:
        assert f"pip-compile $(LOCK_FLAGS) -o {lock} {lock[:-4]}.in" in recipe


@pytest.mark.parametrize("name", all_workflows())
def test_workflows_install_only_from_hashed_locks(name):
    installs = 0
    for job_id, step in steps(load(name)):
        for line in step.get("run", "").splitlines():
            if "pip install" in line:
                installs += 1
                hashed = "--require-hashes -r requirements" in line
                own_package = "--no-deps" in line and "--no-build-isolation" in line and line.rstrip().endswith("-e .")
                assert hashed or own_package, f"{name} {job_id}: {line.strip()}"
    assert installs or name != "ci.yml"
