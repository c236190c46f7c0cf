"""Build a project as `mkdocs serve` does, in this process: run by
tests/preview/test_serve_cache.py as a script, so that the serve-only patches
(kehoach/preview/build.py on_serve) never reach the test session's process.

    python serve_rebuild.py <project> <out> cached|plain <edits.json>

plain: one serve build of the project, the edits made first. cached: a serve
build, then the session's caches installed (as on_serve does) and one more
build, then the edits ([file, old, new] or [file, null, new text]: a new
file), then one last build. The site of the last build is copied to <out>;
prints JSON: how many pages there are, and how many Material's search parser
read in the last build.
"""
import json
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

project, out, mode, edits = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])
os.chdir(project)
logging.basicConfig(level=logging.ERROR)
site = tempfile.mkdtemp(prefix="serve-rebuild-")
URL = "http://127.0.0.1:8000/ke-hoach-2022/"


def config():
    c = load_config(str(project / "mkdocs.yml"), site_dir=site)
    c.site_url = URL
    return c


def edit():
    for rel, old, new in edits:
        path = project / rel
        if old is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(new, encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
            assert old in text, (rel, old)
            path.write_text(text.replace(old, new, 1), encoding="utf-8")


first = config()
first.plugins.on_startup(command="serve", dirty=False)
if mode == "plain":
    edit()
build(first, serve_url=URL)
parsed = 0
if mode == "cached":
    from kehoach.preview import build as preview
    from material.plugins.search import plugin as search

    preview.ThemeFiles().install()
    preview.SearchEntries().install()
    build(config(), serve_url=URL)
    edit()
    feed = search.Parser.feed

    def counted(parser, data):
        global parsed
        parsed += 1
        return feed(parser, data)

    search.Parser.feed = counted
    build(config(), serve_url=URL)
shutil.rmtree(out, ignore_errors=True)
shutil.copytree(site, out)
print(json.dumps({"pages": sum(1 for _ in out.rglob("index.html")), "parsed": parsed}))
