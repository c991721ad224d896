"""Uploading through the editor form: every format, every kind of bad input, batches."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from archive.models import Article, FingerprintBand
from tests.documents import make_docx, make_docx_zip_bomb, make_pdf

pytestmark = pytest.mark.django_db

UPLOAD = reverse("archive:article-upload")

PARAGRAPHS = [
    "Belarus received a batch of Mi-35M attack helicopters from Russia on Tuesday.",
    "The helicopters arrived at the 50th Mixed Aviation Base near Machulishchy, the ministry said.",
    "Colonel Sergei Frolov said the crews had completed their conversion training in Torzhok.",
]


def text_of(n: int) -> str:
    """A distinct article text per n, long enough for language detection."""
    return "\n\n".join(f"{p} Report {n}." for p in PARAGRAPHS)


def upload(client, *files, **fields):
    data = {"files": [SimpleUploadedFile(name, content) for name, content in files], **fields}
    return client.post(UPLOAD, data)


def results(response) -> dict[str, str]:
    return {r.filename: r.outcome for r in response.context["results"]}


def errors(response) -> dict[str, str]:
    return {r.filename: r.error for r in response.context["results"] if r.error}


def test_one_file_of_each_type_goes_in(editor_client):
    html = (
        "<html><head><title>Mi-35M for Belarus</title><script>alert('x')</script></head><body>"
        "<nav>Home | Subscribe</nav><article><h1>Mi-35M for Belarus</h1>"
        + "".join(f"<p>{p}</p>" for p in text_of(3).split("\n\n"))
        + "</article><footer>Copyright</footer></body></html>"
    ).encode()
    response = upload(
        editor_client,
        ("a.txt", text_of(1).encode()),
        ("b.md", ("# Helicopters for Belarus\n\n" + text_of(2)).encode()),
        ("c.html", html),
        ("d.docx", make_docx(text_of(4).split("\n\n"), title="Helicopters in Word")),
        ("e.pdf", make_pdf(text_of(5).split("\n\n"))),
    )
    assert response.status_code == 200
    assert results(response) == dict.fromkeys(["a.txt", "b.md", "c.html", "d.docx", "e.pdf"], "created")
    assert Article.objects.count() == 5
    html_article = Article.objects.get(original_filename="c.html")
    assert "alert" not in html_article.body and "Subscribe" not in html_article.body
    assert "Mi-35M" in html_article.body
    assert Article.objects.get(original_filename="d.docx").title == "Helicopters in Word"
    assert {a.language for a in Article.objects.all()} == {"en"}
    assert all(a.original_file for a in Article.objects.all())


def test_pasted_text_with_metadata(editor_client):
    response = editor_client.post(
        UPLOAD,
        {
            "text": text_of(7),
            "title": "Pasted report",
            "source": "Demo Wire",
            "author": "A. Writer",
            "url": "https://example.org/report",
            "published_at": "2026-03-04T10:00",
        },
    )
    assert results(response) == {"pasted text": "created"}
    article = Article.objects.get()
    assert (article.title, article.source.name, article.author) == ("Pasted report", "Demo Wire", "A. Writer")
    assert article.published_at.year == 2026 and article.published_at.month == 3
    assert article.created_by.username == "ed"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\t \n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "not text"),
        ("corrupt.docx", b"PK\x03\x04 this is not really a zip archive", "docx"),
        ("corrupt.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage without xref", "pdf"),
        ("notes.exe", b"MZ\x90\x00", "supported"),
    ],
)
def test_bad_file_gets_a_clear_message_and_the_rest_of_the_batch_goes_in(
    editor_client, name, content, reason
):
    response = upload(editor_client, (name, content), ("good.txt", text_of(9).encode()))
    assert results(response) == {name: "error", "good.txt": "created"}
    message = errors(response)[name]
    assert message.startswith(f"{name}: ")
    assert reason in message.lower()
    assert escape(message) in response.content.decode()
    assert Article.objects.count() == 1
    assert FingerprintBand.objects.exclude(article__in=Article.objects.all()).count() == 0


def test_file_over_the_size_limit_is_refused(editor_client, settings):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 1_500
    response = upload(editor_client, ("big.txt", b"word " * 1_000), ("ok.txt", text_of(10).encode()[:1_500]))
    assert results(response) == {"big.txt": "error", "ok.txt": "created"}
    assert errors(response)["big.txt"] == "big.txt: the file is 4 KB, over the 1 KB size limit"


def test_huge_upload_is_refused_without_being_stored_whole(editor_client, settings, tmp_path):
    settings.ARCHIVE_MAX_UPLOAD_BYTES = 1_000_000
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    huge = b"x" * 4_000_000  # over FILE_UPLOAD_MAX_MEMORY_SIZE, so it streams through the disk handler
    response = upload(editor_client, ("huge.txt", huge), ("ok.txt", text_of(15).encode()))
    assert results(response) == {"huge.txt": "error", "ok.txt": "created"}
    assert errors(response)["huge.txt"] == "huge.txt: the file is 3.8 MB, over the 976 KB size limit"


def test_zip_bomb_in_docx_is_refused_without_inflating_it(editor_client):
    response = upload(editor_client, ("bomb.docx", make_docx_zip_bomb(200)))
    assert results(response) == {"bomb.docx": "error"}
    assert "bomb.docx: " in errors(response)["bomb.docx"]
    assert Article.objects.count() == 0


def test_undeclared_encodings_are_detected(editor_client):
    russian = (
        "Вертолеты Ми-35М прибыли в Беларусь. Министерство обороны сообщило об этом во вторник. "
        "Экипажи прошли переподготовку в Торжке.\n"
    ) * 3
    response = upload(
        editor_client, ("cp1251.txt", russian.encode("cp1251")), ("utf16.txt", text_of(11).encode("utf-16"))
    )
    assert results(response) == {"cp1251.txt": "created", "utf16.txt": "created"}
    assert "Вертолеты Ми-35М" in Article.objects.get(original_filename="cp1251.txt").body
    assert Article.objects.get(original_filename="cp1251.txt").language == "ru"


def test_malicious_html_never_reaches_the_text_or_the_page(editor_client, client):
    html = (
        b'<html><body><article><h1>Harmless title</h1><p onclick="alert(1)">'
        + text_of(12).encode()
        + b"</p><script>document.location='https://evil.example'</script>"
        b'<p><a href="javascript:alert(2)">link</a> &lt;script&gt;alert(3)&lt;/script&gt;</p>'
        b'<iframe src="https://evil.example"></iframe></article></body></html>'
    )
    response = upload(editor_client, ("evil.html", html))
    assert results(response) == {"evil.html": "created"}
    article = Article.objects.get()
    assert "document.location" not in article.body and "javascript:" not in article.body
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(3)" not in page
    assert "&lt;script&gt;alert(3)" in page


def test_exact_duplicate_is_refused_with_a_link_to_the_existing_article(editor_client):
    upload(editor_client, ("first.txt", text_of(13).encode()))
    existing = Article.objects.get()
    # Same text, different whitespace and case: still the same article.
    response = upload(editor_client, ("again.txt", ("  " + text_of(13).upper().replace(" ", "  ")).encode()))
    assert results(response) == {"again.txt": "duplicate"}
    assert existing.get_absolute_url() in response.content.decode()
    assert Article.objects.count() == 1


def test_near_duplicate_is_flagged_for_the_editor(editor_client):
    long_text = " ".join(
        f"Sentence {i} about the Mi-35M helicopters and the air base in Belarus." for i in range(60)
    )
    upload(editor_client, ("one.txt", long_text.encode()))
    changed = long_text.replace("Sentence 5 ", "Line 5 ").replace("Sentence 40 ", "Line 40 ")
    response = upload(editor_client, ("two.txt", changed.encode()))
    assert results(response) == {"two.txt": "near-duplicate"}
    first, second = Article.objects.order_by("pk")
    assert second.near_duplicate_of == first and second.near_duplicate_score >= 0.9
    assert "near duplicate" in response.content.decode()


def test_empty_form_is_rejected(editor_client):
    response = editor_client.post(UPLOAD, {})
    assert response.status_code == 400
    assert "Paste a text or choose at least one file." in response.content.decode()


def test_upload_requires_csrf_token(editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(UPLOAD, {"text": text_of(14)}).status_code == 403
    assert Article.objects.count() == 0
