"""Compare the HTML pages of two builds as trees: same elements, attributes, text.

    python tools/compare_dom.py SITE_A SITE_B

For refactors that should change nothing a reader gets (e.g. how the build
reads and writes HTML): each .html file of both sites, and of the offline copy
(.zip) inside each site, is parsed with lxml.html and written out in one
canonical form, then the two forms are compared. Only the way the same tree is
written is forgiven: `<br />` or `<br>`, `&#x27;` or `'`, `attr` or
`attr=""`, `&nbsp;` or the character itself, the quotes around attribute
values. Element names, their order, attributes (names, values and their order)
and every run of text, whitespace included, must be the same. One blind spot:
lxml lower-cases names as it parses, so an SVG's `viewBox` and `viewbox`
compare equal here (a browser reads both as viewBox); `diff -r` shows them.

Lists the differing pages with the first place they differ, and exits 1 if
there is any (2 if a site is missing); compares text files of the same name
byte for byte too, but only names those (the PDF and the archives themselves
differ on dates and are left out).
"""
from __future__ import annotations

import sys
from html import escape
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from compare_builds import files, two_sites, unpacked  # tools/, beside this file


def canonical(source: bytes) -> str:
    """The page's tree, written one way."""
    tree = lxml_html.document_fromstring(source) if source.strip() else None
    if tree is None:
        return ""
    out: list[str] = []

    def write(node) -> None:
        if not isinstance(node.tag, str):  # comment or processing instruction
            out.append(f"<!--{node.text or ''}-->" if node.tag is etree.Comment else f"<?{node.text or ''}?>")
        else:
            attrs = "".join(f' {k}="{escape(v)}"' for k, v in node.attrib.items())
            out.append(f"<{node.tag}{attrs}>")
            out.append(escape(node.text or "", quote=False))
            for child in node:
                write(child)
            out.append(f"</{node.tag}>")
        out.append(escape(node.tail or "", quote=False))

    docinfo = tree.getroottree().docinfo
    out.append(f"<!DOCTYPE {docinfo.doctype}>" if docinfo.doctype else "")
    write(tree)
    return "".join(out)


def first_difference(a: str, b: str, width: int = 70) -> str:
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(0, i - width // 2)
    return f"at character {i}:\n      A: …{a[start:i + width]}…\n      B: …{b[start:i + width]}…"


def compare(a: Path, b: Path, where: str = "") -> tuple[int, list[str]]:
    """(pages compared, differences) between the two sites."""
    fa, fb = files(a), files(b)
    problems = [f"{where}{n}: only in A" for n in sorted(fa - fb)]
    problems += [f"{where}{n}: only in B" for n in sorted(fb - fa)]
    pages = 0
    for name in sorted(fa & fb):
        pa, pb = a / name, b / name
        if name.endswith(".html"):
            pages += 1
            ca, cb = canonical(pa.read_bytes()), canonical(pb.read_bytes())
            if ca != cb:
                problems.append(f"{where}{name}: tree differs {first_difference(ca, cb)}")
        elif name.endswith(".zip"):
            with unpacked(pa, pb) as (ua, ub):
                n, found = compare(ua, ub, f"{where}{name}!")
            pages += n
            problems += found
        elif name.endswith((".csv", ".json", ".txt", ".xml", ".js", ".css")):
            if pa.read_bytes() != pb.read_bytes():
                problems.append(f"{where}{name}: content differs")
    return pages, problems


def main(argv: list[str]) -> int:
    sites = two_sites(argv, __doc__.strip().splitlines()[2].strip())
    if sites is None:
        return 2
    pages, problems = compare(*sites)
    for problem in problems:
        print(f"  - {problem}")
    print(f"{pages} HTML pages compared (offline copy included), {len(problems)} difference(s).")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
