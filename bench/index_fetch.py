"""Bytes of search index that one query fetches from a built archive (issue 22 points 5 and 7).

The bench asks `archive_query_fetch(site, query)` for each of QUERIES: the
files (paths relative to the built archive `site`, e.g. "search/shard-3f.json")
that the archive-wide search fetches, from a cold cache, to answer `query`.

Today the archive has no search across plans: the function returns None and
the bench reports the BASELINE instead, labelled as such in RESULTS.md:

- one plan: a query in a plan (Material's lunr search, our Vietnamese folding)
  fetches that plan's whole search/search_index.json, whatever the query;
- all plans in one lunr index: what a search across the archive would fetch
  if it were today's design with every plan in one index (the sum of the plans'
  indexes; issue 22 cites 18 MB, 3.2 MB gzip, for 100 plans).

The archive search (issue 22 point 5) fills in `archive_query_fetch`: it knows
which files its engine fetches for a query (Pagefind: its entry file, the
filter and index chunks of the query's words, then the fragments of the
results shown; a sharded index: the shards of the query's words). A browser
measurement of the same (Playwright network events) belongs in its tests; here
the bench only needs the list of files, to add up their sizes raw and gzip.
Return None when `site` has no archive search (an older commit), so the bench
still runs.
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

from .search_queries import QUERIES as _ALL

# 20 queries as citizens type them (bench/search_queries.py: with and without
# diacritics, "đ", phrases, citations by number), two near-duplicates left out.
QUERIES = [q for q, _ in _ALL if q not in ("Hiệp Hoà", "uu tu")]
assert len(QUERIES) == 20, len(QUERIES)

PLAN_INDEX = "search/search_index.json"  # Material's lunr index, one per plan


def archive_query_fetch(site: Path, query: str) -> list[str] | None:
    """The files the archive-wide search fetches for `query` (relative to `site`), or
    None: the archive has no search across plans yet."""
    return None


@dataclass
class Fetch:
    raw: int
    gzip: int
    files: int


def sizes(site: Path, files: list[str]) -> Fetch:
    """Raw and gzip (level 6, as a server would send it) bytes of `files`, each once."""
    raw = gz = 0
    unique = list(dict.fromkeys(files))
    for rel in unique:
        body = (site / rel).read_bytes()
        raw += len(body)
        gz += len(gzip.compress(body, 6))
    return Fetch(raw, gz, len(unique))


def measure(site: Path, plan_ids: list[str]) -> dict:
    """Per query: the archive search's bytes (None until it exists) and the two baselines."""
    one = sizes(site, [f"{plan_ids[0]}/{PLAN_INDEX}"])
    every = [sizes(site, [f"{p}/{PLAN_INDEX}"]) for p in plan_ids]
    all_plans = Fetch(sum(f.raw for f in every), sum(f.gzip for f in every), len(every))
    rows = []
    for query in QUERIES:
        files = archive_query_fetch(site, query)
        rows.append({"query": query, "archive": None if files is None else sizes(site, files).__dict__})
    return {"queries": rows, "one_plan": one.__dict__, "largest_plan": max(every, key=lambda f: f.raw).__dict__,
            "all_plans": all_plans.__dict__}
