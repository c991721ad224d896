"""Bulk import from folders, JSONL and CSV: one item per article, errors never raise."""

import json
from datetime import UTC, datetime
from pathlib import Path

from archive.ingest import BulkItem, count_bulk, iter_bulk


def _write_folder(root: Path, articles: dict[str, str], docx_builder, pdf_builder) -> None:
    (root / "b").mkdir()
    (root / "b" / "nested.md").write_text("# Nested note\n\nA short note about a frigate.\n")
    (root / "a.txt").write_text(articles["en"], encoding="utf-8")
    (root / "c.docx").write_bytes(docx_builder(["A Word report about the helicopters."]))
    (root / "d.pdf").write_bytes(pdf_builder(["A PDF statement about the exercise."]))
    (root / "e.txt").write_bytes(b"")
    (root / "f.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / ".hidden.txt").write_text("never read", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD.txt").write_text("never read", encoding="utf-8")
    (root / "~$c.docx").write_bytes(b"lock file")


def test_folder_walk_is_recursive_sorted_and_skips_hidden(tmp_path, articles, docx_builder, pdf_builder):
    _write_folder(tmp_path, articles, docx_builder, pdf_builder)
    items = list(iter_bulk([tmp_path]))
    names = [Path(item.location).name for item in items]
    assert names == ["a.txt", "nested.md", "c.docx", "d.pdf", "e.txt", "f.png"]
    assert all(isinstance(item, BulkItem) for item in items)
    ok = {Path(item.location).name: item.document for item in items if item.ok}
    assert ok["a.txt"].language == "en"
    assert ok["nested.md"].title == "Nested note"
    assert ok["c.docx"].body == "A Word report about the helicopters."
    assert ok["d.pdf"].body == "A PDF statement about the exercise."
    errors = {Path(item.location).name: item.error for item in items if not item.ok}
    assert errors["e.txt"] == f"{tmp_path / 'e.txt'}: the file is empty"
    assert errors["f.png"].startswith(f"{tmp_path / 'f.png'}: unsupported file type '.png'")
    assert count_bulk([tmp_path]) == len(items)


def test_jsonl_records_with_metadata_and_bad_lines(tmp_path, articles):
    lines = [
        json.dumps({
            "title": "Given title", "body": articles["en"], "url": "https://example.org/a",
            "source": "Example Wire", "author": "A. Writer", "published_at": "2024-03-05T10:00:00+01:00",
        }),
        "",
        json.dumps({"text": articles["ru"], "lang": "ru"}),
        "{not json",
        json.dumps({"title": "No body"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"body": "Some text of an article.", "published_at": "not a date at all"}),
        json.dumps({"body": "Some text of an article.", "language": "klingon-ish"}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_bulk([path]))
    assert count_bulk([path]) == len(items) == 7
    first = items[0].document
    assert first.title == "Given title"
    assert first.url == "https://example.org/a"
    assert first.source_name == "Example Wire"
    assert first.author == "A. Writer"
    assert first.published_at == datetime(2024, 3, 5, 9, 0, tzinfo=UTC)
    assert first.filename == f"{path} line 1"
    assert items[1].document.language == "ru"
    assert items[1].location == f"{path} line 3"
    assert items[2].error.startswith(f"{path} line 4: invalid JSON")
    assert items[3].error == f"{path} line 5: no text: the record has no non-empty 'body' or 'text'"
    assert items[4].error == f"{path} line 6: the line is not a JSON object"
    assert items[5].error == f"{path} line 7: not a date: 'not a date at all'"
    assert items[6].error.startswith(f"{path} line 8: unknown language")


def test_jsonl_body_over_the_limit_is_an_item_error(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"body": "x" * 5000}) + "\n" + json.dumps({"body": "fine text"}) + "\n")
    items = list(iter_bulk([path], max_bytes=1024))
    assert items[0].error == f"{path} line 1: the file is 4 KB, over the 1 KB limit"
    assert items[1].ok


def test_csv_rows_with_header_and_row_numbers(tmp_path, articles):
    path = tmp_path / "export.csv"
    body_with_newlines = articles["en"].replace('"', "'")
    path.write_text(
        "Title,Body,URL,Source,Published_at\n"
        f'"Helicopters","{body_with_newlines}",https://example.org/h,Wire,2024-03-05\n'
        ",,,,\n"
        'Second,"Short second article text.",,,\n',
        encoding="utf-8",
    )
    items = list(iter_bulk([path]))
    assert count_bulk([path]) == len(items) == 3
    assert items[0].document.title == "Helicopters"
    assert items[0].document.published_at == datetime(2024, 3, 5, tzinfo=UTC)
    assert items[0].document.source_name == "Wire"
    # the quoted body spans several physical lines; rows count records as a spreadsheet does
    assert items[1].error == f"{path} row 3: no text: the record has no non-empty 'body' or 'text'"
    assert items[2].location == f"{path} row 4"
    assert items[2].document.body == "Short second article text."


def test_csv_in_windows_1251(tmp_path):
    path = tmp_path / "ru.csv"
    content = "title,text\nВертолёты,Министерство обороны сообщило о поставке вертолётов.\n"
    path.write_bytes(content.encode("cp1251"))
    (item,) = iter_bulk([path])
    assert item.document.title == "Вертолёты"
    assert item.document.body == "Министерство обороны сообщило о поставке вертолётов."


def test_csv_without_body_column_is_one_error(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("title,url\nA,https://example.org\n", encoding="utf-8")
    items = list(iter_bulk([path]))
    assert [item.error for item in items] == [f"{path}: the CSV header has no 'body' or 'text' column"]
    assert count_bulk([path]) == 1


def test_missing_path_is_an_error_item(tmp_path):
    missing = tmp_path / "nope"
    items = list(iter_bulk([missing]))
    assert [item.error for item in items] == [f"{missing}: no such file or folder"]
    assert count_bulk([missing]) == 1


def test_oversized_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 4096)
    (item,) = iter_bulk([path], max_bytes=1024)
    assert item.error == f"{path}: the file is 4 KB, over the 1 KB limit"
