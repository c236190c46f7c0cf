"""The register across plans: every document the archive's plans cite, once.

Each plan keeps its own register (its data/register.yml, its pages at
/<plan-id>/van-ban/<id>/ and its downloads). The archive merges them by id
into one `Document` per cited document, with every plan that cites it
(`Citing`) and every place it is cited (`Place`), published at /van-ban/<id>/.

Ids are agreed across plans: the same document has the same id in every plan's
data/register.yml. Merging stops the build (`SiteError` naming both files and
lines) on a clash: one id with two different kinds, numbers or dates in two
plans, or one document (same kind and number, or same name) under two ids.
A fact one plan gives and another leaves out is no clash (a plan's register
holds only what that plan writes); the merged entry takes each fact from the
newest plan that gives it.

Where each place is, and what it says, is read from the plans' built output,
which Material's projects plugin has written before the archive's own pages
are made: <plan>/van-ban/danh-muc-van-ban.json lists `cited_at` per document
("page/#anchor"), and the element with that id in the page as built gives the
citing sentence (kehoach/core/htmltree.py; cut as the plan's own entry pages
cut it, kehoach/register/linker.py `context`). Each page is parsed once.
"""
from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, replace
from pathlib import Path

from kehoach.archive.model import Plan
from kehoach.core import data, htmltree
from kehoach.core.errors import SiteError, excerpt
from kehoach.register import html as register_html
from kehoach.register import linker
from kehoach.register import model as register_model
from kehoach.register.model import Entry, Register
from kehoach import settings

SECTION = settings.REGISTER_SECTION
PLAN_JSON = f"{SECTION}/{register_html.JSON_NAME}"  # in each plan's built output
# The facts a plan's entry may give that are not the document's identity: taken
# from the newest plan that gives them (issuer_source goes with issuer).
SHARED_FACTS = ("issuer", "subject", "note")


@dataclass(frozen=True)
class Place:
    """One place a plan cites a document: its page, the paragraph, the sentence."""

    plan_id: str
    page: str        # the page's address in its plan, "phan-1/ket-qua/ton-giao/"
    anchor: str      # the id of the citing paragraph (or footnote, "fn:4")
    page_label: str  # "PHẦN I › 3. Công tác xây dựng chính quyền"
    before: str      # the citing sentence, split around the cited words
    text: str
    after: str

    @property
    def address(self) -> str:
        """From the archive's root: "<plan-id>/<page>#<paragraph id>"."""
        return f"{self.plan_id}/{self.page}#{self.anchor}"

    @property
    def footnote(self) -> str | None:
        return self.anchor[3:] if self.anchor.startswith("fn:") else None


@dataclass(frozen=True)
class Citing:
    """One plan's entry for a document, with where that plan cites it."""

    plan: Plan
    entry: Entry
    source: str        # the plan's register as messages name it: plans/<id>/data/register.yml
    line: int | None   # the entry's line there
    places: tuple[Place, ...]

    @property
    def url(self) -> str:
        """The plan's own page for the document, from the archive's root."""
        return f"{self.plan.id}/{self.entry.url}"


@dataclass(frozen=True)
class Document:
    entry: Entry                   # the document as the plans give it, merged
    citings: tuple[Citing, ...]    # newest plan first

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def url(self) -> str:
        return self.entry.url  # van-ban/<id>/, at the archive's root

    @property
    def places(self) -> list[Place]:
        return [p for c in self.citings for p in c.places]

    def variants(self, name: str) -> list[tuple[str, list[Plan]]]:
        """The different values the plans give for fact `name` (issuer,
        subject, note), each with the plans that give it, newest first."""
        out: dict[str, list[Plan]] = {}
        for c in self.citings:
            value = getattr(c.entry, name)
            if value:
                out.setdefault(value, []).append(c.plan)
        return list(out.items())


@dataclass(frozen=True)
class ArchiveRegister:
    plans: tuple[Plan, ...]
    documents: tuple[Document, ...]  # by id
    kinds: tuple[str, ...]           # in the order the plans' registers list them, newest plan first

    @property
    def place_count(self) -> int:
        return sum(len(d.places) for d in self.documents)

    @property
    def entry_count(self) -> int:
        """Entries of the plans' registers (a document cited by two plans is two)."""
        return sum(len(d.citings) for d in self.documents)


