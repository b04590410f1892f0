"""Xapian 1.4 (C++, through Debian's python3-xapian) as bench:bm25's peer: a real engine to measure
xlir's first stage against, on the same generated corpus and SQuAD queries (issue #17).

Run with Debian's /usr/bin/python3, which has the bindings. Two modes:

  build CORPUS.jsonl DB_DIR STOPWORDS.txt   index, commit, compact into DB_DIR; one JSON line
  serve DB_DIR STOPWORDS.txt QUERIES.json   answer bench:bm25's round protocol (rounds-server.ts)

Matching xlir's scoring as closely as Xapian allows:
- BM25Weight(k1=0.9, k2=0, k3=K3, b=0.4, min_normlen=0). min_normlen 0 (default 0.5) so short
  documents' length is not clamped; a large k3 makes (k3+1)·qtf/(k3+qtf) ≈ qtf, xlir's linear
  count of a repeated query term; k2=0 drops the extra document-length term.
- idf differs and cannot be set: Xapian uses ln(R) with R = (N−n+½)/(n+½) (R < 2 becomes R/2+1),
  xlir (like Lucene) ln(1+R). The `xlir-idf` variant of the `ids` request rescales each term with
  OP_SCALE_WEIGHT to xlir's exact weight, to show how much of the top-10 difference that is.
- English Snowball stemming of every word (STEM_ALL: the default STEM_SOME leaves capitalised
  query words unstemmed), xlir's stopword list dropped outright (STOP_ALL), no positions (xlir
  keeps none). Tokenisation stays Xapian's own: "1,000", "AT&T" and "C++" are one term each.
- Queries are bags of the terms TermGenerator produces from the question, OR-ed, each with its
  count as wqf: the same analysis as the documents, with no query-parser syntax.
Timing is in-process around enquire.get_mset only (wall: perf_counter, CPU: process_time).
"""

import json
import os
import resource
import shutil
import sys
import time
from math import log

import xapian

K1, B = 0.9, 0.4
K3 = 1e6


def term_generator(stopwords_path):
    stopper = xapian.SimpleStopper()
    with open(stopwords_path, encoding="utf-8") as f:
        for word in f.read().split():
            stopper.add(word)
    generator = xapian.TermGenerator()
    generator.set_stemmer(xapian.Stem("english"))
    generator.set_stemming_strategy(xapian.TermGenerator.STEM_ALL)
    generator.set_stopper(stopper)
    generator.set_stopper_strategy(xapian.TermGenerator.STOP_ALL)
    return generator, stopper


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dir_bytes(path):
    return sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path) if f != "flintlock")


def build(corpus_path, db_dir, stopwords_path):
    generator, _stopper = term_generator(stopwords_path)
    raw_dir = db_dir + ".uncompacted"
    shutil.rmtree(raw_dir, ignore_errors=True)
    shutil.rmtree(db_dir, ignore_errors=True)
    wall0, cpu0 = time.perf_counter(), time.process_time()
    db = xapian.WritableDatabase(raw_dir, xapian.DB_CREATE_OR_OVERWRITE)
    docs = 0
    with open(corpus_path, encoding="utf-8") as corpus:
        for line in corpus:
            if not line.strip():
                continue
            doc = xapian.Document()
            generator.set_document(doc)
            generator.index_text_without_positions(json.loads(line)["text"])
            docs += 1
            # Docid n+1 is corpus line n, whose xlir id is "b<n>": no stored data needed.
            db.replace_document(docs, doc)
    db.commit()
    db.close()
    index_wall, index_cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    uncompacted = dir_bytes(raw_dir)
    xapian.Database(raw_dir).compact(db_dir)
    shutil.rmtree(raw_dir)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    print(json.dumps({
        "docs": docs, "seconds": wall, "cpuSeconds": cpu, "indexSeconds": index_wall,
        "indexCpuSeconds": index_cpu, "compactSeconds": wall - index_wall,
        "docsPerSecond": docs / wall, "docsPerCpuSecond": docs / cpu,
        "bytes": dir_bytes(db_dir), "indexBytes": dir_bytes(db_dir), "uncompactedBytes": uncompacted, "peakRssMb": peak_rss_mb(),
        "xapian": xapian.version_string(),
    }), flush=True)


