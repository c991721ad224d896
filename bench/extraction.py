"""Throughput of the extraction pipeline against spaCy's full English pipeline, on one core.

Articles are the dev and re3d texts (read from the shared folder at run time),
repeated and shuffled to at least ``--articles``. Prints articles/s and words/s for
both, the time split between our stages, and the peak RSS with KB and model loaded.

Usage: .venv/bin/python bench/extraction.py [--articles 500] [--seed 1]
The shared folder is ``$ARCHIVE_SHARED_DIR`` (default ``<repo>/../shared``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ARCHIVE_SHARED_DIR", REPO / ".." / "shared")).resolve()
BATCH = 64

# One core, as the brief measures: BLAS and tokenizer thread pools stay single-threaded.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")


def load_texts(minimum: int, seed: int) -> list[str]:
    texts = [
        json.loads(line)["text"]
        for line in (SHARED / "data" / "dev" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    for path in sorted((SHARED / "data" / "re3d").glob("*/documents.json")):
        texts += [
            json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < minimum:
        batch = list(texts)
        rng.shuffle(batch)
        out += batch
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def run_pipeline(texts: list[str]) -> tuple[float, dict[str, float]]:
    from archive.extraction import Extractor
    extractor = Extractor()
    extractor.extract("Warm-up: NATO and the Su-57.")
    stages = dict.fromkeys(
        ("gazetteer + patterns", "model NER", "model linking", "resolve + short forms"), 0.0
    )
    begin = time.perf_counter()
    for i in range(0, len(texts), BATCH):
        chunk = texts[i : i + BATCH]
        t0 = time.perf_counter()
        ruled = [extractor.dictionary_stage(t) for t in chunk]
        t1 = time.perf_counter()
        spans = extractor.model_spans(chunk, ruled)
        t2 = time.perf_counter()
        modelled = [extractor.model_stage(t, s) for t, s in zip(chunk, spans, strict=True)]
        t3 = time.perf_counter()
        for t, r, m in zip(chunk, ruled, modelled, strict=True):
            extractor.finish(t, r + m)
        t4 = time.perf_counter()
        for name, seconds in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            stages[name] += seconds
    return time.perf_counter() - begin, stages


def run_baseline(texts: list[str]) -> float:
    import spacy

    from archive.extraction.model import model_package

    nlp = spacy.load(model_package())
    nlp("Warm-up.")
    begin = time.perf_counter()
    for text in texts:
        nlp(text)
    return time.perf_counter() - begin


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = load_texts(args.articles, args.seed)
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words} words")

    ours, stages = run_pipeline(texts)
    rss = peak_rss_mb()
    print(f"archive.extraction : {len(texts) / ours:8.1f} articles/s {words / ours:10.0f} words/s", end="")
    print(f" ({ours:.1f} s)")
    for name, seconds in stages.items():
        print(f"  {name:22} {seconds:7.2f} s {100 * seconds / ours:5.1f}%")
    print(f"  peak RSS with KB and NER model loaded: {rss:.0f} MB")

    base = run_baseline(texts)
    print(f"spaCy full pipeline: {len(texts) / base:8.1f} articles/s {words / base:10.0f} words/s", end="")
    print(f" ({base:.1f} s)")
    print(f"speed-up: {base / ours:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
