"""Every page links to its Markdown file ("Sửa trang này") and shows the date
it last changed in git; the build never fails outside git or in a shallow clone."""
from __future__ import annotations

import os
import subprocess

import pytest

from siteutil import PLAN_ID, copy_project, repo_of, run_build

REPO = "https://github.com/vi-du/ke-hoach-2022"  # any repository; set through the environment
PAGES = {  # Markdown file -> public address
    "index.md": "",
    "phan-1/ket-qua/ton-giao.md": "phan-1/ket-qua/ton-giao/",
    "phan-2/noi-dung-2022/index.md": "phan-2/noi-dung-2022/",
    "bieu-mau-06.md": "bieu-mau-06/",
    "ve-trang-nay/ghi-chu-van-ban.md": "ve-trang-nay/ghi-chu-van-ban/",
}


def git(cwd, *args, date=None):
    env = dict(os.environ)
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-c", "user.name=Thử", "-c", "user.email=thu@example.invalid", *args],
                   cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """A copy of the project in its own git repository with two dated commits;
    the second changes one page and the register."""
    project = copy_project(tmp_path_factory.mktemp("git") / "project")
    git(repo_of(project), "init", "-q", "-b", "main")
    git(repo_of(project), "add", "-A")
    git(repo_of(project), "commit", "-q", "-m", "first", date="2022-01-02T09:00:00+07:00")
    page = project / "docs" / "ve-trang-nay" / "ghi-chu-van-ban.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    register = project / "data" / "register.yml"
    register.write_text(register.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(repo_of(project), "commit", "-q", "-am", "second", date="2022-03-04T23:30:00+07:00")
    return project


def build(project, tmp_path, **env):
    old = {k: os.environ.get(k) for k in ("KEHOACH_REPO_URL", "KEHOACH_SITE_URL", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY")}
    try:
        for key in old:
            os.environ.pop(key, None)
        os.environ.update(env)
        result = run_build(project, tmp_path / "site")
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def with_repo(tmp_path_factory):
    """A copy outside git, built with KEHOACH_REPO_URL set."""
    tmp = tmp_path_factory.mktemp("repo")
    return build(copy_project(tmp / "project"), tmp, KEHOACH_REPO_URL=REPO)


def test_every_page_has_an_edit_link(with_repo):
    result = with_repo
    for src, url in PAGES.items():
        link = result.page(url).select_one("a.kh-edit")
        assert link is not None, url
        assert link["href"] == f"{REPO}/edit/main/plans/{PLAN_ID}/docs/{src}"
        assert link.get_text(" ", strip=True) == "Sửa trang này"
        assert link.has_attr("data-kh-chrome")
    # Material would otherwise fetch stars/forks from api.github.com in the reader's browser.
    for html in result.site.rglob("*.html"):
        assert 'data-md-component="source"' not in html.read_text(encoding="utf-8"), html


def test_github_actions_gives_the_repository(tmp_path):
    result = build(copy_project(tmp_path / "project"), tmp_path,
                   GITHUB_SERVER_URL="https://github.com", GITHUB_REPOSITORY="so-noi-vu/ke-hoach")
    link = result.page("phan-1/").select_one("a.kh-edit")
    assert link["href"] == f"https://github.com/so-noi-vu/ke-hoach/edit/main/plans/{PLAN_ID}/docs/phan-1/index.md"


def test_no_repository_no_edit_link(tmp_path):
    result = build(copy_project(tmp_path / "project"), tmp_path)
    assert result.page("phan-1/").select_one("a.kh-edit") is None


def test_outside_git_the_build_passes_without_dates(with_repo):
    result = with_repo
    assert result.page("phan-1/").select_one(".kh-updated") is None
    assert "No git history" in result.output


def test_each_page_shows_when_it_last_changed(history, tmp_path):
    result = build(history, tmp_path)
    changed = result.page("ve-trang-nay/ghi-chu-van-ban/").select_one("aside.kh-updated")
    assert changed.get_text(" ", strip=True) == "Cập nhật lần cuối: ngày 4 tháng 3 năm 2022"
    assert changed.select_one("time")["datetime"] == "2022-03-04"
    assert changed.has_attr("data-kh-chrome")
    for url in ("", "phan-1/ket-qua/ton-giao/", "bieu-mau-06/"):
        other = result.page(url).select_one("aside.kh-updated")
        assert other.get_text(" ", strip=True) == "Cập nhật lần cuối: ngày 2 tháng 1 năm 2022", url


def test_a_shallow_clone_builds_without_dates(history, tmp_path):
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo_of(history)}", str(clone)],
                   check=True, capture_output=True)
    shallow = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=clone,
                             capture_output=True, text=True).stdout.strip()
    assert shallow == "true"
    result = build(clone / history.relative_to(repo_of(history)), tmp_path)
    assert result.page("ve-trang-nay/ghi-chu-van-ban/").select_one(".kh-updated") is None
    assert "Shallow clone" in result.output


