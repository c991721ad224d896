"""Load or update the shipped knowledge base in the database (safe to run again)."""

from django.core.management.base import BaseCommand, CommandError

from archive.kb import KBError, load_kb
from archive.services import kb_load


class Command(BaseCommand):
    help = "Load the knowledge base in archive/kb/ into the database; keeps what editors added."

    def handle(self, *args, **options):
        try:
            kb = load_kb()
        except KBError as exc:
            raise CommandError(f"The knowledge base is invalid: {exc}") from exc
        self.stdout.write(f"Loading {len(kb)} knowledge-base entries ...")
        result = kb_load(kb=kb)
        self.stdout.write(
            f"Knowledge base: {result.created} entities created, {result.updated} updated, "
            f"{result.aliases_added} aliases added, {result.retired} no longer in the knowledge base "
            f"turned into candidates ({result.total} entries)."
        )
