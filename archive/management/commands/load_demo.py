"""Load the shipped demo articles; running it again adds nothing twice."""

from datetime import datetime

from django.core.management.base import BaseCommand

from archive.demo import demo_records
from archive.services import DuplicateArticle, article_create


class Command(BaseCommand):
    help = "Load the fictional demo articles shipped in archive/demo/."

    def handle(self, *args, **options):
        created = skipped = 0
        for record in demo_records():
            try:
                article_create(
                    title=record["title"],
                    body=record["body"],
                    source=record.get("source") or None,
                    url=record.get("url", ""),
                    author=record.get("author", ""),
                    published_at=datetime.fromisoformat(record["published_at"])
                    if record.get("published_at")
                    else None,
                    language=record.get("language", ""),
                    is_demo=True,
                )
                created += 1
            except DuplicateArticle:
                skipped += 1
        self.stdout.write(f"Demo articles: {created} loaded, {skipped} already present.")
