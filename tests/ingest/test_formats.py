"""Good-path parsing of every supported format, including metadata detection."""

from datetime import UTC, datetime

import pytest

from archive.ingest import SUPPORTED_EXTENSIONS, ParsedDocument, parse_file, parse_text


def test_supported_extensions_cover_the_upload_formats():
    assert {".txt", ".md", ".html", ".htm", ".docx", ".pdf"} <= SUPPORTED_EXTENSIONS


def test_txt_keeps_title_line_in_body_and_detects_language(articles):
    document = parse_file("mi35.txt", articles["en"].encode("utf-8"))
    assert isinstance(document, ParsedDocument)
    assert document.title == "Belarus receives a second batch of Mi-35M attack helicopters"
    assert document.body.startswith(document.title + "\n\nThe Belarusian air force")
    assert document.body.count("\n\n") == 3
    assert document.language == "en"
    assert document.filename == "mi35.txt"
    assert document.published_at is None


def test_txt_crlf_and_paragraph_per_line_become_blank_line_paragraphs():
    text = "Headline here  \r\nFirst paragraph about the Army.\t \r\nSecond paragraph.\r\n"
    document = parse_text(text)
    assert document.body == "Headline here\n\nFirst paragraph about the Army.\n\nSecond paragraph."


def test_txt_dateline_gives_published_date(articles):
    text = "MINSK, March 5, 2024 — " + articles["en"].split("\n\n", 1)[1]
    document = parse_file("dateline.txt", text.encode())
    assert document.published_at == datetime(2024, 3, 5, tzinfo=UTC)
    assert any("dateline" in warning for warning in document.warnings)


def test_txt_dotted_dateline_is_day_first():
    document = parse_text("Posted 05.03.2024\n\nThe ministry confirmed the delivery of the helicopters.")
    assert document.published_at == datetime(2024, 3, 5, tzinfo=UTC)


def test_russian_dateline_and_language(articles):
    text = "МОСКВА, 12 апреля 2023 года.\n\n" + articles["ru"]
    document = parse_file("ru.txt", text.encode("utf-8"))
    assert document.language == "ru"
    assert document.published_at == datetime(2023, 4, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    "lead",
    [
        "The air force will induct two new fighters in October 2025, the ministry said.",
        "Soldiers board a transport aircraft for a deployment on Thursday, Feb. 3, 2022.",
    ],
)
def test_event_dates_inside_sentences_are_not_datelines(lead):
    assert parse_text(f"Headline\n\n{lead}\n\nMore text follows here.").published_at is None


def test_date_far_below_the_first_lines_is_not_a_dateline(articles):
    filler = "\n\n".join(f"Paragraph {n} of background without any dates in it." for n in range(8))
    document = parse_text(filler + "\n\nThe contract was signed on March 5, 2019.")
    assert document.published_at is None


def test_markdown_is_reduced_to_plain_text():
    source = (
        "---\ntitle: Front matter title\nauthor: Jane Roe\ndate: 2024-02-01\n---\n"
        "# Heading of the piece\n\n"
        "The **Su-30SM2** fighters [arrived](https://example.com/x) at the _base_.\n"
        "![photo](https://example.com/p.jpg)\n\n"
        "<script>alert('x')</script>\n"
        "> Quoted `code` remark.\n"
    )
    document = parse_file("piece.md", source.encode())
    assert document.title == "Front matter title"
    assert document.author == "Jane Roe"
    assert document.published_at == datetime(2024, 2, 1, tzinfo=UTC)
    assert document.body == (
        "Heading of the piece\n\nThe Su-30SM2 fighters arrived at the base.\n\nQuoted code remark."
    )


def test_markdown_title_from_first_heading_without_front_matter():
    document = parse_file("n.md", b"Intro line\n\n## The real heading\n\nBody text of the note.\n")
    assert document.title == "The real heading"


