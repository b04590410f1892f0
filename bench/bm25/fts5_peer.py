"""SQLite FTS5 (C, through Python's standard-library sqlite3) as bench:bm25's build peer: the index
build's CPU per document against xlir's in the same run (issue #17, deliverable 4).

  build CORPUS.jsonl DB_PATH [VARIANT]   index every document into a new database; one JSON line

VARIANT (default `full`) is FTS5's `detail` option:
- full: what BM25 needs, FTS5's default. Each term's postings carry positions, from which FTS5's
  bm25() counts term frequencies (xlir stores the frequencies and no positions).
- none: rowids only, no positions and no frequencies, so FTS5's bm25() cannot rank with it: less
  than xlir stores, a lower bound on FTS5's build cost.

What is the same as xlir's build (bench/bm25/build-cpu.mjs): the documents, read from the same JSONL
and parsed inside the timed span; the raw text, analysed by the engine's own tokenizer (FTS5's
`porter unicode61`: Unicode word split, case and diacritics folded, Porter stemming; xlir: its
English analyzer, Snowball stemming); the text and the id kept beside the index (FTS5's content
table; xlir's doc store); one merged index at the end ('optimize' merges FTS5's segments into one
b-tree, as xlir writes one shard per 100,000 documents). What is not: FTS5 has no stopword list, so
it also indexes the words xlir drops; xlir stores frequencies, FTS5 positions.

One transaction, journal off and no fsync, so the disk is out of the figures as far as SQLite
allows. CPU is the process's user + system time (getrusage) over the whole build: reading,
parsing, tokenising, inserting, committing and merging. SQLite runs it all on this one thread.
"""

import json
import os
import resource
import sqlite3
import sys
import time

VARIANTS = ("full", "none")


def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime, usage.ru_stime


def rows(corpus):
    for line in corpus:
        if line.strip():
            doc = json.loads(line)
            yield doc["id"], doc["text"]


def build(corpus_path, db_path, variant="full"):
    if variant not in VARIANTS:
        sys.exit(f"unknown variant {variant!r}: one of {', '.join(VARIANTS)}")
    for suffix in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(db_path + suffix):
            os.remove(db_path + suffix)
    wall0 = time.perf_counter()
    user0, system0 = cpu()
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute(
        "CREATE VIRTUAL TABLE docs USING fts5("
        f"id UNINDEXED, text, tokenize = 'porter unicode61', detail = {variant})"
    )
    db.execute("BEGIN")
    with open(corpus_path, encoding="utf-8") as corpus:
        db.executemany("INSERT INTO docs (id, text) VALUES (?, ?)", rows(corpus))
    db.execute("COMMIT")
    index_wall = time.perf_counter() - wall0
    index_user, index_system = cpu()
    db.execute("INSERT INTO docs (docs) VALUES ('optimize')")
    docs = db.execute("SELECT count(*) FROM docs").fetchone()[0]
    db.close()
    wall = time.perf_counter() - wall0
    user1, system1 = cpu()
    user, system = user1 - user0, system1 - system0
    cpu_seconds = user + system
    print(json.dumps({
        "engine": "fts5", "variant": variant, "docs": docs,
        "wallSeconds": wall, "cpuSeconds": cpu_seconds,
        "userSeconds": user, "systemSeconds": system,
        "indexWallSeconds": index_wall,
        "indexCpuSeconds": index_user - user0 + index_system - system0,
        "optimizeCpuSeconds": user1 - index_user + system1 - index_system,
        "docsPerCpuSecond": docs / cpu_seconds,
        "bytes": os.path.getsize(db_path),
        "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "sqlite": sqlite3.sqlite_version,
    }), flush=True)


if __name__ == "__main__":
    mode, *args = sys.argv[1:] or [""]
    if mode == "build" and len(args) in (2, 3):
        build(*args)
    else:
        sys.exit(f"usage: {sys.argv[0]} build CORPUS.jsonl DB_PATH [{'|'.join(VARIANTS)}]")
