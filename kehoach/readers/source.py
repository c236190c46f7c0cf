"""Where each page comes from: the "Sửa trang này" link and the last-change date
(and where the site is published: KEHOACH_SITE_URL, see configure_site_url).

Edit link. The site links every page to its Markdown file on GitHub. The
repository is not written in mkdocs.yml (the site does not know where it will
be hosted); `configure_repo` takes it from, in order:
  1. KEHOACH_REPO_URL, e.g. https://github.com/<owner>/<repo> (set it for a local build);
  2. GITHUB_SERVER_URL + GITHUB_REPOSITORY, which GitHub Actions sets itself,
     so the published site always points at the repository it was built from;
  3. `repo_url` in mkdocs.yml, if someone writes one.
With none of them, pages have no edit link (nothing points at a made-up place).
KEHOACH_EDIT_BRANCH (default: main) is the branch the link opens.

Data-drawn pages. A page whose content a macro draws from a data file
(Biểu mẫu 06, Chỉ số, Từ viết tắt, the register) also offers "Sửa dữ liệu"
for that file (`edit_links`): its Markdown holds only the macro call. The
register's entry pages have no Markdown file: they offer the data file only.

Last change. `history` asks git once per build for the whole log (read by
kehoach/changelog/model.py): the date of the last commit that changed each
file, and the plan's change log page (kehoach/changelog/). It never fails the
build: outside a git repository, in a shallow clone (where every file would
get the date of the one commit fetched, which would be wrong) or without git,
pages get no date and the change log page says why.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import posixpath
import re
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Iterable, Mapping

from kehoach.changelog import model as changelog
from kehoach.changelog.model import History
from kehoach.core.files import write_aside

log = logging.getLogger("mkdocs.plugins.kehoach")


def repo_url_from_env(environ=os.environ) -> str | None:
    url = environ.get("KEHOACH_REPO_URL", "").strip()
    if url:
        return url.rstrip("/")
    server, repo = environ.get("GITHUB_SERVER_URL", "").strip(), environ.get("GITHUB_REPOSITORY", "").strip()
    if server and repo:
        return f"{server.rstrip('/')}/{repo}"
    return None


def configure_repo(config, environ=os.environ) -> None:
    """Set repo_url / repo_name / edit_uri before MkDocs computes each page's edit_url."""
    url = repo_url_from_env(environ) or config.get("repo_url")
    if not url:
        config["repo_url"] = None
        config["edit_uri"] = None
        return
    branch = edit_branch(environ)
    docs = _docs_in_repository(Path(config["docs_dir"]))
    config["repo_url"] = url
    if not config.get("repo_name") or config.get("repo_name") in ("GitHub", "GitLab", "Bitbucket"):
        config["repo_name"] = url.split("://", 1)[-1].split("/", 1)[-1]
    config["edit_uri"] = f"edit/{branch}/{docs}/"
    config["edit_uri_template"] = None


def edit_branch(environ=os.environ) -> str:
    """The branch the repository's links open (edit links, the change log's history)."""
    return environ.get("KEHOACH_EDIT_BRANCH", "").strip() or "main"


def _docs_in_repository(docs_dir: Path) -> str:
    """The docs folder as a path from the repository's root: plans/<id>/docs for a
    plan of the archive (its folder is two levels below the root), else its name."""
    docs_dir = docs_dir.resolve()
    plan = docs_dir.parent
    if plan.parent.name == "plans":
        return docs_dir.relative_to(plan.parent.parent).as_posix()
    return docs_dir.name


def configure_site_url(config, environ=os.environ) -> None:
    """KEHOACH_SITE_URL, if set, replaces site_url (the deploy workflow sets it to
    the address GitHub Pages publishes the site at): the archive's address.

    A plan of plans/<id>/ is published at <archive address>/<id>/ and writes no
    site_url of its own: built inside the archive, Material's projects plugin
    gives it that address; built alone (`make serve`, the tests), it is read
    here from the archive's mkdocs.yml, so its pages name the same addresses."""
    url = environ.get("KEHOACH_SITE_URL", "").strip()
    folder = Path(config["config_file_path"]).resolve().parent
    plan_id = folder.name if folder.parent.name == "plans" else None
    if plan_id and not url and not config.get("site_url"):
        url = archive_site_url(folder.parent.parent) or ""
    if url:
        url = url if url.endswith("/") else f"{url}/"
        config["site_url"] = f"{url}{plan_id}/" if plan_id else url


def archive_site_url(root: Path) -> str | None:
    """site_url of the archive's mkdocs.yml at `root` (a plain key: read without
    running any of the file's YAML tags)."""
    try:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    except OSError:
        return None
    m = re.search(r"^site_url:[ \t]*['\"]?([^'\"\s#]+)", text, re.M)
    return m.group(1) if m else None


