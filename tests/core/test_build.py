"""The real site builds strictly, with no warning at all."""


def test_build_has_no_warnings(built):
    warnings = [line for line in built.output.splitlines() if "WARNING" in line or "ERROR" in line]
    assert warnings == []


def test_every_page_is_vietnamese(built):
    for html in built.site.rglob("*.html"):
        head = html.read_text(encoding="utf-8")[:400]
        assert '<html lang="vi"' in head, html
