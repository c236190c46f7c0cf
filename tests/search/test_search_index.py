"""Footnotes get their own search entries; the built index carries them and the
Vietnamese search setup (our lunr.vi, the separator)."""
from __future__ import annotations

import json
import re

from kehoach.core import htmltree
from kehoach.search import index as search_index
from siteutil import PLAN, ROOT, plan_url

PAGE = """<p>Tổ công tác<sup id="fnref:5"><a class="footnote-ref" href="#fn:5">5</a></sup>.</p>
<div class="footnote">
<hr />
<ol>
<li id="fn:4" value="4">
<p>Kế hoạch số 2198/KH-<abbr title="Ủy ban nhân dân">UBND</abbr> (PAPI) &amp; năm 2021&#160;<a class="footnote-backref" href="#fnref:4" title="Quay lại">↩</a></p>
</li>
<li id="fn:5" value="5">
<p>Quyết định số 633/QĐ-UBND ngày 07/4/2021&#160;<a class="footnote-backref" href="#fnref:5">↩</a></p>
</li>
</ol>
</div>
"""


def _on_tree(function, html):
    """`function` run on the tree of `html`, as the build runs it; the tree written back."""
    root = htmltree.parse(html)
    function(root)
    return htmltree.serialize(root)


def test_footnote_entries_lead_to_each_footnote():
    entries = search_index.footnote_entries(htmltree.parse(PAGE), "phan-1/ket-qua/cai-cach-hanh-chinh/")
    assert entries == [
        {"location": "phan-1/ket-qua/cai-cach-hanh-chinh/#fn:4", "title": "Chú thích 4",
         "text": "Kế hoạch số 2198/KH-UBND (PAPI) &amp; năm 2021"},
        {"location": "phan-1/ket-qua/cai-cach-hanh-chinh/#fn:5", "title": "Chú thích 5",
         "text": "Quyết định số 633/QĐ-UBND ngày 07/4/2021"},
    ]


def test_page_without_footnotes_has_no_entries():
    assert search_index.footnote_entries(htmltree.parse("<p>Không có chú thích.</p><ol><li id='x'>1</li></ol>"), "a/") == []


def test_footnote_list_is_excluded_from_the_page_sections():
    html = _on_tree(search_index.exclude_footnotes, PAGE)
    assert html.count('<div class="footnote" data-search-exclude="chu-thich">') == 1
    assert _on_tree(search_index.exclude_footnotes, "<p>x</p>") == "<p>x</p>"


def test_entries_go_right_after_their_page():
    index = {"config": {"lang": ["vi"]}, "docs": [
        {"location": "a/", "title": "A", "text": ""},
        {"location": "a/#s", "title": "A s", "text": ""},
        {"location": "b/", "title": "B", "text": ""},
    ]}
    extra = {"a/": [{"location": "a/#fn:1", "title": "Chú thích 1", "text": "x"}],
             "c/": [{"location": "c/#fn:2", "title": "Chú thích 2", "text": "y"}]}
    out = search_index.add_entries(index, extra)
    assert [d["location"] for d in out["docs"]] == ["a/", "a/#s", "a/#fn:1", "b/"]
    assert out["config"] == {"lang": ["vi"]}
    assert len(index["docs"]) == 3  # the input is left alone