# ------------------------------------------------------------------ loading

def plan_register(plan: Plan, cache: data.DataCache | None = None) -> Register:
    """The plan's data/register.yml, checked as its own build checks it; messages
    name it from the repository's root (plans/<id>/data/register.yml)."""
    root = plan.folder.parent.parent
    project = data.Project(root, plan.folder / "data", data.schemas_of(root), cache or data.DataCache())
    return register_model.load(project)


def _where(reg: Register, entry: Entry, field: str) -> str:
    line = reg.line_of(entry, field)
    return f"{reg.rel}, dòng {line}" if line else reg.rel


def _where_en(reg: Register, entry: Entry, field: str) -> str:
    line = reg.line_of(entry, field)
    return f"{reg.rel}, line {line}" if line else reg.rel


def _clash(first: tuple[Register, Entry], second: tuple[Register, Entry], field: str,
           vi: str, en: str, fix_vi: str, fix_en: str) -> SiteError:
    """The error naming both files and lines: the second in the message's head,
    the first (the entry it clashes with) in its text."""
    (reg_a, a), (reg_b, b) = first, second
    return SiteError(
        reg_b.rel, reg_b.line_of(b, field),
        f"{vi} Mục kia ở {_where(reg_a, a, field)}.",
        f"{en} The other entry is at {_where_en(reg_a, a, field)}.",
        fix_vi, fix_en,
    )


def check_agreed(registers: list[tuple[Plan, Register]]) -> None:
    """Stop on the first clash between two plans' registers (within one plan,
    register/model.py has already checked)."""
    by_id: dict[str, tuple[Register, Entry]] = {}
    by_key: dict[tuple, tuple[Register, Entry]] = {}
    for _plan, reg in registers:
        for e in reg.entries:
            seen = by_id.get(e.id)
            if seen is not None:
                other = seen[1]
                for field, mine, theirs in (("kind", e.kind, other.kind), ("number", e.number, other.number),
                                            ("date", e.date, other.date)):
                    if field == "kind" or (mine and theirs):
                        if mine != theirs:
                            raise _clash(
                                seen, (reg, e), field,
                                f"Mã văn bản '{e.id}' đã dùng cho một văn bản khác ở kế hoạch khác: "
                                f"{field} ở đây là {excerpt(mine)}, ở kia là {excerpt(theirs)}.",
                                f"The id '{e.id}' is used for another document in another plan: "
                                f"its {field} is {excerpt(mine)} here and {excerpt(theirs)} there.",
                                "một mã chỉ dùng cho một văn bản trong cả kho: nếu là cùng văn bản, ghi "
                                "đúng như Kế hoạch viết; nếu là văn bản khác, đặt mã khác.",
                                "an id names one document across the archive: if it is the same document, "
                                "write it as the plan does; if not, give it another id.",
                            )
            else:
                by_id[e.id] = (reg, e)
            key = (e.kind, e.number) if e.number else ("", e.name)
            seen = by_key.get(key)
            if seen is not None and seen[1].id != e.id:
                field = "number" if e.number else "name"
                raise _clash(
                    seen, (reg, e), field,
                    f"{e.label} có mã '{e.id}' ở đây nhưng mã '{seen[1].id}' ở kế hoạch khác: "
                    "một văn bản chỉ có một mã trong cả kho.",
                    f"{e.label} has the id '{e.id}' here but '{seen[1].id}' in another plan: "
                    "a document has one id across the archive.",
                    f"dùng mã đã có, '{seen[1].id}' (giữ mã đã xuất bản).",
                    f"use the id already given, '{seen[1].id}' (keep the published id).",
                )
            by_key.setdefault(key, (reg, e))


