"""One place that turns pages into URLs, for both kinds of address.

The public site uses directory URLs (`phan-1/ket-qua/`); the offline copy
(mkdocs-offline.yml) uses file URLs (`phan-1/ket-qua.html`), which open from
disk. Every module that writes an address asks here, given
`directory_urls` (mkdocs.yml's use_directory_urls), instead of deciding.
No MkDocs: `relative` follows mkdocs.utils.get_relative_url's rules, and a
test holds the two to the same answers.
"""
from __future__ import annotations

import posixpath
from urllib.parse import quote


def _parts(path: str) -> list[str]:
    path = posixpath.normpath("/" + path.lstrip("/") if path else "/")[1:]
    return path.split("/") if path else []


def relative(url: str, from_url: str) -> str:
    """`url` as a link written on the page at `from_url` (both site paths)."""
    folder, _, last = from_url.rpartition("/")
    if "." in last:  # a file: links start from its folder
        from_url = folder
    here, there = _parts(from_url), _parts(url)
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return rel + "/" if url.endswith("/") else rel


def page_url(src_uri: str, directory_urls: bool) -> str:
    """Where a Markdown page is published: `a/b.md` -> `a/b/` (or `a/b.html`);
    `a/index.md` -> `a/` (or `a/index.html`)."""
    folder, name = posixpath.split(src_uri)
    stem = posixpath.splitext(name)[0]
    if stem in ("index", "README"):
        dest = posixpath.join(folder, "index.html")
    elif directory_urls:
        dest = posixpath.join(folder, stem, "index.html")
    else:
        dest = posixpath.join(folder, stem + ".html")
    head, file = posixpath.split(dest)
    if directory_urls and file == "index.html":
        dest = (head or ".") + "/"
    return quote(dest)


def folder_link(rel: str, directory_urls: bool) -> str:
    """A link to a folder's page: `van-ban/` as is, or `van-ban/index.html` offline."""
    return rel if directory_urls else rel + "index.html"


def entry_link(url: str, from_url: str, directory_urls: bool) -> str:
    """A link to a generated page's URL (`van-ban/<id>/`), which offline is
    `van-ban/<id>.html`; a directory link always ends in "/"."""
    if not directory_urls:
        if url.endswith("/"):
            url = url[:-1] + ".html"
        return relative(url, from_url)
    rel = relative(url, from_url)
    return rel if rel.endswith("/") or "#" in rel else rel + "/"


def page_key(url: str) -> str:
    """The same page under either kind of URL: 'phan-1/ket-qua/' and
    'phan-1/ket-qua.html' and 'phan-1/ket-qua/index.html' -> 'phan-1/ket-qua'; home -> ''."""
    url = url.split("#", 1)[0]
    if url.endswith("index.html"):
        url = url[: -len("index.html")]
    elif url.endswith(".html"):
        url = url[: -len(".html")]
    url = posixpath.normpath(url) if url else ""
    return "" if url == "." else url.strip("/")