def test_a_register_entry_page_edits_the_register(with_repo):
    result = with_repo
    entry = next(p for p in sorted((result.site / "van-ban").iterdir()) if p.is_dir())
    link = result.page(f"van-ban/{entry.name}/").select_one("a.kh-edit")
    assert link["href"] == f"{REPO}/edit/main/plans/{PLAN_ID}/data/register.yml"


def test_a_register_entry_page_shows_when_the_register_changed(history, tmp_path):
    result = build(history, tmp_path)
    entry = next(p for p in sorted((result.site / "van-ban").iterdir()) if p.is_dir())
    updated = result.page(f"van-ban/{entry.name}/").select_one("aside.kh-updated")
    assert updated.get_text(" ", strip=True) == "Cập nhật lần cuối: ngày 4 tháng 3 năm 2022"


def test_the_deploy_sets_the_site_address(tmp_path):
    result = build(copy_project(tmp_path / "project"), tmp_path, KEHOACH_SITE_URL="https://so-noi-vu.github.io/ke-hoach")
    canonical = result.page("phan-1/").select_one('link[rel="canonical"]')
    assert canonical["href"] == f"https://so-noi-vu.github.io/ke-hoach/{PLAN_ID}/phan-1/"  # the archive's address, then the plan's


DATA_DRAWN = {  # public address -> the data file its content is drawn from
    "bieu-mau-06/": "data/indicators.yml",
    "chi-so/": "data/figures.yml",
    "tu-viet-tat/": "data/abbreviations.yml",
    "van-ban/": "data/register.yml",
}


def test_a_page_drawn_from_data_offers_its_data_file(with_repo):
    for url, data in DATA_DRAWN.items():
        links = with_repo.page(url).select("a.kh-edit")
        shown = [(a.get_text(" ", strip=True), a["href"]) for a in links]
        assert shown[0][0] == "Sửa trang này", (url, shown)
        assert (f"Sửa dữ liệu ({data.split('/')[-1]})", f"{REPO}/edit/main/plans/{PLAN_ID}/{data}") in shown, (url, shown)
        assert all(a.has_attr("data-kh-chrome") and "GitHub" in a["title"] for a in links)
    # A page of the plan's own words has only its Markdown file.
    assert [a.get_text(" ", strip=True) for a in with_repo.page("phan-1/ket-qua/ton-giao/").select("a.kh-edit")] \
        == ["Sửa trang này"]


def test_a_register_entry_page_offers_only_the_register(with_repo):
    entry = next(p for p in sorted((with_repo.site / "van-ban").iterdir()) if p.is_dir())
    links = with_repo.page(f"van-ban/{entry.name}/").select("a.kh-edit")
    assert [(a.get_text(" ", strip=True), a["href"]) for a in links] == [
        ("Sửa dữ liệu (register.yml)", f"{REPO}/edit/main/plans/{PLAN_ID}/data/register.yml")]


def test_a_page_drawn_from_data_shows_when_its_data_changed(history, tmp_path):
    result = build(history, tmp_path)
    updated = result.page("van-ban/").select_one("aside.kh-updated")
    assert updated.get_text(" ", strip=True) == "Cập nhật lần cuối: ngày 4 tháng 3 năm 2022"


def test_a_page_moved_into_its_plan_folder_keeps_the_date_of_its_last_change(tmp_path):
    """The plan moved into plans/<id>/ in one commit: a page whose words did not
    change keeps its date; a file changed in the move takes the move's date."""
    from kehoach.readers.source import last_changed

    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "data").mkdir()
    (repo / "docs" / "trang.md").write_text("# Trang\n\nMột đoạn văn đủ dài để git nhận ra.\n" * 5, encoding="utf-8")
    (repo / "data" / "plan.yml").write_text("# ../schemas/plan.schema.json\nnumber: x\n" * 5, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first", date="2022-01-02T09:00:00+07:00")
    (repo / "plans" / "p").mkdir(parents=True)
    git(repo, "mv", "docs", "plans/p/docs")
    git(repo, "mv", "data", "plans/p/data")
    plan_yml = repo / "plans" / "p" / "data" / "plan.yml"
    plan_yml.write_text("# ../../../schemas/plan.schema.json\n" + plan_yml.read_text(encoding="utf-8"), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "move", date="2022-05-06T09:00:00+07:00")
    dates = last_changed(repo / "plans" / "p")
    assert dates["docs/trang.md"].date().isoformat() == "2022-01-02"
    assert dates["data/plan.yml"].date().isoformat() == "2022-05-06"
