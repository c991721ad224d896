"""Every kind of bad input is refused with a message naming the file and the reason."""

import io
import zipfile

import pytest

from archive.ingest import IngestError, parse_file, parse_text
from archive.ingest.word import read_docx
from archive.ingest.ziplimits import ZipLimits

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
ELF_HEADER = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00\x01\x00\x00\x00"


def refusal(filename: str, data: bytes, **kwargs: int) -> IngestError:
    with pytest.raises(IngestError) as caught:
        parse_file(filename, data, **kwargs)
    error = caught.value
    assert error.filename == filename
    assert str(error) == f"{filename}: {error.reason}"
    return error


def test_error_message_format():
    error = IngestError("report.pdf", "the PDF is corrupt or unreadable")
    assert str(error) == "report.pdf: the PDF is corrupt or unreadable"


def test_empty_file():
    assert refusal("empty.txt", b"").reason == "the file is empty"


def test_whitespace_only_file():
    assert "only whitespace" in refusal("blank.txt", b" \n\t\r\n  \n").reason


def test_pasted_whitespace_only():
    with pytest.raises(IngestError, match=r"^pasted text: the text is empty"):
        parse_text("   \n\n ")


def test_html_without_text():
    page = b"<html><head><script>alert(1)</script></head><body></body></html>"
    reason = refusal("scripts.html", page).reason
    assert reason == "no text could be extracted from the file"


def test_docx_without_text(docx_builder):
    assert refusal("blank.docx", docx_builder([""])).reason == "no text could be extracted from the file"


def test_png_named_txt_is_binary():
    assert refusal("photo.txt", PNG_HEADER + bytes(range(256))).reason == "the file is a PNG image, not text"


def test_elf_named_md_is_binary():
    assert refusal("tool.md", ELF_HEADER + b"\x00" * 64).reason == "the file is an ELF executable, not text"


def test_control_bytes_are_binary(noise_bytes):
    data = noise_bytes("control", 4000)
    assert refusal("noise.txt", data).reason == "the file is binary data, not text"


def test_undecodable_high_bytes_are_refused(noise_bytes):
    data = bytes(byte | 0x80 for byte in noise_bytes("high", 3000))
    assert "no readable encoding" in refusal("garbage.txt", data).reason


def test_broken_utf16_after_bom_is_refused():
    assert "not valid UTF-16" in refusal("broken.txt", b"\xff\xfeA\x00\x00\xd8").reason


def test_over_the_size_limit():
    error = refusal("big.txt", b"a" * 2048, max_bytes=1024)
    assert error.reason == "the file is 2 KB, over the 1 KB limit"


def test_default_size_limit_is_ten_megabytes():
    assert refusal("huge.txt", b"a" * (10 * 1024 * 1024 + 1)).reason.endswith("over the 10 MB limit")


def test_pasted_text_over_the_size_limit():
    with pytest.raises(IngestError, match="over the 1 KB limit"):
        parse_text("ж" * 600, max_bytes=1024)


def test_unsupported_extension():
    reason = refusal("slides.pptx", b"whatever").reason
    assert reason.startswith("unsupported file type '.pptx' (supported: ")
    assert ".docx" in reason


def test_no_extension():
    assert refusal("README", b"text").reason.startswith("unsupported file type without an extension")


MALICIOUS_HTML = b"""<html><head><title>Report</title>
<script>steal(document.cookie)</script><style>body{background:url(javascript:evil())}</style></head>
<body><p onclick="steal()">The battalion moved to the northern sector on Monday morning.</p>
<p><a href="javascript:alert('xss')">Read the full statement</a>
<img src="x" onerror="alert('img')"><iframe src="javascript:alert('frame')"></iframe></p>
<svg onload="alert('svg')"><script>alert('svg-script')</script></svg>
<noscript><img src="https://tracker.example/pixel"></noscript>
<p>&lt;b&gt;escaped markup&lt;/b&gt; stays literal text.</p></body></html>"""


def test_malicious_html_never_reaches_the_text():
    document = parse_file("evil.html", MALICIOUS_HTML)
    assert "The battalion moved to the northern sector" in document.body
    forbidden = ("steal", "alert", "javascript", "onerror", "onclick", "cookie", "tracker", "<script", "<img")
    for fragment in forbidden:
        assert fragment not in document.body
        assert fragment not in document.title
    # The body is plain text: escaped markup in the page is text, not tags.
    assert "<b>escaped markup</b> stays literal text." in document.body


def test_markdown_raw_html_script_is_dropped():
    data = b"# Note\n\nSafe text.<script>alert(1)</script> <img src=x onerror=alert(2)>\n"
    document = parse_file("note.md", data)
    assert "alert" not in document.body
    assert document.body == "Note\n\nSafe text."


def test_corrupt_docx():
    assert refusal("broken.docx", b"PK\x03\x04 this is not really a zip").reason.startswith(
        "the Word document is corrupt or unreadable"
    )


def test_zip_without_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert "not a Word document" in refusal("fake.docx", buffer.getvalue()).reason


def test_truncated_docx(docx_builder):
    data = docx_builder(["Some paragraph text about the exercise."])
    assert "corrupt or unreadable" in refusal("cut.docx", data[: len(data) // 2]).reason


def test_docx_zip_bomb_by_compression_ratio(docx_builder, zip_member_adder):
    zeros = bytes(20 * 1024 * 1024)
    bomb = zip_member_adder(docx_builder(["Harmless looking text."]), "word/media/image1.bin", zeros)
    assert len(bomb) < 200 * 1024
    reason = refusal("bomb.docx", bomb).reason
    assert "compressed" in reason
    assert "possible zip bomb" in reason


def test_docx_zip_bomb_by_total_size(docx_builder, zip_member_adder, noise_bytes):
    incompressible = noise_bytes("big", 3 * 1024 * 1024)
    data = zip_member_adder(docx_builder(["Text."]), "word/media/big.bin", incompressible)
    with pytest.raises(IngestError, match=r"expands to .* over the 2 MB limit \(possible zip bomb\)"):
        read_docx(data, "big.docx", zip_limits=ZipLimits(max_total_uncompressed=2 * 1024 * 1024))


def test_docx_with_too_many_entries(docx_builder):
    buffer = io.BytesIO()
    original = io.BytesIO(docx_builder(["Text."]))
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        for number in range(1001):
            target.writestr(f"customXml/item{number + 100}.xml", "<a/>")
    reason = refusal("many.docx", buffer.getvalue()).reason
    assert reason.startswith("the Word document has too many parts (1018, the limit is 1000)")


def test_corrupt_pdf():
    data = b"%PDF-1.7\n1 0 obj << /Type /Catalog"
    assert refusal("report.pdf", data).reason == "the PDF is corrupt or unreadable"


def test_pdf_without_header():
    assert refusal("report.pdf", b"Just some text pretending to be a PDF").reason.startswith(
        "the PDF is corrupt or unreadable"
    )


def test_truncated_pdf(pdf_builder):
    data = pdf_builder(["A line of text long enough to matter."])
    assert refusal("cut.pdf", data[:150]).reason == "the PDF is corrupt or unreadable"


def test_encrypted_pdf(pdf_builder, pdf_encrypter):
    data = pdf_encrypter(pdf_builder(["Secret briefing text."]), user_password="s3cret")
    assert refusal("secret.pdf", data).reason.startswith("the PDF is encrypted (password-protected)")


def test_pdf_without_text_layer(pdf_builder):
    assert "no text layer" in refusal("scan.pdf", pdf_builder([])).reason
