import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_extraction_package_imports_no_django():
    code = (
        "import sys\n"
        "import archive.extraction as x\n"
        "from archive.kb.schema import KBEntry, KnowledgeBase\n"
        "kb = KnowledgeBase([KBEntry('org', 'NATO')])\n"
        "assert [m.entity for m in x.Extractor(kb, use_model=False).extract('NATO met.')] == ['NATO']\n"
        "loaded = [m for m in sys.modules if m == 'django' or m.startswith('django.')]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, timeout=120)
