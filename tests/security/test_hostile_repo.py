"""Issue 14, repository guards, tried as a hostile contributor would: a pull
request that slips code in next to the plan's content still needs a code
owner's review (.github/CODEOWNERS, read with GitHub's rule: last match wins)."""
from __future__ import annotations

import pytest

from repoguards import TEAM, codeowner_rules, owners_of

# Files a pull request "about a page" could add or change, and why each is code.
HOSTILE = [
    "plans/snv-2022/docs/phan-1/trang.html",               # published as it is, no allow-list on the way
    "plans/snv-2022/docs/phan-1/anh.svg",                  # an SVG can hold script
    "plans/snv-2022/docs/assets/javascripts/tim-kiem.js",  # a script the Content-Security-Policy trusts
    "plans/snv-2022/docs/loi.js",
    "plans/snv-2022/docs/assets/stylesheets/site.css",
    "plans/snv-2022/docs/phan-1/.meta.yml",                # configuration, not a page
    "plans/snv-2022/data/register.py",                     # not a data file
    "plans/snv-2022/data/site.yml",                        # decides which pages are held to the record
    "plans/snv-2022/data/con/register.yml",                # not where the build reads data
    "schemas/register.schema.json",         # decides what data passes
    "overrides/main.html",                  # a template run with every page's data
    "mkdocs.yml",
    "hooks.py",
    "kehoach/new_check.py",
    "requirements.txt",
    ".github/workflows/ci.yml",
    ".github/CODEOWNERS",
    "plans/snv-2022/record/ke-hoach-2022-ban-ky.txt",
    "plans/snv-2022/mkdocs.yml",            # the plan's addresses and pages
    "plans/snv-2022/hooks.py",              # not content
    "overrides/assets/javascripts/tim-kiem.js",  # a script the Content-Security-Policy trusts      # the signed text the fidelity tests compare with
    "tests/plan/test_fidelity.py",
    "conftest.py",                          # a new top-level file: pytest would run it
    ".gitattributes",
    "SECURITY.md",
]

CONTENT = ["plans/snv-2022/docs/index.md", "plans/snv-2022/docs/phan-1/ket-qua/ton-giao.md",
           "plans/snv-2022/data/register.yml", "plans/snv-2022/data/home.yml", "plans/stc-2023/docs/index.md"]


@pytest.mark.parametrize("path", HOSTILE)
def test_code_next_to_content_needs_a_code_owner(path):
    assert owners_of(path) == [TEAM], f"a pull request could change {path} without a code owner"


@pytest.mark.parametrize("path", CONTENT)
def test_the_plans_content_needs_no_code_owner(path):
    assert owners_of(path) == []


def test_only_the_last_lines_release_content_and_nothing_else_is_ownerless():
    rules = codeowner_rules()
    ownerless = [pattern for pattern, owners in rules if not owners]
    assert ownerless == ["/plans/*/docs/**/*.md", "/plans/*/data/*.yml"]
    # Exemptions come last (last match wins), but for what they must not release: folders
    # named like a page or a data file, and the one data file that is code.
    assert [pattern for pattern, _ in rules[-5:-3]] == ownerless, "exemptions must come last (last match wins)"
    assert rules[-3:-1] == [(p + "/", [TEAM]) for p in ownerless], "folders named like content are code"
    assert rules[-1] == ("/plans/*/data/site.yml", [TEAM]), "data/site.yml decides which pages are held to the record"
    assert rules[0] == ("*", [TEAM]), "the first line gives every path not named to the code owners"
