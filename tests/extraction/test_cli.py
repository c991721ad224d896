import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_jsonl_in_and_out_with_the_shipped_kb():
    lines = [{"id": "a", "text": "Belarus received Mi-35M helicopters."}, {"id": "b", "text": ""}]
    result = subprocess.run(
        [sys.executable, "-m", "archive.extraction", "--jsonl"],
        input="".join(json.dumps(line) + "\n" for line in lines),
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
        timeout=120,
    )
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in out] == ["a", "b"]
    assert out[1]["mentions"] == []
    mi35 = [m for m in out[0]["mentions"] if m["text"] == "Mi-35M"]
    assert mi35 and mi35[0]["kind"] == "weapon" and mi35[0]["entity"] == "Mi-35M"
    for m in out[0]["mentions"]:
        assert {"start", "end", "text", "kind", "entity", "confidence", "origin"} <= set(m)
        assert lines[0]["text"][m["start"] : m["end"]] == m["text"]
