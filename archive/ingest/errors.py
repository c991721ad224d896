"""The one exception the intake raises for input it refuses."""


class IngestError(ValueError):
    """A file or text that cannot become an article, with a message an editor can act on.

    ``str(error)`` names the file first, e.g. ``"report.pdf: the PDF is corrupt or unreadable"``,
    so a list of failures from a multi-file upload reads well without more context.
    """

    def __init__(self, filename: str, reason: str) -> None:
        super().__init__(filename, reason)
        self.filename = filename
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.filename}: {self.reason}"


def describe_size(num_bytes: int) -> str:
    """Human-readable size for messages: ``"12.5 MB"``, ``"800 KB"``, ``"17 bytes"``."""
    if num_bytes >= 1024 * 1024:
        return f"{num_bytes / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if num_bytes >= 1024:
        return f"{num_bytes // 1024} KB"
    return f"{num_bytes} bytes"
