"""Upload handling that never stores more of a file than the size limit needs."""

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler


class SizeCappedUploadHandler(TemporaryFileUploadHandler):
    """Writes at most ``ARCHIVE_MAX_UPLOAD_BYTES + 1`` bytes of each file to disk.

    The rest is counted but dropped, so a huge upload cannot fill the disk, and the file's
    ``size`` still tells the true size for the "over the limit" message.
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.kept = 0

    def receive_data_chunk(self, raw_data, start):
        room = settings.ARCHIVE_MAX_UPLOAD_BYTES + 1 - self.kept
        if room > 0:
            chunk = raw_data[:room]
            self.file.write(chunk)
            self.kept += len(chunk)
        return None
