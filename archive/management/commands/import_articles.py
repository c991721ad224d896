"""Bulk import: files, folders, JSONL and CSV, with a progress bar and a summary."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from archive.ingest import count_bulk, iter_bulk
from archive.services import article_intake_document


class Command(BaseCommand):
    help = "Import articles from files, folders, JSONL and CSV files."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders to import.")
        parser.add_argument("--user", help="Username recorded as the creator of the imported articles.")
        parser.add_argument("--no-progress", action="store_true", help="Do not draw a progress bar.")

    def handle(self, *args, paths, user=None, no_progress=False, **options):
        creator = None
        if user:
            creator = get_user_model().objects.filter(username=user).first()
            if creator is None:
                raise CommandError(f"No user named {user!r}.")
        missing = [path for path in paths if not Path(path).exists()]
        if missing:
            raise CommandError(f"No such file or folder: {', '.join(missing)}")
        total = count_bulk(paths)
        imported, duplicates, near, errors = 0, [], 0, []
        bar = tqdm(total=total, unit="article", disable=no_progress, file=self.stderr._out)
        for item in iter_bulk(paths):
            bar.update(1)
            if item.error:
                errors.append(item.error)
                continue
            result = article_intake_document(doc=item.document, created_by=creator)
            if result.outcome == "error":
                errors.append(result.error)
            elif result.outcome == "duplicate":
                duplicates.append(
                    f"{item.document.filename}: already in the archive as article {result.duplicate_of.pk}"
                )
            else:
                imported += 1
                near += result.outcome == "near-duplicate"
        bar.close()
        self.stdout.write(f"Imported: {imported} (flagged as near duplicates: {near})")
        self.stdout.write(f"Duplicates: {len(duplicates)}")
        for line in duplicates:
            self.stdout.write(f"  {line}")
        self.stdout.write(f"Errors: {len(errors)}")
        for line in errors:
            self.stdout.write(f"  {line}")
