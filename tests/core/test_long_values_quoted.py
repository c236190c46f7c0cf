"""A value thousands of characters long is quoted one short line at most
(kehoach/core/errors.excerpt): the build log is public and a message must stay
readable. Found by the payload sweep (issue 26): the home page's figures, the
indicators' column references and values, and a register name were copied
whole into their messages."""
from __future__ import annotations

import pytest

from errorunit import assert_where, data_copy, message, project_data
from kehoach.core import data
from kehoach.core.errors import EXCERPT_MAX
from kehoach.indicators import model as indicators
from kehoach.plan import home
from kehoach.register import model as register
from siteutil import PLAN, broken_copy, build_fails, line_of

LONG = "Dài" * 4000  # 12,000 characters, one word
FAR = LONG[1000:1400]  # a stretch no excerpt reaches


def _home(project):
    return home.check(data.load("home", project_data(project)), str(PLAN / "docs"))


@pytest.mark.parametrize("rel,old,new,check,needle", [
    ("data/home.yml", 'label: "Chỉ số CCHC (PAR Index) tỉnh Bắc Giang"', f'label: "{LONG}"', _home, "label: "),
    ("data/home.yml", 'value: "85,58/100"', f'value: "{LONG}"', _home, "value: "),
    ("data/indicators.yml", "plan_column: kh2021", f"plan_column: {LONG}",
     lambda p: indicators.load_tables(project_data(p)), "plan_column: "),
    ("data/indicators.yml", "compares: [th2021, th2020]", f"compares: [th2021, {LONG}]",
     lambda p: indicators.load_tables(project_data(p)), "compares: "),
    ("data/indicators.yml", "th2020: 27", f"th2020: {LONG}",
     lambda p: indicators.load_tables(project_data(p)), "th2020: Dài"),
    ("data/register.yml", "name: Quyết định 274", "name: Nghị quyết TW 6 khóa XII",
     lambda p: register.load(project_data(p)), "name: Nghị quyết TW 6 khóa XII\n  issuer: UBND"),
], ids=["home-label", "home-value", "plan_column", "compares", "indicator-value",
        "register-name"])
def test_a_long_value_is_quoted_one_short_line_at_most(tmp_path, rel, old, new, check, needle):
    if rel == "data/register.yml":  # two entries of one long name: the collision names it
        project = data_copy(tmp_path, (rel, "name: Nghị quyết TW 6 khóa XII", f"name: {LONG}"),
                            (rel, old, f"name: {LONG}"))
        needle = f"name: {LONG}\n  issuer: UBND"
    else:
        project = data_copy(tmp_path, (rel, old, new))
    out = message(check, project)
    assert_where(out, rel, line_of(project / rel, needle))
    assert FAR not in out, out[:600]
    assert len(out) < 2000 + 4 * EXCERPT_MAX, len(out)


def test_a_long_register_name_no_paragraph_cites_is_quoted_one_short_line_at_most(tmp_path):
    """The check that every entry is cited runs once every page is read (register/build.py)."""
    project = broken_copy(tmp_path, ("data/register.yml", "  name: Nghị quyết TW 6 khóa XII\n",
                                     f"  name: Nghị quyết TW 6 khóa XII {LONG}\n"))
    out = build_fails(project, tmp_path)
    assert_where(out, "data/register.yml", line_of(project / "data/register.yml", "- id: nghi-quyet-tw-6-khoa-xii"))
    assert "không được trích dẫn ở đâu trong Kế hoạch" in out, out[-2000:]
    assert FAR not in out and len(out) < 20_000, len(out)
