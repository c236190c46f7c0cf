"""The change log page ("Lịch sử thay đổi") as a reader gets it, built from a
TEST repository made here: a copy of the project, committed with hostile
messages (HTML, Markdown, Jinja, 10 KB, direction characters), a change of
code alone, and more changes than the page lists; and built without history."""
from __future__ import annotations

import os
import subprocess
from urllib.parse import urljoin

import pytest

from siteutil import PLAN_ID, copy_project, repo_of, run_build

REPO = "https://github.com/vi-du/ke-hoach"
LOG_URL = "ve-trang-nay/lich-su-thay-doi/"
OLDER = 200  # changes made before the hostile ones: with the first commit, more than the page lists
BIG = "Sửa chữ " * 1400  # about 11 KB
HOSTILE = [  # (subject given to git, the file it changes from the plan folder), oldest first
    ("<script>alert(1)</script> sửa trang tôn giáo", "docs/phan-1/ket-qua/ton-giao.md"),
    ("**x** [a](javascript:alert(1)) {{ config.site_name }} <img src=x onerror=alert(1)>", "data/register.yml"),
    (BIG, "docs/index.md"),
    ("Sửa \u202egnp.exe\u202c trang \u2066viết tắt\u2069", "docs/tu-viet-tat.md"),
]
CODE_ONLY = "Chỉ sửa mã nguồn, không đổi nội dung"