HTML_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Belarus receives Mi-35M helicopters | Defence Monitor</title>
<meta property="og:site_name" content="Defence Monitor">
<meta property="article:published_time" content="2024-03-05T14:30:00+02:00">
<meta name="author" content="Ivan Petrov">
<link rel="canonical" href="https://defence-monitor.example/news/mi35m">
<style>p {{ color: red }}</style><script>var tracking = "secret-token";</script></head>
<body><nav><a href="/">Home</a> | <a href="/about">About us</a></nav>
<article><h1>Belarus receives Mi-35M helicopters</h1>{paragraphs}</article>
<footer>Copyright Defence Monitor. All rights reserved.</footer></body></html>"""


def _html(articles: dict[str, str]) -> str:
    paragraphs = "".join(f"<p>{paragraph}</p>" for paragraph in articles["en"].split("\n\n")[1:])
    return HTML_PAGE.format(paragraphs=paragraphs)


def test_html_main_text_and_metadata(articles):
    document = parse_file("page.html", _html(articles).encode("utf-8"))
    assert document.title.startswith("Belarus receives Mi-35M helicopters")
    assert document.source_name == "Defence Monitor"
    assert document.author == "Ivan Petrov"
    assert document.url == "https://defence-monitor.example/news/mi35m"
    assert document.published_at == datetime(2024, 3, 5, 12, 30, tzinfo=UTC)
    assert document.language == "en"
    assert "Machulishchy air base" in document.body
    for boilerplate in ("About us", "All rights reserved", "secret-token", "color: red"):
        assert boilerplate not in document.body
    # one paragraph per block, separated by blank lines
    assert "\n\nThe helicopters were flown" in document.body


def test_html_fragment_falls_back_to_visible_text():
    document = parse_file("snippet.htm", b"<div>Only <b>bold</b> words<br>and a second line</div>")
    assert document.body == "Only bold words\n\nand a second line"


def test_docx_paragraphs_table_and_core_properties(docx_builder, articles):
    paragraphs = articles["en"].split("\n\n")[1:]
    data = docx_builder(
        paragraphs,
        heading="Helicopters for Belarus",
        author="Anna Sidorova",
        created=datetime(2024, 3, 6, 6, 15, tzinfo=UTC),
        table=[["Type", "Count"], ["Mi-35M", "4"]],
    )
    document = parse_file("report.docx", data)
    assert document.title == "Helicopters for Belarus"
    assert document.author == "Anna Sidorova"
    assert document.published_at == datetime(2024, 3, 6, 6, 15, tzinfo=UTC)
    assert document.language == "en"
    assert document.body.startswith("Helicopters for Belarus\n\nThe Belarusian air force")
    assert document.body.endswith("Type | Count\n\nMi-35M | 4")


def test_docx_core_title_wins_over_heading(docx_builder):
    data = docx_builder(["Some body text for the article."], heading="Heading", title="Core title")
    assert parse_file("t.docx", data).title == "Core title"


def test_pdf_text_reflow_and_info_metadata(pdf_builder):
    lines = [
        "Frigate joins the fleet",
        "A new anti-submarine frigate joined the fleet on Friday at a",
        "ceremony in the northern port.",
        "Its first deployment is planned for the autumn.",
    ]
    data = pdf_builder(
        lines,
        info={
            "Title": "Frigate joins the fleet",
            "Author": "Port Desk",
            "CreationDate": "D:20240305143000+02'00'",
        },
    )
    document = parse_file("frigate.pdf", data)
    assert document.title == "Frigate joins the fleet"
    assert document.author == "Port Desk"
    assert document.published_at == datetime(2024, 3, 5, 12, 30, tzinfo=UTC)
    assert document.body == (
        "Frigate joins the fleet\n\n"
        "A new anti-submarine frigate joined the fleet on Friday at a ceremony in the northern port.\n\n"
        "Its first deployment is planned for the autumn."
    )


def test_pdf_with_empty_opening_password_is_read(pdf_builder, pdf_encrypter):
    data = pdf_encrypter(pdf_builder(["Text of a copy-protected release about a frigate."]), user_password="")
    document = parse_file("protected.pdf", data)
    assert "copy-protected release" in document.body
    assert any("encrypted" in warning for warning in document.warnings)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("cp1251", "Министерство обороны сообщило о поставке вертолётов Ми-35М."),
        ("cp1251", "Привет, мир"),
        ("koi8_r", "Министерство обороны сообщило о поставке вертолётов."),
        ("latin-1", "Le ministère de la Défense a annoncé la livraison des hélicoptères à Minsk."),
        ("latin-1", "Défense"),
        ("cp1252", "He said \u201cno\u201d \u2014 twice, at the café."),
        ("utf-16", "Су-30СМ2 and Su-30SM2 are the same aircraft."),
        ("utf-8-sig", "Су-30СМ2 with a UTF-8 byte-order mark."),
    ],
)
def test_legacy_and_bom_encodings_decode_correctly(encoding, text):
    assert parse_file("legacy.txt", text.encode(encoding)).body == text


def test_utf16_without_bom_decodes():
    text = "Helicopters arrived at the air base on Tuesday."
    assert parse_file("u16.txt", text.encode("utf-16-le")).body == text


def test_html_with_wrong_declared_charset_is_detected_and_reported():
    data = '<html><head><meta charset="utf-8"></head><body><p>Министерство обороны Белоруссии</p></body>'
    document = parse_file("wrong.html", data.encode("cp1251"))
    assert document.body == "Министерство обороны Белоруссии"
    assert any("declared encoding" in warning for warning in document.warnings)


def test_html_declared_legacy_charset_is_honoured():
    data = '<html><head><meta charset="windows-1251"></head><body><p>Вертолёты Ми-35М</p></body></html>'
    assert parse_file("ru.html", data.encode("cp1251")).body == "Вертолёты Ми-35М"


def test_title_is_clipped_to_300_chars_at_a_word_boundary():
    first_line = " ".join(["word"] * 100)
    document = parse_text(first_line + "\n\nSecond paragraph.")
    assert len(document.title) <= 300
    assert document.title.endswith("word…")
    assert document.body.startswith(first_line)


def test_parse_text_title_argument_wins():
    assert parse_text("Some body text.", title="  Given   title ").title == "Given title"
