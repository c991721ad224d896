"""The intake is a pure-Python library and fast enough for interactive uploads."""

import os
import subprocess
import sys
import time
from pathlib import Path

from archive.ingest import parse_text

REPO = Path(__file__).resolve().parents[2]


def test_importing_the_intake_does_not_import_django():
    code = "import sys, archive.ingest; print('django' in sys.modules)"
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout.strip() == "False"


def test_parsing_a_100_kb_text_takes_well_under_a_second(articles):
    text = "\n\n".join([articles["en"]] * 80)[: 100 * 1024]
    parse_text(text)  # first call loads the language model and date parser
    started = time.perf_counter()
    document = parse_text(text)
    assert time.perf_counter() - started < 0.5
    assert document.language == "en"