def git(cwd, *args, date=None):
    env = dict(os.environ, GIT_AUTHOR_DATE=date or "", GIT_COMMITTER_DATE=date or "")
    if not date:
        env.pop("GIT_AUTHOR_DATE"), env.pop("GIT_COMMITTER_DATE")
    return subprocess.run(["git", "-c", "user.name=Thử", "-c", "user.email=thu@example.invalid", *args],
                          cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def touch(path):
    """A change git sees that leaves the plan's words as signed (a blank line at the end)."""
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")


def build(project, site, **env):
    saved = {k: os.environ.pop(k, None) for k in ("KEHOACH_REPO_URL", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY")}
    try:
        os.environ.update(env)
        result = run_build(project, site)
    finally:
        for k in env:
            os.environ.pop(k, None)
        os.environ.update({k: v for k, v in saved.items() if v is not None})
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """The built site of a test repository, and the hashes of its hostile commits (oldest first)."""
    tmp = tmp_path_factory.mktemp("changelog")
    project = copy_project(tmp / "repo")
    repo = repo_of(project)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Đăng Kế hoạch", date="2022-01-02T09:00:00+07:00")
    note = project / "docs" / "ve-trang-nay" / "ghi-chu-van-ban.md"
    for i in range(OLDER):
        touch(note)
        git(repo, "commit", "-q", "-am", f"Sửa ghi chú lần {i}", date=f"2022-01-03T09:{i // 60:02d}:{i % 60:02d}+07:00")
    shas = []
    for day, (subject, path) in enumerate(HOSTILE, start=1):
        touch(project / path)
        message = tmp / "message.txt"
        message.write_text(subject + "\n\nThân thư *không* hiện.\n", encoding="utf-8")
        git(repo, "commit", "-q", "-a", "-F", str(message), date=f"2022-02-{day:02d}T10:00:00+07:00")
        shas.append(git(repo, "rev-parse", "HEAD").strip())
        if day == 2:  # a change of code alone, between two changes of content
            touch(repo / "overrides" / "assets" / "stylesheets" / "site.css")
            git(repo, "commit", "-q", "-am", CODE_ONLY, date="2022-02-02T12:00:00+07:00")
    code_sha = git(repo, "log", "-1", "--format=%H", "--", "overrides").strip()
    result = build(project, tmp / "site", KEHOACH_REPO_URL=REPO)
    return result, shas, code_sha


def changes(result):
    return result.page(LOG_URL).select("ol.kh-changelog > li.kh-change")


def test_changes_are_listed_newest_first_and_bounded(history):
    result, shas, _ = history
    items = changes(result)
    assert len(items) == 200  # at most 200
    assert [li["id"] for li in items[:4]] == [f"thay-doi-{sha[:12]}" for sha in reversed(shas)]
    dates = [li.select_one("time")["datetime"] for li in items]
    assert dates == sorted(dates, reverse=True)
    assert dates[:4] == ["2022-02-04", "2022-02-03", "2022-02-02", "2022-02-01"]
    assert items[4].select_one(".kh-change-subject").get_text() == f"Sửa ghi chú lần {OLDER - 1}"
    older = result.page(LOG_URL).select_one(".kh-changelog-older")
    # 1 first commit + 200 + 4 changes of content: the oldest 5 are in the repository.
    assert "chỉ liệt kê 200 thay đổi gần nhất; 5 thay đổi cũ hơn" in older.get_text(" ", strip=True)
    assert older.select_one("a")["href"] == f"{REPO}/commits/main/plans/{PLAN_ID}/"


def test_a_change_of_code_alone_is_not_listed(history):
    result, _, code_sha = history
    page = result.page(LOG_URL)
    assert CODE_ONLY not in page.get_text()
    assert page.find(id=f"thay-doi-{code_sha[:12]}") is None
    assert code_sha not in str(page)


def test_messages_are_escaped_plain_bounded_text(history):
    result, shas, _ = history
    page = result.page(LOG_URL)
    listed = page.select_one("ol.kh-changelog")
    subjects = [li.select_one(".kh-change-subject").get_text() for li in changes(result)[:4]]
    bidi, script, markdown = subjects[0], subjects[3], subjects[2]
    assert script == "<script>alert(1)</script> sửa trang tôn giáo"  # shown as the words typed
    assert markdown == "**x** [a](javascript:alert(1)) {{ config.site_name }} <img src=x onerror=alert(1)>"
    assert listed.select("script, img, strong, em") == []  # neither HTML nor Markdown
    assert not [a for a in listed.select("a") if not a["href"].startswith(("../", "#", REPO))]
    assert "Thân thư" not in page.get_text()  # the subject line only
    big = subjects[1]
    assert len(big) <= 200 and big.endswith("…") and big.startswith("Sửa chữ Sửa chữ")
    assert len((result.site / LOG_URL / "index.html").read_text(encoding="utf-8")) < 400_000
    assert bidi == "Sửa gnp.exe trang viết tắt"
    assert not any(ch in str(page) for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    for li, sha in zip(changes(result)[:4], reversed(shas)):
        assert li.select_one(".kh-change-link a")["href"] == f"{REPO}/commit/{sha}"


def test_each_change_names_its_files_and_links_its_pages(history):
    result, shas, _ = history
    items = {li["id"]: li for li in changes(result)}
    ton_giao = items[f"thay-doi-{shas[0][:12]}"]
    assert [c.get_text() for c in ton_giao.select(".kh-change-files code")] == ["docs/phan-1/ket-qua/ton-giao.md"]
    link = ton_giao.select_one(".kh-change-pages a")
    assert link.get_text() == "7. Công tác quản lý nhà nước về tôn giáo"  # the page's title
    assert urljoin("/" + LOG_URL, link["href"]) == "/phan-1/ket-qua/ton-giao/"
    register = items[f"thay-doi-{shas[1][:12]}"]
    assert [c.get_text() for c in register.select(".kh-change-files code")] == ["data/register.yml"]
    assert "/van-ban/" in [urljoin("/" + LOG_URL, a["href"]) for a in register.select(".kh-change-pages a")]


def test_a_page_date_links_to_its_own_changes(history):
    result, shas, _ = history
    aside = result.page("phan-1/ket-qua/ton-giao/").select_one("aside.kh-updated")
    link = aside.select_one("a")
    assert link.get_text(" ", strip=True) == "ngày 1 tháng 2 năm 2022"
    target = urljoin("/phan-1/ket-qua/ton-giao/", link["href"])
    assert target == f"/{LOG_URL}#trang-phan-1-ket-qua-ton-giao"
    own = result.page(LOG_URL).find(id="trang-phan-1-ket-qua-ton-giao")
    dates = own.select("a[href^='#']")
    assert [a["href"] for a in dates] == [f"#thay-doi-{shas[0][:12]}"]  # its one change among those listed
    assert "cũ hơn" in own.get_text()  # and the first commit, older than the 200 listed
    # A register entry's page (no list of its own) links to the newest change of its data.
    entry = next(p.name for p in sorted((result.site / "van-ban").iterdir()) if p.is_dir())
    href = result.page(f"van-ban/{entry}/").select_one("aside.kh-updated a")["href"]
    assert urljoin(f"/van-ban/{entry}/", href) == f"/{LOG_URL}#thay-doi-{shas[1][:12]}"
    # Every page's date link has its target on the change log page.
    ids = {el["id"] for el in result.page(LOG_URL).select("[id]")}
    for html in result.site.rglob("index.html"):
        a = result.page(str(html.parent.relative_to(result.site)) + "/").select_one("aside.kh-updated a")
        if a is not None:
            assert a["href"].split("#")[1] in ids, html


def test_the_page_is_in_the_nav_under_about(history):
    result, _, _ = history
    here = "/ve-trang-nay/ghi-chu-van-ban/"  # the nav is pruned to the open section (navigation.prune)
    nav = result.page(here).select("nav.md-nav--primary a.md-nav__link[href]")
    assert any(urljoin(here, a["href"]) == f"/{LOG_URL}" and "Lịch sử thay đổi" in a.get_text() for a in nav)


@pytest.mark.parametrize("kind", ["not a repository", "shallow clone"])
def test_without_history_the_page_says_so(history, tmp_path, kind):
    if kind == "not a repository":
        project = copy_project(tmp_path / "copy")
    else:
        source = repo_of(history[0].site.parent / "repo" / "plans" / PLAN_ID)
        clone = tmp_path / "clone"
        subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{source}", str(clone)], check=True,
                       capture_output=True)
        project = clone / "plans" / PLAN_ID
    result = build(project, tmp_path / "site", KEHOACH_REPO_URL=REPO)
    page = result.page(LOG_URL)
    note = page.select_one(".kh-changelog-none")
    assert note.get_text(" ", strip=True).startswith("Không có lịch sử thay đổi: bản dựng này")
    assert page.select("li.kh-change") == []
    assert result.page("phan-1/").select_one("aside.kh-updated") is None  # and no page dates
