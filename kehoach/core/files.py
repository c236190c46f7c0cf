"""Files the build writes for itself (its caches, the archive's index): each
written aside, then put in place by one rename, so a reader (or the next build,
after a crash) sees the old file or the new one, never half of one; and a file
that may be a hard link of a kept one is replaced, never written into.

And the one rule by which the build trusts what it kept of a file or folder
across builds, without reading it again: its change time (with its inode) is
the same, a time no program can set back (any write, rename or utime moves
it). Something changed in the last SETTLED_NS may change again within the same
tick of the clock without showing: it is not kept, and is read again next
time (as git's racy index)."""
from __future__ import annotations

import os
from pathlib import Path

SETTLED_NS = 2_000_000_000


def folder_stamp(st: os.stat_result) -> list[int]:
    """What is kept of a folder to tell it unchanged: [change time, inode]."""
    return [st.st_ctime_ns, st.st_ino]


def folders_unchanged(folders: dict, base: str = "") -> bool:
    """Whether each folder of `folders` (a path under `base` -> its `folder_stamp`;
    "" for `base` itself) still has that stamp. A missing one raises OSError."""
    for rel, stamp in folders.items():
        if folder_stamp(os.lstat(os.path.join(base, rel) if rel else base)) != stamp:
            return False
    return True


def write_aside(path: Path, text: str) -> None:
    """`text` as the new file at `path` (UTF-8), its folder made if missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, path)
