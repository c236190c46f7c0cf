"""tools/compare_builds.py (the ProperDocs CI job) tells same sites from different ones."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

from siteutil import ROOT

SCRIPT = ROOT / "tools" / "compare_builds.py"


def compare(a, b) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), str(a), str(b)], capture_output=True, text=True)


def twins(built, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(built.site, a)
    shutil.copytree(built.site, b)
    return a, b


def test_same_site_passes_even_if_the_generator_differs(built, tmp_path):
    a, b = twins(built, tmp_path)
    page = b / "phan-1" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert '<meta name="generator" content="mkdocs-1.6.1' in html
    page.write_text(html.replace("mkdocs-1.6.1", "mkdocs-ProperDocs 1.6.7"), encoding="utf-8")
    result = compare(a, b)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Same pages and text" in result.stdout


def test_a_changed_word_fails(built, tmp_path):
    a, b = twins(built, tmp_path)
    page = b / "phan-1" / "ket-qua" / "ton-giao" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("Phật đản", "Phat dan", 1), encoding="utf-8")
    result = compare(a, b)
    assert result.returncode == 1
    assert "phan-1/ket-qua/ton-giao/index.html: text differs" in result.stdout
    assert "Phat dan" in result.stdout


def test_a_missing_page_fails(built, tmp_path):
    a, b = twins(built, tmp_path)
    shutil.rmtree(b / "bieu-mau-06")
    result = compare(a, b)
    assert result.returncode == 1
    assert "page/file only in A: bieu-mau-06/index.html" in result.stdout


def test_a_changed_download_fails(built, tmp_path):
    a, b = twins(built, tmp_path)
    downloads = sorted(b.rglob("*.csv"))
    assert downloads, "the site publishes CSV downloads"
    downloads[0].write_text(downloads[0].read_text(encoding="utf-8") + "x\n", encoding="utf-8")
    result = compare(a, b)
    assert result.returncode == 1
    assert f"{downloads[0].relative_to(b).as_posix()}: content differs" in result.stdout


# tools/compare_dom.py: the stricter comparison for refactors (trees, not only text).

DOM_SCRIPT = ROOT / "tools" / "compare_dom.py"


def compare_dom(a, b) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(DOM_SCRIPT), str(a), str(b)], capture_output=True, text=True)


def test_dom_same_tree_written_another_way_passes(built, tmp_path):
    a, b = twins(built, tmp_path)
    page = b / "phan-1" / "index.html"
    html = page.read_text(encoding="utf-8")
    # An empty SVG element written closed by itself or with its end tag: the same tree.
    rewritten = re.sub(r'(<path d="[^"]*")/>', r"\1></path>", html)
    assert rewritten != html
    page.write_text(rewritten, encoding="utf-8")
    result = compare_dom(a, b)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 difference(s)" in result.stdout


def test_dom_a_changed_attribute_fails_where_text_alone_would_pass(built, tmp_path):
    a, b = twins(built, tmp_path)
    page = b / "phan-1" / "ket-qua" / "ton-giao" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert 'tabindex="0"' in html
    page.write_text(html.replace('tabindex="0"', 'tabindex="-1"', 1), encoding="utf-8")
    assert compare(a, b).returncode == 0  # the same text: compare_builds sees no difference
    result = compare_dom(a, b)
    assert result.returncode == 1
    assert "phan-1/ket-qua/ton-giao/index.html: tree differs" in result.stdout


def test_dom_not_a_site_is_refused(tmp_path):
    result = compare_dom(tmp_path, tmp_path)
    assert result.returncode == 2
    assert "not a built site" in result.stderr
