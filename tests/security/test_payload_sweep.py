"""Issue 26, point 1: the search for siblings as a test. Each payload class
(tests/security/payloads.py) goes into every string (or number) field of every
data file, walked from schemas/, and into the ids, titles, attributes and body
of a page; the build must either refuse with a message naming that file, with
no traceback, or publish nothing live that the payload brought (no script,
handler, javascript:/data: address, refresh, form, frame, SVG animation,
xlink, foreign link from a text field, filled marker, evaluated Jinja, hidden
character, formula cell or non-number), judged on the written HTML (title
attributes as the theme's tooltips insert them), the search index and the
downloads.

A test id is one class in one field (or page place); within it every payload
of the class is tried (on successive entries of the field). To bound the
builds, the variants of one class share builds: each payload carries a token
that says which variant brought a live thing; a refusal names a file and line,
which says which variant it refused, and the others are built again without
it. Refusals of a data file's loader (data.load, the build's first check) and
of a page's file check (files.check_page) are asked in-process, as the build
asks them. Plan pages are not held to record/ in these copies: the record
guards the plan's words, not the reader, and would stop a payload before the
guards under test see it. The verdicts of a class are computed once per test
session and shared by the pytest-xdist workers (a lock file per class).
"""
from __future__ import annotations

import copy
import fcntl
import json
import os
import pickle
import re
import shutil
import traceback
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import payloads as P
import markdown

from kehoach import macro_list
from kehoach.checks import files, html_allowlist, templates
from kehoach.core import vietnamese
from kehoach.core import data as kdata
from kehoach.core.errors import SiteError
from siteutil import PLAN, PLAN_ID, ROOT, copy_project, run_build

pytestmark = pytest.mark.errors

DATA_FILES = sorted(p.stem for p in (PLAN / "data").glob("*.yml"))


# ---------------------------------------------------------------- the variants


@dataclass
class Sub:
    """One payload in one place: a data file's field entry, or a page block."""
    cls: str
    unit: str
    token: str
    value: object
    file: str                    # data/x.yml or docs/....md
    path: tuple | None = None    # the data field's concrete path
    block: str | None = None     # the page block
    markdown: bool = False

    @property
    def slot(self):
        if self.path is not None:
            return (self.file, self.path)
        return (self.file, "h1") if self.block.startswith("# ") else (self.file, self.token)


def _data(name: str):
    doc = P.load_yaml((PLAN / "data" / f"{name}.yml").read_text(encoding="utf-8"))
    if name == "site":
        doc.pop("record", None)  # not held to record/ (siteutil.not_held_to_record)
    return doc


def variants() -> dict[str, dict[str, list[Sub]]]:
    """Every class's units (test ids) and their payloads, in a fixed order
    (the same in every worker: tokens are numbered in that order)."""
    n = 0
    out: dict[str, dict[str, list[Sub]]] = {}
    for cls in P.CLASSES:
        units: dict[str, list[Sub]] = {}
        for name in DATA_FILES:
            schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
            doc = _data(name)
            for fp in P.walk_schema(name, schema):
                wants = {"string"} if cls.kind == "string" else {"number", "integer"}
                if not fp.types & wants:
                    continue
                where = P.instances(doc, fp.steps) or P.parents(doc, fp.steps)
                if not where:
                    continue
                # One payload per field, the class's payloads taken in turn from
                # field to field (every payload reaches a third of the fields or
                # more): what bounds the builds.
                unit = f"{cls.name}:data/{fp.name}"
                payload = cls.payloads[len(units) % len(cls.payloads)]
                n += 1
                tok = P.token(n)
                units[unit] = [Sub(cls.name, unit, tok, P.render(payload, tok), f"data/{name}.yml",
                                   path=where[0], markdown=fp.markdown)]
        if cls.pages:
            # Every payload of the class in every place of the page: the page's
            # checks are asked in-process first, and what passes them shares builds.
            # A plain link the page writes in its article is its content (markdown=True).
            for place, (make, _) in P.PAGE_PLACES.items():
                unit = f"{cls.name}:{P.PAGE}#{place}"
                for payload in cls.payloads:
                    n += 1
                    tok = P.token(n)
                    block = make(P.render(payload, tok), tok)
                    if block is not None:
                        units.setdefault(unit, []).append(
                            Sub(cls.name, unit, tok, P.render(payload, tok), P.PAGE, block=block, markdown=True))
        out[cls.name] = units
    return out