def merge(registers: list[tuple[Plan, Register]], places: dict[str, dict[str, list[Place]]]) -> ArchiveRegister:
    """One document per id across `registers` (newest plan first), with each
    plan's places (`places[plan_id][entry_id]`)."""
    check_agreed(registers)
    citings: dict[str, list[Citing]] = {}
    for plan, reg in registers:
        for e in reg.entries:
            citings.setdefault(e.id, []).append(Citing(
                plan, e, reg.rel, reg.line_of(e), tuple(places.get(plan.id, {}).get(e.id, ()))))
    documents = []
    for doc_id in sorted(citings):
        group = citings[doc_id]
        merged = group[0].entry
        for field in ("number", "name", "date"):
            if getattr(merged, field) is None:
                merged = replace(merged, **{field: next((getattr(c.entry, field) for c in group
                                                         if getattr(c.entry, field)), None)})
        for field in SHARED_FACTS:
            giver = next((c.entry for c in group if getattr(c.entry, field)), None)
            if giver is not None:
                extra = {"issuer_source": giver.issuer_source} if field == "issuer" else {}
                merged = replace(merged, **{field: getattr(giver, field)}, **extra)
        if merged.number and merged.name:  # a plan cites it by number, another by name: the number names it
            merged = replace(merged, name=None)
        documents.append(Document(merged, tuple(group)))
    kinds = tuple(dict.fromkeys(e.kind for _, reg in registers for e in reg.entries))
    return ArchiveRegister(tuple(p for p, _ in registers), tuple(documents), kinds)


def load(plans: list[Plan], site_dir: Path, cache: data.DataCache | None = None, kept=None) -> ArchiveRegister:
    """The register across `plans` (newest first), with the places read from
    their output in `site_dir` (built already). `kept`: the places and the
    checked data/register.yml of plans whose inputs did not change, kept from an
    earlier build (`get(plan_id)` and `register(plan_id)`, None when not kept;
    `put(plan_id, places)`, `keep_register(plan_id, reg)`, `save()` after the puts;
    kehoach/archive/cache.py `Places`)."""
    registers = [(plan, _register(plan, cache, kept)) for plan in plans]
    check_agreed(registers)  # before any page is read
    places = {}
    for plan, reg in registers:
        found = kept.get(plan.id) if kept is not None else None
        if found is None:
            found = read_places(Path(site_dir) / plan.id, plan, reg)
            if kept is not None:
                kept.put(plan.id, found)
        places[plan.id] = found
    if kept is not None:
        kept.save()
    return merge(registers, places)


def _register(plan: Plan, cache: data.DataCache | None, kept) -> Register:
    reg = kept.register(plan.id) if kept is not None else None
    if reg is None:
        reg = plan_register(plan, cache)
        if kept is not None:
            kept.keep_register(plan.id, reg)
    return reg


def inputs(plans: list[Plan], site_dir: Path, cache: data.DataCache | None, kept) -> str | None:
    """What the register across `plans` is made of, as one text: each plan's
    digest of its checked register and its places (`kept.digest`, cache.Places).
    A plan whose digest is not kept has its register read (or taken from the
    cache) and its places read from its output in `site_dir`, and kept, as
    `load` would. None when a plan's digest cannot be kept (no key for it)."""
    parts = []
    for plan in plans:
        digest = kept.digest(plan.id)
        if digest is None:
            kept.put(plan.id, read_places(Path(site_dir) / plan.id, plan, _register(plan, cache, kept)))
            digest = kept.digest(plan.id)
            if digest is None:
                kept.save()
                return None
        parts.append([plan.id, digest])
    kept.save()
    return json.dumps(parts)


# ---------------------------------------------------- places, from the output

def _not_built(plan: Plan, what: str) -> SiteError:
    return SiteError(
        f"plans/{plan.id}", None,
        f"Không đọc được {what} trong bản dựng của kế hoạch '{plan.id}': danh mục văn bản chung của kho "
        "lấy các chỗ trích dẫn từ đó.",
        f"Cannot read {what} in the built plan '{plan.id}': the archive's register reads the citing places there.",
        "dựng lại cả kho (mkdocs build ở thư mục gốc), không dùng --dirty.",
        "build the whole archive again (mkdocs build at the root), without --dirty.",
    )


def _plan_page(plan_site: Path, page: str) -> Path | None:
    """The built page of address `page` in the plan's output, or None when the
    address leads out of it."""
    norm = posixpath.normpath("/" + page)[1:]
    if page.startswith("/") or ".." in page.split("/") or "\\" in page or norm.startswith(".."):
        return None
    path = plan_site / norm / "index.html" if page.endswith("/") or not page else plan_site / norm
    return path if path.is_file() else None


