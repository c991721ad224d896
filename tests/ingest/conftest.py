"""Builders for the intake tests: every input file is generated at test time."""

import hashlib
import io
import zipfile
from collections.abc import Callable
from datetime import datetime

import docx
import pytest
from pypdf import PdfReader, PdfWriter

# Invented articles (not from any publisher), long enough for language detection and MinHash.
ARTICLE_EN = (
    "Belarus receives a second batch of Mi-35M attack helicopters\n\n"
    "The Belarusian air force has taken delivery of four more Mi-35M attack helicopters, the "
    "ministry of defence said on Tuesday, bringing the fleet at the Machulishchy air base to "
    "sixteen aircraft.\n\n"
    "The helicopters were flown from the Rostov plant by crews who trained in Russia over the "
    "winter. Officials said the new machines would replace ageing Mi-24 gunships that have "
    "served since the late 1980s and are expensive to keep flying.\n\n"
    "Analysts note that the deliveries follow a contract signed two years ago which also covers "
    "Su-30SM2 fighters and Yak-130 trainers. The air force commander told reporters that pilots "
    "would begin night-flying exercises with the new helicopters before the end of the summer."
)
ARTICLE_EN_OTHER = (
    "Navy commissions a new frigate after lengthy sea trials\n\n"
    "A new anti-submarine frigate joined the fleet on Friday at a ceremony in the northern port, "
    "where the crew raised the ensign for the first time. The ship completed eighteen months of "
    "sea trials, during which engineers replaced a faulty gearbox and tested the towed sonar.\n\n"
    "The frigate carries a vertical launch system for surface-to-air missiles, a medium-calibre "
    "gun and a hangar for one maritime helicopter. Its first deployment is planned for the "
    "autumn, when it will escort supply convoys and take part in an allied exercise."
)
ARTICLE_RU = (
    "Белоруссия получила новую партию вертолётов Ми-35М\n\n"
    "Военно-воздушные силы Белоруссии получили ещё четыре ударных вертолёта Ми-35М, сообщило "
    "министерство обороны во вторник. Машины поступят на авиабазу Мачулищи и заменят устаревшие "
    "вертолёты Ми-24, которые эксплуатируются с конца восьмидесятых годов."
)


def build_docx(
    paragraphs: list[str],
    *,
    heading: str = "",
    title: str = "",
    author: str = "",
    created: datetime | None = None,
    table: list[list[str]] | None = None,
) -> bytes:
    document = docx.Document()
    properties = document.core_properties
    properties.title = title
    properties.author = author
    if created is not None:
        properties.created = created
    if heading:
        document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row_index, row in enumerate(table):
            for column_index, value in enumerate(row):
                grid.cell(row_index, column_index).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_literal(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def build_pdf(lines: list[str], *, info: dict[str, str] | None = None) -> bytes:
    """A minimal one-page PDF with Helvetica text lines and an optional Info dictionary."""
    shown = " ".join(f"({_pdf_literal(line)}) Tj T*" for line in lines)
    content = f"BT /F1 11 Tf 72 740 Td 14 TL {shown} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if info:
        entries = " ".join(f"/{key} ({_pdf_literal(value)})" for key, value in info.items())
        objects.append(f"<< {entries} >>")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    info_ref = f" /Info {len(objects)} 0 R" if info else ""
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info_ref} >>\n".encode()
    out += f"startxref\n{xref_at}\n%%EOF\n".encode()
    return out


def encrypt_pdf(data: bytes, *, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def add_zip_member(docx_bytes: bytes, name: str, payload: bytes) -> bytes:
    """Copy of a .docx with one more (deflated) member."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr(name, payload, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return buffer.getvalue()


def noise(seed: str, size: int) -> bytes:
    """Deterministic pseudo-random bytes."""
    return hashlib.shake_256(seed.encode()).digest(size)


@pytest.fixture
def noise_bytes() -> Callable[[str, int], bytes]:
    return noise


@pytest.fixture
def docx_builder() -> Callable[..., bytes]:
    return build_docx


@pytest.fixture
def pdf_builder() -> Callable[..., bytes]:
    return build_pdf


@pytest.fixture
def pdf_encrypter() -> Callable[..., bytes]:
    return encrypt_pdf


@pytest.fixture
def zip_member_adder() -> Callable[[bytes, str, bytes], bytes]:
    return add_zip_member


@pytest.fixture
def articles() -> dict[str, str]:
    return {"en": ARTICLE_EN, "en_other": ARTICLE_EN_OTHER, "ru": ARTICLE_RU}