VARIANTS = variants()


# ---------------------------------------------------------------- building a batch


def plan_in(dest: Path) -> Path:
    """The plan's folder in the copy at `dest`: what the sweep builds (the plan
    alone, as `built` does, so that its search index and downloads are at the
    site's root where the judge reads them)."""
    return dest / "plans" / PLAN_ID


def write_copy(dest: Path, subs: list[Sub]) -> dict[str, tuple[str, int, int]]:
    """A copy of the project with `subs` written in; where each token's lines are."""
    plan = plan_in(dest)
    project = plan if (plan / "mkdocs.yml").exists() else copy_project(dest)
    shutil.copy2(PLAN / PAGE_FILE, project / PAGE_FILE)
    lines: dict[str, tuple[str, int, int]] = {}
    by_file: dict[str, list[Sub]] = {}
    for s in subs:
        by_file.setdefault(s.file, []).append(s)
    for rel, group in by_file.items():
        if rel.startswith("data/"):
            doc = _data(Path(rel).stem)
            for s in group:
                P.put(doc, s.path, s.value, CLASS_REPLACE[s.cls])
            text = P.dump_yaml(doc, escape=any(isinstance(s.value, P.Escaped) for s in group))
            for s in group:
                line = P.line_of_path(text, s.path)
                lines[s.token] = (rel, line, line)
        else:
            text = (project / rel).read_text(encoding="utf-8").rstrip("\n") + "\n"
            for s in group:
                if s.block.startswith("# "):
                    text = with_block(text, s.block)
                    lines[s.token] = (rel, 1, 1)
                    continue
                start = text.count("\n") + 2
                text += "\n" + s.block + "\n"
                lines[s.token] = (rel, start, text.count("\n"))
        (project / rel).write_text(text, encoding="utf-8")
    # Untouched data files are written back the same way (comments dropped), so
    # that the baseline is built from what every variant is built from.
    for name in DATA_FILES:
        if f"data/{name}.yml" not in by_file:
            (project / "data" / f"{name}.yml").write_text(P.dump_yaml(_data(name)), encoding="utf-8")
    return lines


def with_block(text: str, block: str) -> str:
    """The page `text` with `block`: its first line replaced by it, or it appended."""
    if block.startswith("# "):
        return block + "\n" + text.split("\n", 1)[1]
    return text.rstrip("\n") + "\n\n" + block + "\n"


PAGE_FILE = P.PAGE
CLASS_REPLACE = {c.name: c.replace for c in P.CLASSES}
MESSAGE = re.compile(r"^ERROR\s+-\s+(\S+?)(?:, dòng (\d+) \(line \d+\))?:\s*$", re.M)


@dataclass
class Verdict:
    ok: bool
    how: str  # "refused: ..." / "published, nothing live" / the failure


def _message_ok(msg: str, sub: Sub) -> str | None:
    """What is wrong with a refusal's message, or None."""
    if "Traceback" in msg:
        return f"a traceback instead of a message: {msg.strip().splitlines()[-1][:200]}"
    if sub.file not in msg:
        return f"refused without naming {sub.file}: {msg.strip()[:300]}"
    if isinstance(sub.value, str) and len(sub.value) > 1000 and sub.value[200:600] in msg:
        return "the message copies the whole overlong value"
    return None


