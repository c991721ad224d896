"""Zip-bomb checks on a ZIP container's central directory, before anything is decompressed.

Python's zipfile stops a member at its declared size and fails on a CRC mismatch, so sizes
that lie in the directory cannot inflate past what is checked here.
"""

import zipfile
from dataclasses import dataclass

from .errors import IngestError, describe_size


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 1000
    max_total_uncompressed: int = 200 * 1024 * 1024
    # Word XML compresses 10-30x; a deflate bomb reaches about 1000x.
    max_ratio: float = 100.0
    # Members smaller than this cannot do harm whatever their ratio (tiny XML parts often
    # compress far beyond 100x).
    ratio_applies_above: int = 1024 * 1024


DEFAULT_ZIP_LIMITS = ZipLimits()


def check_zip_limits(archive: zipfile.ZipFile, filename: str, what: str, limits: ZipLimits) -> None:
    """Raise ``IngestError`` when the archive would expand beyond ``limits``."""
    members = archive.infolist()
    if len(members) > limits.max_entries:
        raise IngestError(
            filename, f"{what} has too many parts ({len(members)}, the limit is {limits.max_entries})"
        )
    total = sum(member.file_size for member in members)
    if total > limits.max_total_uncompressed:
        raise IngestError(
            filename,
            f"{what} expands to {describe_size(total)}, over the "
            f"{describe_size(limits.max_total_uncompressed)} limit (possible zip bomb)",
        )
    for member in members:
        if member.file_size <= limits.ratio_applies_above:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > limits.max_ratio:
            raise IngestError(
                filename,
                f"{what} has a part compressed {ratio:.0f} times "
                f"(the limit is {limits.max_ratio:.0f}; possible zip bomb)",
            )