def _is_cite(el, entry_id: str | None = None) -> bool:
    return (el.tag == "a" and "kh-cite" in htmltree.classes(el)
            and (entry_id is None or el.get("data-doc") == entry_id))


def _block_of(el):
    """The nearest block (as linker.py groups text) holding `el`."""
    return next((p for p in el.iterancestors() if p.tag in linker.BLOCKS), None)


def _text_with_cite(block, cite) -> tuple[str, int, int]:
    """The text of `block` as the linker read it before it linked anything
    (nested blocks, other links, code and site chrome left out; citations'
    words kept), and where `cite`'s words are in it."""
    parts: list[str] = []
    span = [0, 0]
    size = [0]

    def add(text: str | None) -> None:
        if text:
            parts.append(text)
            size[0] += len(text)

    def walk(el) -> None:
        add(el.text)
        for child in el:
            if htmltree.is_element(child):
                skipped = (child.tag in linker.BLOCKS or "data-kh-chrome" in child.attrib
                           or (child.tag in linker.SKIP and not _is_cite(child)))
                if not skipped:
                    if child is cite:
                        span[0] = size[0]
                    walk(child)
                    if child is cite:
                        span[1] = size[0]
            add(child.tail)

    walk(block)
    return "".join(parts), span[0], span[1]


HOME_LABEL = "Trang chủ"  # the plan's home page, as its nav names it


def _page_label(root, page: str) -> str:
    """How the plan's own entry pages name a page: its part, then its heading."""
    if not page:
        return HOME_LABEL
    h1 = next(iter(root.iter("h1")), None)
    title = htmltree.spaced_text(h1, skip=lambda el: "headerlink" in htmltree.classes(el)) if h1 is not None else ""
    path = [htmltree.spaced_text(li) for li in root.find_class("md-path__item")]
    top = path[1] if len(path) > 1 else None  # path[0] is the plan's home page
    return f"{top} › {title}" if top and title and top != title else (title or top or "")


class _Pages:
    """The built pages of one plan, each parsed once."""

    def __init__(self, plan: Plan, plan_site: Path):
        self.plan, self.site = plan, plan_site
        self.trees: dict[str, tuple[object, dict[str, object], str]] = {}

    def get(self, page: str):
        if page not in self.trees:
            path = _plan_page(self.site, page)
            if path is None:
                raise _not_built(self.plan, f"trang {excerpt(page)}")
            root = htmltree.parse_document(path.read_text(encoding="utf-8"))
            ids = {el.get("id"): el for el in htmltree.elements(root) if el.get("id")}
            self.trees[page] = (root, ids, _page_label(root, page))
        return self.trees[page]


def read_places(plan_site: Path, plan: Plan, reg: Register) -> dict[str, list[Place]]:
    """Every place `plan` cites each entry of `reg`, from its built output."""
    path = plan_site / PLAN_JSON
    try:
        listed = json.loads(path.read_text(encoding="utf-8"))
        cited_at = {d["id"]: list(d["cited_at"]) for d in listed["documents"]}
    except (OSError, ValueError, KeyError, TypeError):
        raise _not_built(plan, f"tệp {PLAN_JSON}") from None
    pages = _Pages(plan, plan_site)
    out: dict[str, list[Place]] = {}
    for entry in reg.entries:
        seen: dict[str, int] = {}
        for address in cited_at.get(entry.id, []):
            page, _, anchor = str(address).partition("#")
            root, ids, label = pages.get(page)
            block_el = ids.get(anchor)
            cites = [el for el in block_el.iter("a") if _is_cite(el, entry.id)] if block_el is not None else []
            nth = seen.get(address, 0)
            seen[address] = nth + 1
            if nth >= len(cites):
                raise _not_built(plan, f"chỗ trích dẫn {excerpt(address)}")
            cite = cites[nth]
            block = _block_of(cite)
            text, start, end = _text_with_cite(block, cite)
            before, after = linker.context(text, start, end)
            out.setdefault(entry.id, []).append(
                Place(plan.id, page, anchor, label, before, " ".join(text[start:end].split()), after))
    return out