class Engine:
    def __init__(self, db_dir, stopwords_path, queries):
        self.db = xapian.Database(db_dir)
        self.generator, self.stopper = term_generator(stopwords_path)
        self.enquire = xapian.Enquire(self.db)
        self.enquire.set_weighting_scheme(xapian.BM25Weight(K1, 0, K3, B, 0))
        self.bags = [self.bag(q) for q in queries]
        self.queries = [self.query(bag) for bag in self.bags]

    def bag(self, text):
        """(term, count) pairs as TermGenerator analyses the question, in term order."""
        doc = xapian.Document()
        self.generator.set_document(doc)
        self.generator.index_text_without_positions(text)
        return [(t.term.decode("utf-8"), t.wdf) for t in doc.termlist()]

    @staticmethod
    def query(bag):
        return xapian.Query(xapian.Query.OP_OR, [xapian.Query(term, qtf) for term, qtf in bag])

    def xlir_idf_query(self, bag):
        """Each term rescaled from Xapian's BM25 weight to xlir's: qtf · ln(1+R), without (k1+1)."""
        n_docs = self.db.get_doccount()
        parts = []
        for term, qtf in bag:
            df = self.db.get_termfreq(term)
            if df == 0:
                continue
            r = (n_docs - df + 0.5) / (df + 0.5)
            xapian_weight = log(r if r >= 2 else r * 0.5 + 1) * (K3 + 1) * qtf / (K3 + qtf) * (K1 + 1)
            scale = qtf * log(1 + r) / xapian_weight
            parts.append(xapian.Query(xapian.Query.OP_SCALE_WEIGHT, xapian.Query(term, qtf), scale))
        return xapian.Query(xapian.Query.OP_OR, parts)

    def time(self, k):
        wall_ms, cpu_ms = [], []
        enquire = self.enquire
        for query in self.queries:
            enquire.set_query(query)
            cpu0, wall0 = time.process_time(), time.perf_counter()
            enquire.get_mset(0, k)
            wall1, cpu1 = time.perf_counter(), time.process_time()
            wall_ms.append((wall1 - wall0) * 1000)
            cpu_ms.append((cpu1 - cpu0) * 1000)
        return {"wallMs": wall_ms, "cpuMs": cpu_ms}

    def ids(self, k, variant):
        out = []
        for bag, query in zip(self.bags, self.queries):
            self.enquire.set_query(self.xlir_idf_query(bag) if variant == "xlir-idf" else query)
            out.append([f"b{m.docid - 1}" for m in self.enquire.get_mset(0, k)])
        return {"ids": out, "terms": [[t for t, qtf in bag for _ in range(qtf)] for bag in self.bags]}


def serve(db_dir, stopwords_path, queries_path):
    with open(queries_path, encoding="utf-8") as f:
        queries = json.load(f)
    wall0 = time.perf_counter()
    engine = Engine(db_dir, stopwords_path, queries)
    print(json.dumps({"ready": True, "openMs": (time.perf_counter() - wall0) * 1000}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        op = request["op"]
        if op == "time":
            reply = engine.time(request["k"])
        elif op == "ids":
            reply = engine.ids(request["k"], request.get("variant", ""))
        elif op == "stats":
            reply = {"peakRssMb": peak_rss_mb(), "docs": engine.db.get_doccount(),
                     "avgLength": engine.db.get_avlength()}
        elif op == "exit":
            break
        else:
            reply = {"error": f"unknown op {op}"}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    if mode == "build":
        build(*args)
    elif mode == "serve":
        serve(*args)
    else:
        sys.exit(f"usage: {sys.argv[0]} build CORPUS DB_DIR STOPWORDS | serve DB_DIR STOPWORDS QUERIES")
