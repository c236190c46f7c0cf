"""`requests`, `hjson` and dateutil's parser are lazy in a build (kehoach/patches/lazy_imports.py):
mkdocs-macros (through super_collections, for hjson) imports them, the build
never uses them, so their code must not run while MkDocs loads a plan's
configuration; touched, each works as the real module."""
from __future__ import annotations

import subprocess
import sys

from siteutil import PLAN_ID, ROOT

PROBE = f"""
import sys
from mkdocs.config import load_config
config = load_config({str(ROOT / 'plans' / PLAN_ID / 'mkdocs.yml')!r})
assert 'macros' in config.plugins and 'mkdocs_macros.util' in sys.modules
print('loaded-before-use', 'requests.adapters' in sys.modules)
import requests
print('session', requests.Session.__name__, 'requests.adapters' in sys.modules)
import super_collections
print('hjson-before-use', 'hjson.decoder' in sys.modules)
print('hjson', super_collections.SuperDict({{'a': 1}}).to_hjson().split(), 'hjson.decoder' in sys.modules)
import mkdocs_macros.context
print('dateutil-before-use', 'dateutil.parser._parser' in sys.modules)
print('dateutil', mkdocs_macros.context.date_parse('2021-07-15 08:30').isoformat(), 'dateutil.parser._parser' in sys.modules)
from dateutil.parser import parse, isoparse
print('dateutil-again', parse('15/7/2021', dayfirst=True).date().isoformat(), isoparse('2021-07-15').year)
"""


def test_loading_a_plans_configuration_runs_no_code_of_requests_until_it_is_used():
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line for line in done.stdout.splitlines()
             if line.startswith(("loaded-before-use", "session", "hjson", "dateutil"))]
    assert lines == ["loaded-before-use False", "session Session True",
                     "hjson-before-use False", "hjson ['{', 'a:', '1', '}'] True",
                     "dateutil-before-use False", "dateutil 2021-07-15T08:30:00 True",
                     "dateutil-again 2021-07-15 2021"], done.stdout