def _git(root: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(["git", "-C", str(root), "-c", "core.quotePath=off", *args], capture_output=True,
                              text=True, encoding="utf-8", errors="replace", timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout if proc.returncode == 0 else None


NO_GIT = "bản dựng này không có lịch sử git (thư mục không phải kho git, hoặc máy dựng không có git)"
SHALLOW = "bản dựng này chỉ có một phần lịch sử git (bản sao nông, shallow clone)"


def history(root: Path, kept: Path | None = None) -> History:
    """What git knows of `root`'s content, read once per build: every commit that
    changed a file (kehoach/changelog/model.py), and each file's last date.

    `kept`: a file of the build's trusted cache where git's log is kept under
    the commit it was read at (`git log` of the whole history with renames:
    about 0.04 s of CPU in every build process, the same until the next commit).
    The log is read at that commit by its hash, never at HEAD, so what is kept
    under a hash is that commit's log whatever happened meanwhile."""
    repo = _git(root, "rev-parse", "--is-shallow-repository", "--show-prefix", "HEAD")
    head = None
    if repo is not None:
        shallow, prefix, head, *_ = repo.split("\n") + ["", ""]
    else:  # no commit yet (or no repository): asked without HEAD, to tell which
        repo = _git(root, "rev-parse", "--is-shallow-repository", "--show-prefix")
        if repo is None:
            log.info("Không có lịch sử git: các trang không ghi ngày cập nhật. (No git history: no page dates.)")
            return History(reason=NO_GIT)
        shallow, _, prefix = repo.partition("\n")
    if shallow.strip() == "true":
        log.info("Bản sao git nông (shallow clone): bỏ ngày cập nhật vì không chính xác. "
                 "(Shallow clone: page dates left out, they would be wrong.)")
        return History(reason=SHALLOW)
    head = head.strip() if head and re.fullmatch(r"[0-9a-f]{40,64}", head.strip()) else None
    if head is None:  # e.g. a repository without any commit yet
        return History(reason=NO_GIT)
    # The whole repository's history, not only `root`'s: a file moved into `root`
    # (the plan into plans/<id>/) is a rename only when both names are in view.
    args = ("log", f"--format={changelog.LOG_FORMAT}", "--name-status", "-M", head, "--", ":/")
    out = _kept_log(kept, args)
    if out is None:
        out = _git(root, *args)
        if out is None:
            return History(reason=NO_GIT)
        _keep_log(kept, args, out)
    prefix = prefix.strip()
    commits = changelog.parse_log(out)
    found = {path[len(prefix):]: when for path, when in changelog.dates(commits).items() if path.startswith(prefix)}
    return History(commits=commits, prefix=prefix, dates=found)


def _log_key(args: tuple[str, ...]) -> str:
    return hashlib.sha256("\0".join(args).encode("utf-8")).hexdigest()


def _kept_log(kept: Path | None, args: tuple[str, ...]) -> str | None:
    if kept is None:
        return None
    try:
        record = json.loads(kept.read_text(encoding="utf-8"))
        if record["key"] == _log_key(args) and isinstance(record["log"], str):
            return record["log"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def _keep_log(kept: Path | None, args: tuple[str, ...], out: str) -> None:
    if kept is not None:
        write_aside(kept, json.dumps({"key": _log_key(args), "log": out}, ensure_ascii=False))


def last_changed(root: Path) -> dict[str, datetime]:
    """Path (relative to `root`, posix) -> date of its last change of content."""
    return history(root).dates


def format_date(when: datetime) -> str:
    """Vietnamese date as written in the plan's own header: "ngày 24 tháng 11 năm 2026"."""
    return f"ngày {when.day} tháng {when.month} năm {when.year}"


_MACRO_CALL = re.compile(r"\{\{-?\s*([A-Za-z_]\w*)\s*\(")
EDIT_TITLE = "Sửa trang này trên GitHub (cần tài khoản GitHub)"


def data_files(markdown: str, data_of_macro: Mapping[str, Iterable[str]]) -> list[str]:
    """The data files (paths from the repository root) that the page's macros
    draw from, in order; `data_of_macro` is kehoach/macro_list.py's declaration
    (`DATA_OF_MACRO`: each macro's name and the data files it reads)."""
    calls = _MACRO_CALL.findall(markdown)
    return list(dict.fromkeys(path for name in calls for path in data_of_macro.get(name, ())))


def edit_links(page, docs_rel: str, data: list[str]) -> list[dict]:
    """The "Sửa …" links of a page: its Markdown file (unless generated), then each data file."""
    if not page.edit_url or not page.file.edit_uri:
        return []
    if page.file.generated_by is not None:  # no Markdown file: edit_uri names its data file (register_site)
        path = posixpath.normpath(f"{docs_rel}/{page.file.edit_uri}")
        return [_data_link(page.edit_url, path)]
    links = [{"url": page.edit_url, "label": "Sửa trang này", "title": EDIT_TITLE}]
    # https://github.com/<owner>/<repo>/edit/<branch>/<docs>/ -> the repository's root, then the file.
    scheme, docs_url = page.edit_url[: -len(page.file.edit_uri)].split("://", 1)
    up = "../" * len([part for part in docs_rel.split("/") if part and part != "."])
    for path in dict.fromkeys(data):
        links.append(_data_link(f"{scheme}://{posixpath.normpath(docs_url + up + path)}", path))
    return links


def _data_link(url: str, path: str) -> dict:
    return {"url": url, "label": f"Sửa dữ liệu ({posixpath.basename(path)})",
            "title": f"Sửa tệp {path} trên GitHub: nội dung của trang này lấy từ tệp đó (cần tài khoản GitHub)"}
