"""Issue 26, point 1: the HTML allow-list judges the tree that is published, node by node.

It used to compare two sanitiser (nh3) outputs, so whatever the sanitiser
dropped on both sides was never judged, yet the page kept it: HTML inside an
SVG <desc> or <foreignObject> (a refresh to another site, a password form),
SVG animation that rewrites a link, `xlink:href`. Each is now refused with the
file and line, in a page's Markdown as Python-Markdown renders it with the
site's extensions; one is built end to end. The chart our own build writes
(/chi-so/) still passes, and shows its row labels as text.
"""
from __future__ import annotations

import markdown
import pytest

from kehoach.checks import html_allowlist
from kehoach.core.errors import SiteError
from siteutil import PLAN, ROOT, build_fails, copy_project, line_of

PAGE = "docs/ve-trang-nay/ghi-chu-van-ban.md"
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "footnotes", "toc"]

# name: (raw HTML appended to a page, what the message must name). Each built before the fix.
BLIND_SPOTS = {
    "desc-meta-refresh": ('<svg><desc><meta http-equiv="refresh" content="0;url=https://example.invalid/">'
                          "</desc></svg>", "<meta>"),
    "foreignobject-form": ('<svg><foreignObject width="300" height="80"><form action="https://example.invalid/">'
                           '<input type="password" name="p"></form></foreignObject></svg>', "<foreignObject>"),
    "animate-href": ('<svg><a href="#x"><animate attributeName="href" values="javascript:alert(1)"/>'
                     "<text>x</text></a></svg>", "<a>"),
    "set-href": ('<svg><set attributeName="href" to="javascript:alert(1)"/></svg>', "<set>"),
    "animate": ('<svg><text>x<animate attributeName="x" values="0;9" dur="1s"/></text></svg>', "<animate>"),
    "xlink-href": ('<svg><text xlink:href="javascript:alert(1)">x</text></svg>', "xlink:href"),
    "use-external": ('<svg><use href="https://example.invalid/a.svg#x"/></svg>', "<use>"),
    "image": ('<svg><image href="https://example.invalid/a.png"/></svg>', "<image>"),
    "svg-style": ("<svg><style>text { display: none }</style></svg>", "<style>"),
    "html-in-svg": ("<svg><text>x</text><p>lạc ra ngoài</p></svg>", "<p>"),
    "paint-from-elsewhere": ('<svg><rect fill="url(https://example.invalid/p.svg#g)"/></svg>', "fill"),
    "noscript": ('<noscript><p title="</noscript><b>x</b>">x</p></noscript>', "<noscript>"),
    "xmp": ("<xmp>x</xmp>", "<xmp>"),
    "math": ("<math><mi>x</mi></math>", "<math>"),
    # lxml and browsers end a comment alike today; markup in one is refused all the same,
    # so that no difference between two parsers can ever bring it to life.
    "markup-in-a-comment": ('<!-- <img src="x" onerror="alert(1)"> -->', "<!--"),
    "control-in-address": ('<a href="&#1;javascript:alert(1)">x</a>', "javascript:alert(1)"),
}


def _message(snippet: str) -> tuple[str, int]:
    text = (PLAN / PAGE).read_text(encoding="utf-8").rstrip("\n") + "\n\n" + snippet + "\n"
    html = markdown.markdown(text, extensions=EXTENSIONS)
    with pytest.raises(SiteError) as caught:
        html_allowlist.check(html, [(PAGE, lambda: text)], PAGE)
    return str(caught.value), line_of(text, snippet.split("\n")[0])


@pytest.mark.parametrize("name", BLIND_SPOTS)
def test_what_the_sanitiser_dropped_is_judged_and_refused_at_its_line(name):
    snippet, named = BLIND_SPOTS[name]
    out, line = _message(snippet)
    assert out.count("mã HTML không an toàn") == 1, out
    assert f"{PAGE}, dòng {line} (line {line}):" in out, out
    assert named in out, out
    assert "[EN] The page holds unsafe HTML" in out, out


ALLOWED = {
    "chart-like svg": ('<svg class="c" viewBox="0 0 10 10" role="img" aria-labelledby="t" '
                       'xmlns="http://www.w3.org/2000/svg" fill="currentColor"><title id="t">Tên</title>'
                       '<desc>Mô tả</desc><g transform="translate(0 1)"><circle cx="1" cy="1" r="1" fill="none" '
                       'stroke="currentColor"/><text x="0" y="4" text-anchor="middle">PAPI</text></g></svg>'),
    "paint from the page": '<svg><rect fill="url(#grad)"/></svg>',
    "links": '<p><a href="https://example.org/">a</a> <a href="../x/#y">b</a> <a href="mailto:a@b.vn">c</a></p>',
    "a relative address with a colon": '<p><a href="./a:b/">a</a></p>',
    "a plain comment": "<!-- ghi chú của người viết -->",
    "data and aria": '<p data-x="1" aria-label="a">x</p>',
}


@pytest.mark.parametrize("name", ALLOWED)
def test_what_our_pages_write_passes(name):
    assert html_allowlist.first_offence(ALLOWED[name]) is None


def test_json_ld_only_where_allowed_and_only_json():
    script = '<script type="application/ld+json">{"a": 1}</script>'
    assert html_allowlist.first_offence(script, json_ld=True) is None
    assert "<script>" in html_allowlist.first_offence(script).en
    assert "JSON" in html_allowlist.first_offence('<script type="application/ld+json">{a</script>', json_ld=True).en
    assert "<script>" in html_allowlist.first_offence('<script type="module">1</script>', json_ld=True).en


def test_html_in_an_svg_desc_stops_the_build_at_its_line(tmp_path):
    project = copy_project(tmp_path / "p")
    snippet = BLIND_SPOTS["desc-meta-refresh"][0]
    text = (project / PAGE).read_text(encoding="utf-8").rstrip("\n") + "\n\n" + snippet + "\n"
    (project / PAGE).write_text(text, encoding="utf-8")
    out = build_fails(project, tmp_path)
    line = line_of(text, snippet)
    assert out.count("mã HTML không an toàn") == 1, out
    assert f"{PAGE}, dòng {line} (line {line}):" in out and "<meta>" in out, out
    assert "Traceback" not in out, out


def test_the_chart_passes_and_shows_its_labels_as_svg_text(built):
    chart = built.page("chi-so/").select_one("svg.kh-chart")
    labels = [t.get_text() for t in chart.select(".kh-chart__row text[font-weight]")]
    assert {"PAR Index", "SIPAS", "PAPI"} <= set(labels), labels
    assert not chart.find("abbr"), "an HTML element inside the SVG: SVG renders it not at all"
