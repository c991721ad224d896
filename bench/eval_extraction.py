"""Score the extractor and a generic spaCy baseline with the shared scorer.

Runs ``python -m archive.extraction --jsonl`` on the dev set (English records and
all records) and on re3d (converted by ``re3d_to_gold.py``, scored with
``--merge unit=org``), runs spaCy's full English pipeline with its labels mapped
to our kinds on the same inputs, and prints score.py's tables for every run.

Usage: .venv/bin/python bench/eval_extraction.py [--show-errors] [--keep DIR]
The shared folder is ``$ARCHIVE_SHARED_DIR`` (default ``<repo>/../shared``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess  # noqa: S404 - runs our own CLI and the shared scorer
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ARCHIVE_SHARED_DIR", REPO / ".." / "shared")).resolve()
DEV = SHARED / "data" / "dev" / "articles.jsonl"
SCORE = SHARED / "eval" / "score.py"
RE3D_TO_GOLD = SHARED / "eval" / "re3d_to_gold.py"
# spaCy labels mapped to our kinds for the baseline. NORP (nationalities, "Russian")
# is left out: the annotation rules say adjectives are not mentions.
BASELINE_KINDS = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "PRODUCT": "weapon",
}


def _write_jsonl(path: Path, records: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def _run_extractor(gold: Path, out: Path) -> None:
    inputs = "".join(
        json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n"
        for r in map(json.loads, gold.read_text(encoding="utf-8").splitlines())
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "archive.extraction", "--jsonl"],
        input=inputs,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    if result.returncode:
        raise SystemExit(f"extractor failed:\n{result.stderr}")
    out.write_text(result.stdout, encoding="utf-8")


def _run_baseline(gold: Path, out: Path) -> None:
    import spacy

    from archive.extraction.model import model_package

    nlp = spacy.load(model_package())
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = []
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        mentions = [
            {
                "start": e.start_char,
                "end": e.end_char,
                "text": e.text,
                "kind": BASELINE_KINDS[e.label_],
                "entity": e.text,
                "confidence": 0.5,
                "origin": "model",
            }
            for e in doc.ents
            if e.label_ in BASELINE_KINDS
        ]
        rows.append({"id": record["id"], "mentions": mentions})
    _write_jsonl(out, rows)


def _score(gold: Path, pred: Path, title: str, extra: list[str], show_errors: bool) -> None:
    print(f"\n== {title}")
    args = [sys.executable, str(SCORE), str(gold), str(pred), *extra]
    if show_errors:
        args.append("--show-errors")
    result = subprocess.run(args, capture_output=True, text=True, check=True)  # noqa: S603
    print(result.stdout, end="")
    if show_errors and result.stderr:
        print(result.stderr, end="")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--keep", type=Path, help="write gold and predictions here")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    work = args.keep or Path(tempfile.mkdtemp(prefix="eval_extraction_"))
    work.mkdir(parents=True, exist_ok=True)

    dev_records = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    dev_all = work / "dev.gold.jsonl"
    dev_en = work / "dev_en.gold.jsonl"
    _write_jsonl(dev_all, dev_records)
    _write_jsonl(dev_en, [r for r in dev_records if r.get("lang") == "en"])
    re3d = work / "re3d.gold.jsonl"
    re3d.write_text(
        subprocess.run(
            [sys.executable, str(RE3D_TO_GOLD)],
            capture_output=True,
            text=True,  # noqa: S603
            check=True,
        ).stdout,
        encoding="utf-8",
    )
    runs = [
        ("dev English", dev_en, []),
        ("dev all languages", dev_all, []),
        ("re3d", re3d, ["--merge", "unit=org"]),
    ]
    for title, gold, extra in runs:
        ours, base = work / f"{gold.stem}.pred.jsonl", work / f"{gold.stem}.baseline.jsonl"
        _run_extractor(gold, ours)
        _run_baseline(gold, base)
        _score(gold, ours, f"{title}: archive.extraction", extra, args.show_errors)
        _score(gold, base, f"{title}: generic spaCy baseline", extra, False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
