"""Index every article again (after a restore, a bulk load or a change of the index format)."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from archive.models import Article
from archive.search import get_backend


class Command(BaseCommand):
    help = "Rebuild the full-text search index of all articles, with a progress bar on stderr."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=1000, help="articles indexed per transaction")

    def handle(self, *args, batch_size: int, **options):
        backend = get_backend()
        total = Article.objects.count()
        with tqdm(
            total=total,
            unit="article",
            desc="search index",
            file=self.stderr._out,
            disable=options.get("verbosity", 1) == 0,
        ) as bar:

            def step(done: int) -> None:
                bar.update(done)

            indexed = backend.rebuild(batch_size=batch_size, progress=step)
        self.stdout.write(f"Search index rebuilt: {indexed} articles ({backend.vendor}).")