def _index(built):
    return json.loads((built.site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_built_index_has_one_entry_per_footnote_with_its_text(built):
    """The hook ran after the search plugin wrote the index (else these are lost)."""
    docs = {d["location"]: d for d in _index(built)["docs"]}
    notes = [loc for loc in docs if "#fn:" in loc]
    assert sorted(int(loc.rsplit(":", 1)[1]) for loc in notes) == list(range(1, 9))
    for loc in notes:
        page, note = loc.split("#")
        li = built.page(page).select_one(f'li[id="{note}"]')
        assert li is not None, loc
        expected = " ".join(li.get_text().replace("↩", "").split())
        assert " ".join(docs[loc]["text"].replace("&amp;", "&").split()) == expected
        assert docs[loc]["title"] == f"Chú thích {note.split(':')[1]}"


def test_footnote_text_is_not_also_in_the_last_section(built):
    docs = _index(built)["docs"]
    page = "phan-1/ket-qua/cai-cach-hanh-chinh/"
    body = " ".join(d["text"] for d in docs if d["location"].startswith(page) and "#fn:" not in d["location"])
    assert "Vpostcode" in body
    assert "633/QĐ-UBND" not in body  # only in footnote 5
    assert "2198/KH-UBND" not in body  # only in footnote 4


def test_footnotes_stay_on_the_page(built):
    soup = built.page("phan-1/ket-qua/cai-cach-hanh-chinh/")
    assert soup.select_one('li[id="fn:5"]').get_text().strip().startswith("Quyết định số 633/QĐ-UBND")
    assert "data-search-exclude" not in str(soup)


def test_built_site_uses_our_vietnamese_lunr_and_separator(built):
    config = _index(built)["config"]
    assert config["lang"] == ["vi"]
    ours = (ROOT / "overrides/assets/javascripts/lunr/min/lunr.vi.min.js").read_text(encoding="utf-8")
    served = (built.site / "assets/javascripts/lunr/min/lunr.vi.min.js").read_text(encoding="utf-8")
    assert served == ours and "khTimKiem" in served
    separator = re.compile(config["separator"])
    words = [w for w in separator.split("Nghị định số 107/2020/NĐ-CP, (SIPAS) đạt 92,54%; kinh tế - xã hội.") if w]
    assert words == ["Nghị", "định", "số", "107/2020/NĐ-CP", "SIPAS", "đạt", "92,54%", "kinh", "tế", "xã", "hội"]


def test_mkdocs_serve_index_has_the_footnote_entries():
    """`mkdocs serve` writes its index the same way (hooks after the search plugin)."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # `mkdocs serve` serves the site under the path of site_url.
    site_url = plan_url()
    base = "/" + site_url.split("://", 1)[1].split("/", 1)[1]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=PLAN, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{base}search/search_index.json", timeout=5) as r:
                    index = json.loads(r.read().decode("utf-8"))
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline, "mkdocs serve did not answer"
                time.sleep(0.5)
        locations = [d["location"] for d in index["docs"]]
        assert "phan-1/ket-qua/cai-cach-hanh-chinh/#fn:5" in locations
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_table_cells_are_kept_apart_for_search():
    html = "<table><tr><th>STT</th><th>CHỈ TIÊU</th></tr><tr><td>SIPAS</td><td><b>92,54%</b></td></tr></table>"
    out = _on_tree(search_index.separate_cells, html)
    assert out == ("<table><tr><th>STT</th>\n<th>CHỈ TIÊU</th>\n</tr>\n<tr><td>SIPAS</td>\n"
                   "<td><b>92,54%</b></td>\n</tr>\n</table>")
    assert _on_tree(search_index.separate_cells, "<p>a</p><p>b</p>") == "<p>a</p><p>b</p>"


def test_built_index_keeps_words_of_table_cells_apart(built):
    texts = " ".join(d["title"] + " " + d["text"] for d in _index(built)["docs"])
    assert "SIPASChỉ" not in texts and "STTCHỈ" not in texts
    assert "SIPAS" in texts


def test_line_breaks_keep_words_apart():
    assert _on_tree(search_index.separate_cells, "<span>SIPAS</span><br><small>Chỉ số</small>") == \
        "<span>SIPAS</span><br>\n<small>Chỉ số</small>"
    assert _on_tree(search_index.separate_cells, "a<br />b") == "a<br>b"  # text after it: nothing glued


def test_cells_of_tables_filled_in_late_are_kept_apart_too(built):
    """The glossary's table is filled in at on_env, after its page was prepared
    for search at on_page_content: it is prepared again before the search plugin reads it."""
    glossary = " ".join(d["text"] for d in _index(built)["docs"] if d["location"].startswith("tu-viet-tat/"))
    assert "UBND Ủy ban nhân dân Thuật ngữ hành chính thông dụng" in glossary
    assert "UBNDỦy" not in glossary and "dânThuật" not in glossary
