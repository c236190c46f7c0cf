"""Reading the git log into a plan's changes (kehoach/changelog/model.py), and
the page's HTML (html.py): no build."""
from __future__ import annotations

from kehoach.changelog import html, model

A, B, C, D = ("a" * 40, "b" * 40, "c" * 40, "d" * 40)


def log(*commits):
    """Text as `git log --format=LOG_FORMAT --name-status -M` writes it."""
    out = []
    for sha, when, subject, lines in commits:
        out.append(f"\x00{when}\x00{sha}\x00{subject}")
        out.append("")
        out.extend(lines)
    return "\n".join(out) + "\n"


LOG = log(
    (D, 1700000400, "Sửa mã", ["M\tkehoach/hooks.py"]),
    (C, 1700000300, "Chuyển vào plans/p", ["R100\tdocs/a.md\tplans/p/docs/a.md",
                                           "R090\tdata/plan.yml\tplans/p/data/plan.yml",
                                           "A\tplans/p/mkdocs.yml"]),
    (B, 1700000200, "Sửa trang a", ["M\tdocs/a.md", "D\tdocs/old.md"]),
    (A, 1700000100, "Đăng", ["A\tdocs/a.md", "A\tdata/plan.yml", "A\tkehoach/hooks.py"]),
)


def test_a_pure_move_is_not_a_change_and_older_names_are_followed():
    commits = model.parse_log(LOG)
    assert [c.sha for c in commits] == [D, C, B, A]
    move = commits[1]
    assert [(ch.status, ch.path) for ch in move.changes] == [("R", "plans/p/data/plan.yml"), ("A", "plans/p/mkdocs.yml")]
    assert [(ch.status, ch.path) for ch in commits[2].changes] == [("M", "plans/p/docs/a.md"), ("D", "docs/old.md")]
    assert [ch.path for ch in commits[3].changes] == ["plans/p/docs/a.md", "plans/p/data/plan.yml", "kehoach/hooks.py"]
    dates = model.dates(commits)
    assert dates["plans/p/docs/a.md"].timestamp() == 1700000200  # its last change of words, not the move
    assert dates["plans/p/data/plan.yml"].timestamp() == 1700000300  # changed in the move


def test_code_alone_is_not_a_change_of_the_plan():
    plan = model.of_plan(model.parse_log(LOG), "plans/p/")
    assert [c.sha for c in plan] == [C, B, A]  # D changed code only
    assert [ch.path for ch in plan[0].changes] == ["data/plan.yml"]  # mkdocs.yml is not content
    assert [ch.path for ch in plan[2].changes] == ["docs/a.md", "data/plan.yml"]


def test_a_malformed_header_or_subject_is_no_commit():
    out = "\x00notatime\x00" + A + "\x00x\nM\tdocs/a.md\n\x00123\x00nothex\x00y\nM\tdocs/b.md\n"
    assert model.parse_log(out) == []
    # A NUL or a tab in a subject stays in the subject.
    commits = model.parse_log(log((A, 1, "a\x00b\tc", ["M\tdocs/a.md"])))
    assert commits[0].subject == "a\x00b\tc" and [ch.path for ch in commits[0].changes] == ["docs/a.md"]
    # A line break other than git's own does not end the subject: it cannot forge a changed file.
    for brk in ("\r", "\x1c", "\x85", "\u2028", "\u2029", "\x0b"):
        commits = model.parse_log(log((A, 1, f"x{brk}M\tdocs/gia.md", ["M\tkehoach/hooks.py"])))
        assert [ch.path for ch in commits[0].changes] == ["kehoach/hooks.py"], repr(brk)


def test_a_subject_is_plain_bounded_text():
    assert model.clean_subject("Sửa \u202egnp.exe\u202c trang \u2066x\u2069 ") == "Sửa gnp.exe trang x"
    assert model.clean_subject("a\x00b\x1bc\u200bd\u2028e") == "a b c d e"
    assert model.clean_subject("Su\u0303a") == "Sũa"  # NFC
    long = model.clean_subject("từ " * 5000)
    assert len(long) <= model.SUBJECT_MAX and long.endswith("…")
    assert len(model.clean_subject("x" * 10_000)) == model.SUBJECT_MAX
    assert model.clean_subject("\u202e\u200b") == "(không có mô tả)"


def test_anchors():
    assert model.page_anchor("index.md") == "trang-chu"
    assert model.page_anchor("phan-1/ket-qua/index.md") == "trang-phan-1-ket-qua"
    assert model.page_anchor("phan-1/ket-qua/ton-giao.md") == "trang-phan-1-ket-qua-ton-giao"
    assert model.entry_anchor(A) == "thay-doi-aaaaaaaaaaaa"


def test_the_html_escapes_and_links_only_a_known_repository():
    entry = html.EntryView("thay-doi-x", "2022-01-02", "ngày 2 tháng 1 năm 2022", '<script>"&',
                           (html.FileView("docs/<b>.md", "M", (html.PageRef("<i>T</i>", "../a/"),)),))
    out = html.changelog_html([entry], [], 1, None)
    assert "<script>" not in out and "&lt;script&gt;&quot;&amp;" in out
    assert "&lt;i&gt;T&lt;/i&gt;" in out and "docs/&lt;b&gt;.md" in out
    assert "/commit/" not in out  # no repository known: no link to a made-up place
    linked = html.changelog_html([html.EntryView(**{**entry.__dict__, "commit_url": "https://h/r/commit/x"})], [], 1, None)
    assert 'href="https://h/r/commit/x"' in linked
    assert "Không có lịch sử thay đổi" in html.no_history_html("lý do")
