"""Build a project as `mkdocs serve` does, in this process: run by
tests/preview/test_serve_cache.py as a script, so that the serve-only patches
(kehoach/preview/build.py install_caches) never reach the test session's process.

    python serve_rebuild.py <project> <out> cached|plain <steps.json>

<steps.json> is a list of steps, each a list of edits: [file, old, new] (old
replaced by new, once), [file, null, text] (the file written anew) or [file,
null, null] (the file removed); files are relative to the project.

plain: every step's edits made, then one serve build, as a fresh `mkdocs
serve` makes first (its outcome the one item of "failures"). cached: a serve build, then the session's caches
installed (as on_serve does) and one more build, then for each step its
edits and one build, each rebuild followed by what on_serve's builder does
after a build (the folders left empty removed). The site of the last build is
copied to <out>; prints JSON: how many pages there are, and for each step of
`cached` how many pages Material's search parser and Python-Markdown read
and the message of the build if it failed (null if it passed).
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

project, out, mode, steps = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])
os.chdir(project)
logging.basicConfig(level=logging.ERROR)
site = tempfile.mkdtemp(prefix="serve-rebuild-")
URL = "http://127.0.0.1:8000/ke-hoach-2022/"


def config():
    c = load_config(str(project / "mkdocs.yml"), site_dir=site)
    c.site_url = URL
    return c


def edit(step):
    for rel, old, new in step:
        path = project / rel
        if old is None and new is None:
            path.unlink()
        elif old is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(new, encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
            assert old in text, (rel, old)
            path.write_text(text.replace(old, new, 1), encoding="utf-8")


class Messages(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def built(c) -> str | None:
    """None if the build passed, else the warnings and errors it logged."""
    messages = Messages()
    logging.getLogger("mkdocs").addHandler(messages)
    try:
        build(c, serve_url=URL)
        return None
    except BaseException as exc:  # noqa: BLE001 - a failed build is an outcome the test reads
        return "\n".join(messages.messages) or repr(exc)
    finally:
        logging.getLogger("mkdocs").removeHandler(messages)


first = config()
first.plugins.on_startup(command="serve", dirty=False)
if mode == "plain":
    for step in steps:
        edit(step)
failures = [built(first)]
parsed = converted = 0
steps_parsed, steps_converted = [], []
if mode == "cached":
    import markdown
    from kehoach.preview import build as preview
    from material.plugins.search import plugin as search

    assert failures == [None], failures
    failures = []
    preview.install_caches()
    build(config(), serve_url=URL)
    feed, convert = search.Parser.feed, markdown.Markdown.convert

    def counted(parser, data):
        global parsed
        parsed += 1
        return feed(parser, data)

    def counted_convert(md, source):
        global converted
        converted += 1
        return convert(md, source)

    search.Parser.feed = counted
    markdown.Markdown.convert = counted_convert
    for step in steps:
        edit(step)
        parsed = converted = 0
        failures.append(built(config()))
        steps_parsed.append(parsed)
        steps_converted.append(converted)
        if failures[-1] is None:
            preview.KeptFolders.prune(site)  # as on_serve's builder does after a build
shutil.rmtree(out, ignore_errors=True)
if os.path.isdir(site):
    shutil.copytree(site, out)
print(json.dumps({"pages": sum(1 for _ in out.rglob("index.html")), "parsed": steps_parsed,
                  "converted": steps_converted, "failures": failures}))
