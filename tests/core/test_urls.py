"""kehoach/core/urls.py gives the same addresses as MkDocs does itself."""
from __future__ import annotations

import itertools

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from kehoach.core import urls

PATHS = ["", ".", "index.html", "phan-1/", "phan-1/ket-qua/", "phan-1/ket-qua/to-chuc/",
         "phan-1/ket-qua.html", "van-ban/107-2020-nd-cp/", "van-ban/x.html", "assets/javascripts/van-ban.js",
         "in-toan-van/", "a/b/../c/", "404.html"]


@pytest.mark.parametrize("url,here", list(itertools.product(PATHS, PATHS)))
def test_relative_is_mkdocs_get_relative_url(url, here):
    assert urls.relative(url, here) == get_relative_url(url, here)


@pytest.mark.parametrize("src", ["index.md", "in-toan-van.md", "phan-1/index.md", "phan-1/ket-qua/to-chuc.md",
                                 "van-ban/README.md", "chữ có dấu.md"])
@pytest.mark.parametrize("directory_urls", [True, False])
def test_page_url_is_mkdocs_file_url(src, directory_urls):
    assert urls.page_url(src, directory_urls) == File(src, "docs", "site", directory_urls).url


def test_the_same_page_under_both_kinds_of_address():
    keys = {urls.page_key(u) for u in ["phan-1/ket-qua/", "phan-1/ket-qua.html", "phan-1/ket-qua/index.html",
                                       "phan-1/ket-qua/#doan-1"]}
    assert keys == {"phan-1/ket-qua"}
    assert urls.page_key("") == urls.page_key("index.html") == urls.page_key("./") == ""


def test_entry_and_folder_links_offline_and_online():
    assert urls.entry_link("van-ban/a/", "phan-1/", True) == "../van-ban/a/"
    assert urls.entry_link("van-ban/a/", "phan-1.html", False) == "van-ban/a.html"
    assert urls.folder_link("../van-ban/", True) == "../van-ban/"
    assert urls.folder_link("../van-ban/", False) == "../van-ban/index.html"