def precheck(sub: Sub, tmp: Path) -> Verdict | None:
    """The file checks the build makes first, asked in-process: a refusal here
    is the build's refusal (the same function, the same message)."""
    try:
        if sub.path is not None:
            name = Path(sub.file).stem
            doc = _data(name)
            P.put(doc, sub.path, sub.value, CLASS_REPLACE[sub.cls])
            (tmp / "data").mkdir(parents=True, exist_ok=True)
            (tmp / "data" / f"{name}.yml").write_text(P.dump_yaml(doc, isinstance(sub.value, P.Escaped)),
                                                      encoding="utf-8")
            kdata.load(name, kdata.Project(tmp, tmp / "data", ROOT / "schemas"))
        else:
            text = with_block((PLAN / sub.file).read_text(encoding="utf-8"), sub.block)
            files.check_page(sub.file, text.encode("utf-8"))  # on_pre_page
            refusal = templates.check(text, macro_list.site_macros())  # the Jinja guard, as macros render
            if refusal is not None:
                raise templates.refuse(sub.file, text, text, refusal)
            # The allow-list on the page as Markdown renders it: what it refuses
            # there, it refuses in the build's page, which holds the same elements.
            html_allowlist.check(_markdown().convert(text), [(sub.file, lambda: text)], sub.file)
    except SiteError as exc:
        bad = _message_ok(str(exc), sub) if exc.path == sub.file else f"refused naming {exc.path}, not {sub.file}"
        return Verdict(bad is None, bad or f"refused: {str(exc).splitlines()[1].strip()[:160]}")
    except Exception as exc:  # noqa: BLE001 - a traceback is the finding
        return Verdict(False, f"a traceback instead of a message: {type(exc).__name__}: {str(exc)[:200]}")
    return None


