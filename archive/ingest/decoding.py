"""Bytes -> text: refuse binary data, honour byte-order marks, detect legacy encodings.

UTF-8 is tried first because it is by far the most common and a strict decode of anything else
almost always fails. Legacy single-byte files (Windows-1251 Russian, Latin-1/Windows-1252,
KOI8-R) all decode without error in several code pages, and charset-normalizer alone guesses
wrong on short texts (a Russian headline comes out as Windows-1250 gibberish), so each
candidate decoding is scored for how much it looks like real text and the best one wins.
"""

import codecs
import re

from charset_normalizer import from_bytes

from .errors import IngestError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x7fELF", "an ELF executable"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old-style Office document"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xca\xfe\xba\xbe", "a compiled binary"),
    (b"\xcf\xfa\xed\xfe", "a compiled binary"),
    (b"\x00asm", "a WebAssembly binary"),
    (b"OggS", "an Ogg media file"),
    (b"{\\rtf", "an RTF document"),
)

# Code pages worth trying for the archive's languages, most likely first (ties go to the first).
_LEGACY_ENCODINGS = (
    "cp1252", "cp1251", "koi8_r", "koi8_u", "cp1250", "iso8859_5", "mac_cyrillic",
    "cp1253", "cp1254", "cp1257", "iso8859_15", "latin_1",
)
_SNIFF_BYTES = 8192
_MAX_CONTROL_RATIO = 0.01
_SCORE_SAMPLE_CHARS = 20_000
# Share of characters that may look wrong before a decoding counts as garbage.
_MAX_IMPLAUSIBILITY = 0.05

_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# Characters ordinary text is made of: ASCII, Latin-1 and Latin Extended-A letters and signs, the Cyrillic of
# Russian, Ukrainian and Belarusian, general punctuation, euro, numero and trade mark signs,
# Greek, CJK and Hangul. Anything else (box drawing, C1 controls, rare symbols) is suspect.
_UNUSUAL_CHAR = re.compile(
    "[^\t\n\r\x20-\x7e\u00a0-\u017f\u0391-\u03c9\u0401\u0404\u0406\u0407\u040e\u0410-\u044f"
    "\u0451\u0454\u0456\u0457\u045e\u0490\u0491\u2010-\u2044\u20ac\u2116\u2122"
    "\u3000-\u30ff\u4e00-\u9fff\uac00-\ud7af\uff00-\uffef]"
)
# "podpisa³o" is Polish "podpisało" read as Windows-1252: a Latin-1 sign between two letters.
_SIGN_INSIDE_WORD = re.compile(
    "(?<=[A-Za-z\u00c0-\u024f])[\u00a1-\u00bf\u00d7\u00f7](?=[A-Za-z\u00c0-\u024f])"
)
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NON_ASCII_LATIN = re.compile(r"[\u00c0-\u024f]")
_LOWER_THEN_UPPER = re.compile("[a-z\u00df-\u00ff\u0430-\u044f\u0451][A-Z\u00c0-\u00de\u0401\u0410-\u042f]")


def sniff_binary(data: bytes) -> str | None:
    """What kind of binary data this is (e.g. ``"a PNG image"``), or ``None`` if it may be text."""
    for signature, description in _BINARY_SIGNATURES:
        if data.startswith(signature):
            return description
    head = data[:_SNIFF_BYTES]
    if head.startswith(b"MZ") and b"\x00" in head[:64]:
        return "a Windows executable"
    if _bomless_utf16_codec(head):
        return None
    if b"\x00" in head or len(_CONTROL_BYTES.findall(head)) > _MAX_CONTROL_RATIO * len(head):
        return "binary data"
    return None


def decode_text(data: bytes, filename: str, *, declared_encoding: str | None = None) -> tuple[str, list[str]]:
    """Decode a text file; return the text and warnings about how it was decoded.

    ``declared_encoding`` (an HTML ``<meta charset>``) is used when it decodes the bytes
    cleanly; a wrong declaration is reported and detection takes over.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError:
                name = encoding.upper()
                reason = f"the file starts with a {name} byte-order mark but is not valid {name}"
                raise IngestError(filename, reason) from None
    binary_kind = sniff_binary(data)
    if binary_kind:
        raise IngestError(filename, f"the file is {binary_kind}, not text")

    warnings: list[str] = []
    utf16 = _bomless_utf16_codec(data[:_SNIFF_BYTES])
    if utf16:
        try:
            return data.decode(utf16), [f"no byte-order mark; decoded as {utf16.upper()}"]
        except UnicodeDecodeError:
            raise IngestError(filename, "the file looks like UTF-16 but is not valid UTF-16") from None
    if declared_encoding:
        declared = _codec_name(declared_encoding)
        if declared:
            try:
                return data.decode(declared), warnings
            except UnicodeDecodeError:
                pass
        warnings.append(f"the declared encoding {declared_encoding!r} is wrong or unknown")
    try:
        return data.decode("utf-8"), warnings
    except UnicodeDecodeError:
        pass

    best = _best_legacy_decoding(data)
    if best is None:
        raise IngestError(filename, "the text is in no readable encoding (not UTF-8, nor a known code page)")
    encoding, text = best
    warnings.append(f"the text encoding was detected as {encoding}")
    return text, warnings


def detect_legacy_encoding(data: bytes) -> str | None:
    """Best-scoring single- or multi-byte encoding for bytes that are not UTF-8, or ``None``."""
    best = _best_legacy_decoding(data)
    return best[0] if best else None


def _codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label.strip()).name
    except LookupError:
        return None


def _bomless_utf16_codec(head: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` when the bytes look like UTF-16 without a byte-order mark:
    mostly-Latin UTF-16 has a NUL in every other byte."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even_nuls = head[0 : pairs * 2 : 2].count(0)
    odd_nuls = head[1 : pairs * 2 : 2].count(0)
    if min(even_nuls, odd_nuls) >= 0.1 * pairs:
        return None
    if odd_nuls > 0.6 * pairs:
        return "utf-16-le"
    if even_nuls > 0.6 * pairs:
        return "utf-16-be"
    return None


def _best_legacy_decoding(data: bytes) -> tuple[str, str] | None:
    candidates = list(_LEGACY_ENCODINGS)
    for match in from_bytes(data):
        if match.encoding not in candidates:
            candidates.append(match.encoding)
    best: tuple[float, str, str] | None = None
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = implausibility(text[:_SCORE_SAMPLE_CHARS])
        if best is None or score < best[0]:
            best = (score, encoding, text)
    if best is None or best[0] > _MAX_IMPLAUSIBILITY:
        return None
    return best[1], best[2]


def implausibility(text: str) -> float:
    """How little ``text`` looks like natural text: 0 is clean, higher means mis-decoded.

    Counts unusual characters, words mixing Latin and Cyrillic letters ("cafй"), Latin words
    made mostly of accented letters ("Ïðèâåò" is "Привет" read as Windows-1252), and upper-case
    letters right after lower-case ones ("рТЙЧЕФ" is KOI8-R read as Windows-1251).
    """
    if not text:
        return 0.0
    penalty = float(len(_UNUSUAL_CHAR.findall(text)) + len(_SIGN_INSIDE_WORD.findall(text)))
    for word in _WORD.findall(text):
        latin = len(_LATIN.findall(word))
        cyrillic = len(_CYRILLIC.findall(word))
        if latin and cyrillic:
            penalty += 1
        elif latin >= 2 and len(_NON_ASCII_LATIN.findall(word)) * 2 > latin:
            penalty += len(word)
        penalty += len(_LOWER_THEN_UPPER.findall(word)) * 0.5
    return penalty / len(text)
