"""Issue 26, point 1: the Content-Security-Policy allows only the inline scripts
our own templates write (kehoach/readers/csp.py), never whatever it finds in a
written page: a script that is not ours gets no hash and stops the build."""
from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from kehoach.core.errors import SiteError
from kehoach.readers import csp
from siteutil import broken_copy, build_fails

THEME = "var palette=1"  # a known body: one of our templates' scripts
BASE = f"__md_scope=new URL(\"{csp.BASE_STAND_IN}\",location)"  # a known body that names base_url


def _page(*scripts: str, base: str = "../..") -> str:
    body = "".join(f"<script>{s}</script>" for s in scripts)
    return (f'<html><head><meta http-equiv="Content-Security-Policy" {csp.MARKER}>{body}</head><body>'
            f'<script id="__config" type="application/json">{{"base": "{base}"}}</script>'
            '<script src="../assets/x.js"></script><script type="application/ld+json">{}</script></body></html>')


def _hashes(output: str) -> list[str]:
    return re.findall(r"'sha256-[^']+'", output)


def test_our_scripts_are_allowed_with_the_page_s_own_base_url():
    out = csp.apply(_page(THEME, BASE.replace(csp.BASE_STAND_IN, "../..")), "docs/x.md", (THEME, BASE))
    assert _hashes(out) == [csp.sha256(THEME), csp.sha256(BASE.replace(csp.BASE_STAND_IN, "../.."))]


def test_a_known_script_the_page_does_not_hold_gets_no_hash():
    assert _hashes(csp.apply(_page(THEME), "docs/x.md", (THEME, "var other=2"))) == [csp.sha256(THEME)]


@pytest.mark.parametrize("foreign", ["alert(1)", "alert(1)//" + THEME])
@pytest.mark.parametrize("tag", ["<script>", "<SCRIPT>", '<script type="module">'])
def test_a_script_that_is_not_ours_stops_the_build_and_is_never_hashed(foreign, tag):
    """Before: every inline script outside the page's content was hashed as one of ours."""
    page = _page(THEME).replace("</head>", f"{tag}{foreign}</script></head>")
    with pytest.raises(SiteError) as caught:
        csp.apply(page, "docs/x.md", (THEME,))
    out = str(caught.value)
    assert out.startswith("docs/x.md:") and "alert(1)" in out and "[EN] The page holds an inline script" in out


def test_every_page_allows_exactly_the_inline_scripts_it_holds(built):
    """Each hash of a page's policy is one of its inline scripts, and each inline
    script a browser would run on it has its hash."""
    for path in built.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        policy = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        scripts = [s.string or "" for s in soup.find_all("script")
                   if not s.get("src") and s.get("type") not in ("application/json", "application/ld+json")]
        assert scripts, path
        assert sorted(_hashes(policy)) == sorted({csp.sha256(s) for s in scripts}), path


def test_an_inline_script_added_to_a_template_stops_the_build(tmp_path):
    """A template of ours that writes an inline script outside overrides/partials/javascripts/
    is refused (before: it was hashed, and ran)."""
    project = broken_copy(tmp_path, ("overrides/main.html", "{% block scripts %}\n  {{ super() }}\n",
                                     "{% block scripts %}\n  {{ super() }}\n  <script>window.x = 1</script>\n"))
    out = build_fails(project, tmp_path)
    assert "Trang có đoạn mã script không do mẫu giao diện" in out and "'window.x = 1'" in out, out