def _markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions of mkdocs.yml (markdown_extensions)."""
    return markdown.Markdown(
        extensions=["attr_list", "md_in_html", "tables", "admonition", "footnotes", "kehoach.plan.footnotes", "toc"],
        extension_configs={"footnotes": {"BACKLINK_TEXT": "↩"},
                           "toc": {"permalink": "¶", "slugify": vietnamese.slugify}})


@dataclass
class Sweep:
    work: Path
    base: P.Baseline
    builds: int = 0
    log: list = field(default_factory=list)  # (payloads built, what the build did): for the report
    verdicts: dict = field(default_factory=dict)  # token -> Verdict

    def build(self, subs: list[Sub]):
        """Build `subs` in the sweep's one copy of the project (its data files
        and the page written afresh each time)."""
        self.builds += 1
        lines = write_copy(self.work / "p", subs)
        result = run_build(plan_in(self.work / "p"), self.work / "site", downloads=False)
        return result, lines, self.work / "site"

    def run(self, subs: list[Sub]) -> None:
        pending = []
        for s in subs:
            v = precheck(s, self.work / f"pre-{s.token}")
            if v is None:
                pending.append(s)
            else:
                self.verdicts[s.token] = v
        queue = _pack(pending)
        while queue:
            batch = queue.pop(0)
            result, lines, dest = self.build(batch)
            self.log.append((len(batch), "refused" if result.returncode else "published",
                             (MESSAGE.search(result.output) or [""])[0][:100]))
            if result.returncode != 0:
                self._refused(batch, result.output, lines, queue)
            else:
                self._published(batch, result.site, queue)
            shutil.rmtree(dest, ignore_errors=True)

    def _refused(self, batch, output, lines, queue):
        m = MESSAGE.search(output)
        if m and "Traceback" not in output:
            path, line = m.group(1), int(m.group(2) or 0)
            first = output[m.start():].split("\n\n", 1)[0]
            quoted = set(P.TOKEN.findall(first))  # the message quotes the value: its token says whose
            hit = [s for s in batch if s.token in quoted and s.file == path]
            if len(hit) != 1:
                hit = [s for s in batch if lines[s.token][0] == path and lines[s.token][1] <= line <= lines[s.token][2]]
            if len(hit) == 1 or (len(batch) == 1 and path == batch[0].file):
                sub = hit[0] if hit else batch[0]
                bad = _message_ok(output[m.start():], sub)
                self.verdicts[sub.token] = Verdict(bad is None, bad or f"refused: {output[m.end():].strip().splitlines()[0][:160]}")
                rest = [s for s in batch if s is not sub]
                if rest:
                    queue.insert(0, rest)
                return
        if len(batch) == 1:
            tail = output.strip().splitlines()[-1][:200] if output.strip() else ""
            why = (f"a traceback instead of a message ({tail})" if "Traceback" in output else
                   f"refused without naming {batch[0].file}: {output[m.start():m.start() + 300] if m else tail}")
            self.verdicts[batch[0].token] = Verdict(False, why)
            return
        half = len(batch) // 2
        queue[:0] = [batch[:half], batch[half:]]

    def _published(self, batch, site, queue):
        findings = P.judge_site(site, self.base)
        by_token = {s.token: s for s in batch}
        loose = []
        for f in findings:
            sub = by_token.get(f.token) if f.token else None
            if f.token and sub is None:
                continue  # a token of another class's payload? cannot be: tokens are unique
            if sub is None:
                loose.append(f)
            elif not (f.link and sub.markdown) and sub.token not in self.verdicts:
                self.verdicts[sub.token] = Verdict(False, f"published live: {f}")
        rest = [s for s in batch if s.token not in self.verdicts]
        if loose and len(rest) > 1:
            half = len(rest) // 2
            queue[:0] = [rest[:half], rest[half:]]
            return
        for s in rest:
            self.verdicts[s.token] = (Verdict(False, f"published live: {loose[0]}") if loose else
                                      Verdict(True, "published, nothing live"))


def _pack(subs: list[Sub]) -> list[list[Sub]]:
    """Batches in which no two payloads share a field entry."""
    batches: list[tuple[set, list[Sub]]] = []
    for s in subs:
        for slots, batch in batches:
            if s.slot not in slots:
                slots.add(s.slot)
                batch.append(s)
                break
        else:
            batches.append(({s.slot}, [s]))
    return [b for _, b in batches]


# ---------------------------------------------------------------- shared across workers


@pytest.fixture(scope="session")
def shared(tmp_path_factory) -> Path:
    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out = root / "payload-sweep"
    out.mkdir(exist_ok=True)
    return out


class ComputeFailed(Exception):
    """The shared computation raised: every test that needs it fails with its
    traceback, without computing it again (a class takes minutes)."""


def _once(shared: Path, name: str, compute):
    """compute() once per session for all workers: the first one computes, the others read."""
    result = shared / f"{name}.pickle"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result.exists():
            try:
                value = compute()
            except Exception:  # noqa: BLE001 - kept for the other tests, raised below
                value = ComputeFailed(traceback.format_exc())
            result.write_bytes(pickle.dumps(value))
        value = pickle.loads(result.read_bytes())
    if isinstance(value, ComputeFailed):
        raise value
    return value


def _baseline(shared: Path):
    def compute():
        dest = shared / "baseline"
        shutil.rmtree(dest, ignore_errors=True)
        write_copy(dest / "p", [])
        result = run_build(plan_in(dest / "p"), dest / "site", downloads=False)
        if result.returncode != 0:
            return result.output, None, []
        base = P.baseline_of(result.site)
        return result.output, base, [str(f) for f in P.judge_site(result.site, base)]
    return _once(shared, "baseline", compute)


def _class_verdicts(shared: Path, cls: str) -> tuple[dict, int]:
    def compute():
        output, base, _ = _baseline(shared)
        assert base is not None, f"the unbroken copy does not build:\n{output[-3000:]}"
        work = shared / f"work-{cls}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        sweep = Sweep(work, base)
        sweep.run([s for subs in VARIANTS[cls].values() for s in subs])
        shutil.rmtree(work, ignore_errors=True)
        (shared / f"log-{cls}.json").write_text(json.dumps(sweep.log, ensure_ascii=False, indent=0))
        return sweep.verdicts, sweep.builds
    return _once(shared, f"class-{cls}", compute)


# ---------------------------------------------------------------- the tests


def test_the_unbroken_copy_builds_and_holds_nothing_live(shared):
    """The judge's zero: the copy every variant starts from (data files written
    back by the sweep's YAML writer, plan pages not held to record/) builds, and
    the judge finds nothing in it."""
    output, base, findings = _baseline(shared)
    assert base is not None, output[-3000:]
    assert findings == []
    # What the judge reads is where it looks: the plan's own site, not an
    # archive around it (there, its index and downloads are one folder down).
    site = shared / "baseline" / "site"
    assert (site / "search" / "search_index.json").is_file()
    assert list((site / "du-lieu").glob("*.csv")) and list((site / "du-lieu").glob("*.json"))


def test_every_data_file_and_field_kind_is_swept():
    """The walk reaches every data file, and every string and number field the
    schemas declare (counted in the schema text itself)."""
    for name in DATA_FILES:
        schema_text = (ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
        walked = P.walk_schema(name, json.loads(schema_text))
        strings = [f for f in walked if "string" in f.types]
        assert strings or '"string"' not in schema_text, name
        units = [u for u in VARIANTS["script"] if u.startswith(f"script:data/{name}:")]
        assert units, f"no field of data/{name}.yml is swept"
    assert any(u.startswith("nonfinite:data/figures:") for u in VARIANTS["nonfinite"])


ALL_UNITS = [(cls, unit) for cls, units in VARIANTS.items() for unit in units]


@pytest.mark.parametrize("cls,unit", ALL_UNITS, ids=[u for _, u in ALL_UNITS])
def test_payload_is_refused_or_harmless(shared, cls, unit):
    verdicts, _ = _class_verdicts(shared, cls)
    subs = VARIANTS[cls][unit]
    failed = [(s, verdicts[s.token]) for s in subs if not verdicts[s.token].ok]
    assert not failed, "\n".join(
        f"{s.file} {'/'.join(map(str, s.path)) if s.path else s.block.splitlines()[0][:120]!s} "
        f"payload {str(s.value)[:100]!r}{' (hidden characters as YAML escapes)' if isinstance(s.value, P.Escaped) else ''}: "
        f"{v.how}" for s, v in failed)


def test_one_build_with_downloads_publishes_nothing_live(shared, tmp_path):
    """The PDF and the offline copy are written by one build only: the one that
    holds, for each class, every payload the sweep found published harmlessly;
    the offline copy's pages are judged by the payloads' tokens."""
    chosen: list[Sub] = []
    slots = set()
    for cls in VARIANTS:
        verdicts, _ = _class_verdicts(shared, cls)
        for subs in VARIANTS[cls].values():
            for s in subs:
                if verdicts[s.token].how == "published, nothing live" and s.slot not in slots:
                    slots.add(s.slot)
                    chosen.append(s)
    assert chosen, "no payload was published: nothing to judge in the downloads"
    write_copy(tmp_path / "p", chosen)
    result = run_build(plan_in(tmp_path / "p"), tmp_path / "site", downloads=True)
    assert result.returncode == 0, result.output[-3000:]
    tokens = {s.token: s for s in chosen}
    zips = list((result.site / "tai-ve").glob("*.zip"))
    assert zips, "the build wrote no offline copy"
    with zipfile.ZipFile(zips[0]) as zf:
        zf.extractall(tmp_path / "offline")
    _, base, _ = _baseline(shared)
    live = []
    for site in (result.site, tmp_path / "offline"):
        for f in P.judge_site(site, base):
            s = tokens.get(f.token or "")
            if s is not None and not (f.link and s.markdown):
                live.append(f"{s.unit} {str(s.value)[:60]!r}: {f}")
    assert not live, "\n".join(live[:20])
