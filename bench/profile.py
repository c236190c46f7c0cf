"""Profile one build with cProfile and say where the time went, by owner."""
from __future__ import annotations

import pstats
from dataclasses import dataclass
from pathlib import Path

# Owner of a function, by the path of its source file (first match wins).
# Paths are matched after "site-packages/" for libraries, whole for project files.
OWNERS = [
    ("mkdocs-macros plugin", ("mkdocs_macros/",)),
    ("Jinja2 (macros pages and theme templates)", ("jinja2/",)),
    ("Python-Markdown + pymdownx", ("markdown/", "pymdownx/")),
    ("Material theme and its plugins", ("material/",)),
    ("MkDocs core", ("mkdocs/",)),
    ("YAML, JSON Schema", ("yaml/", "_yaml", "jsonschema", "referencing/", "rpds")),
    ("bench capture hook (not part of the site)", ("bench/capture_hook.py",)),
    ("our code (kehoach/, hooks.py, macros.py)", ("/kehoach/", "/hooks.py", "/macros.py")),
]
OUR_OWNERS = {OWNERS[0][0], OWNERS[-1][0]}


def owner(filename: str) -> str:
    lib = filename.split("site-packages/", 1)[1] if "site-packages/" in filename else None
    for name, needles in OWNERS:
        if lib is not None and name.startswith("our code"):
            continue
        if any((lib.startswith(n) or n.startswith("_") and n in lib) if lib is not None else n in filename
               for n in needles):
            return name
    return "Python standard library, other"


@dataclass
class Profile:
    total: float
    by_owner: list[tuple[str, float]]          # own time (tottime) by owner
    our_entries: list[tuple[str, float, int]]  # our functions called by others: cumulative, calls
    top: list[tuple[str, float, float, int]]   # top functions by own time: name, tottime, cumtime, calls


def _label(func) -> str:
    """Function name without the folder it was loaded from (each plan has its own copy of our code)."""
    filename, line, name = func
    short = filename
    for marker in ("site-packages/", "/kehoach/"):
        if marker in filename:
            short = (marker.strip("/") + "/" if marker != "site-packages/" else "") + filename.split(marker, 1)[1]
            break
    else:
        if filename.endswith(("/hooks.py", "/macros.py")):
            short = filename.rsplit("/", 1)[1]
    return f"{short}:{line} {name}"


def summarise(prof_files: list[Path], top_n: int = 12) -> Profile:
    stats = pstats.Stats(*[str(p) for p in prof_files])
    raw = stats.stats  # func -> (cc, nc, tt, ct, callers)
    total = stats.total_tt
    owners: dict[str, float] = {}
    for func, (_, _, tt, _, _) in raw.items():
        owners[owner(func[0])] = owners.get(owner(func[0]), 0.0) + tt
    entries: dict[str, list] = {}
    for func, (_, nc, _, ct, callers) in raw.items():
        if owner(func[0]) not in OUR_OWNERS:
            continue
        if any(owner(c[0]) not in OUR_OWNERS for c in callers):
            e = entries.setdefault(_label(func), [0.0, 0])
            e[0] += ct
            e[1] += nc
    ours = sorted(((k, ct, nc) for k, (ct, nc) in entries.items()), key=lambda e: -e[1])
    funcs: dict[str, list] = {}
    for func, (_, nc, tt, ct, _) in raw.items():
        f = funcs.setdefault(_label(func), [0.0, 0.0, 0])
        f[0] += tt
        f[1] += ct
        f[2] += nc
    top = sorted(((k, tt, ct, nc) for k, (tt, ct, nc) in funcs.items()), key=lambda e: -e[1])[:top_n]
    return Profile(total, sorted(owners.items(), key=lambda kv: -kv[1]), ours[:top_n], top)
