"""Paper design for ~100 plans: a search index sharded by the first two letters
of each (folded) word, fetched per query. Estimates the bytes a query fetches.

    .venv/bin/python bench/search_shards.py SITE_DIR STORED_INDEX_BYTES [PLANS]

SITE_DIR is one built plan; STORED_INDEX_BYTES the size of the lunr index the
search worker stores for it (bench/search.py prints it: "stored index N
characters"). The archive is estimated as PLANS (default 100) plans like this
one: every shard and the index grow PLANS times (the synthetic plans of
bench/corpus.py are our plan with names changed, so their words are ours).

What the shards hold is estimated from the plan's own words, as the worker
indexes them (each word also under its other forms, lunr.vi.min.js): a shard's
share of the index is its share of the indexed (form, position) pairs. A query
fetches the shard of each of its words (the folded first two letters: with or
without diacritics the same shard), plus the passages of the results shown.
"""
from __future__ import annotations

import collections
import gzip
import html
import json
import re
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).parent))
from kehoach.core.vietnamese import fold  # noqa: E402
from search_queries import QUERIES  # noqa: E402

TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[^\w/%,.-]+")
BUCKETS = 4096  # compact design: postings files, a folded form -> one file by hash
PAIR_BYTES = 3  # a (form, position) pair as varints: page delta (20,000 pages) + position delta


def forms(word: str) -> set[str]:
    """The forms lunr.vi.min.js indexes a word under (without the other tone placement)."""
    out = {word, fold(word)}
    for piece in re.split(r"[/-]", word):
        if piece:
            out |= {piece, fold(piece)}
    return out


def hash_form(form: str) -> int:
    """A stable bucket for a folded form (FNV-1a, as a worker would compute it)."""
    h = 0x811C9DC5
    for byte in form.encode():
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h % BUCKETS


def shard(word: str) -> str:
    return fold(word)[:2]


def main(site: str, stored: int, plans: int = 100) -> None:
    raw = (Path(site) / "search" / "search_index.json").read_bytes()
    docs = json.loads(raw)["docs"]
    pairs = collections.Counter()
    per_form = collections.Counter()
    text_bytes = []
    for doc in docs:
        body = html.unescape(TAG.sub(" ", doc["title"] + " " + doc["text"])).lower()
        for word in WORD.split(body):
            word = word.strip(",.")
            for form in forms(word) if word else ():
                pairs[shard(form)] += 1
                per_form[fold(form)] += 1
        text_bytes.append(len(json.dumps(doc, ensure_ascii=False).encode()))
    total = sum(pairs.values())
    ratio = len(gzip.compress(raw, 9)) / len(raw)
    archive = stored * plans  # characters of the whole archive's lunr index (mostly ASCII)
    share = {key: n / total for key, n in pairs.items()}
    sizes = sorted(share.values())
    print(f"one plan: {len(docs)} entries, search_index.json {len(raw)} bytes; stored lunr index {stored} bytes")
    print(f"archive of {plans} plans: whole index {archive / 1e6:.0f} MB "
          f"(gzip ~{archive * ratio / 1e6:.1f} MB at the docs' ratio {ratio:.2f}), "
          f"search_index.json {len(raw) * plans / 1e6:.0f} MB")
    print(f"{len(share)} shards (first two folded letters); share of the index: median {statistics.median(sizes):.4f}, "
          f"p90 {sizes[int(0.9 * len(sizes))]:.4f}, largest {sizes[-1]:.3f} "
          f"({max(share, key=share.get)!r}); largest five: "
          + ", ".join(f"{k!r} {v:.3f}" for k, v in sorted(share.items(), key=lambda kv: -kv[1])[:5]))
    passage = statistics.median(text_bytes)
    per_query = []
    for query, _ in QUERIES:
        keys = {shard(w.strip(",.")) for w in WORD.split(query.lower()) if w.strip(",.")}
        index_bytes = sum(share.get(k, 0) for k in keys) * archive
        per_query.append((query, sorted(keys), index_bytes))
    print(f"passages of the 10 results shown: ~{10 * passage / 1e3:.0f} kB (median entry {passage:.0f} bytes)")
    for query, keys, b in per_query:
        print(f"  {query!r}: shards {keys}: {b / 1e6:.1f} MB raw, ~{b * ratio / 1e6:.2f} MB gzip")
    med = statistics.median(b for _, _, b in per_query)
    print(f"median query: {med / 1e6:.1f} MB raw, ~{med * ratio / 1e6:.2f} MB gzip "
          f"({med / archive:.1%} of the archive's index)")

    # Compact design: postings of each folded form (pages and positions, varints), the forms
    # hashed into BUCKETS files; a query fetches one file per word, plus for its last
    # (unfinished) word the vocabulary file of its first two letters (the forms only).
    bucket = collections.Counter()
    for form, n in per_form.items():
        bucket[hash_form(form)] += n * plans * PAIR_BYTES
    vocab = collections.Counter()
    for form in per_form:
        vocab[form[:2]] += len(form.encode()) + 1  # the vocabulary does not grow with plans of the same words
    sizes = sorted(bucket.values())
    print(f"compact postings: {sum(bucket.values()) / 1e6:.1f} MB for the archive in {BUCKETS} files "
          f"(median file {statistics.median(sizes) / 1e3:.0f} kB, largest {sizes[-1] / 1e3:.0f} kB); "
          f"vocabulary {sum(vocab.values()) / 1e3:.0f} kB in {len(vocab)} files")
    compact = []
    for query, _ in QUERIES:
        words = [fold(w.strip(",.")) for w in WORD.split(query.lower()) if w.strip(",.")]
        files = {hash_form(w) for w in words}
        b = sum(bucket[f] for f in files) + vocab[words[-1][:2]]
        compact.append(b)
        print(f"  {query!r}: {len(files)} postings files + 1 vocabulary file: {b / 1e3:.0f} kB")
    print(f"compact, median query: {statistics.median(compact) / 1e3:.0f} kB, largest {max(compact) / 1e3:.0f} kB, "
          f"+ ~{10 * passage / 1e3:.0f} kB of passages shown")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), *(int(a) for a in sys.argv[3:]))
