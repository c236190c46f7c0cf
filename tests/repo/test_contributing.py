"""CONTRIBUTING.md walks a clerk from a typo to a merged pull request, and the
error messages it quotes are the ones the build really prints."""
from __future__ import annotations

import re

from siteutil import ROOT

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
CODE = "\n".join(p.read_text(encoding="utf-8") for p in [*ROOT.glob("kehoach/**/*.py"), *ROOT.glob("tools/*.py")])


def test_the_guide_covers_the_whole_path():
    for step in ("Sửa trang này", "Commit changes", "Create pull request", "Details",
                 "Merge pull request", "make serve", "make test", "data/register.yml",
                 "data/indicators.yml", "yaml-language-server", "pre-commit"):
        assert step in GUIDE, step


def test_the_edit_buttons_the_guide_names_exist():
    # The labels are written by kehoach's source module; actions.html draws them.
    code = "\n".join(p.read_text(encoding="utf-8") for p in ROOT.glob("kehoach/**/*.py"))
    assert '"label": "Sửa trang này"' in code and '"label": f"Sửa dữ liệu (' in code
    assert "link.label" in (ROOT / "overrides" / "partials" / "actions.html").read_text(encoding="utf-8")
    assert "Sửa dữ liệu (register.yml)" in GUIDE


def test_every_quoted_error_message_exists_in_the_code():
    section = GUIDE.split("## 8.", 1)[1].split("\n## ", 1)[0]
    quoted = re.findall(r"^\| `([^`]+)` \|", section, flags=re.MULTILINE)
    assert len(quoted) >= 10, quoted
    for message in quoted:
        for fragment in re.split(r"[…\"()]|\[\^n\]|'", message):
            fragment = fragment.strip()
            if len(fragment) >= 4:
                assert fragment in CODE, f"CONTRIBUTING.md quotes {message!r}: {fragment!r} is in no message"
