"""Revoke API tokens by their prefix, or every token of a user."""

from django.core.management.base import BaseCommand, CommandError

from archive.services import api_token_revoke


class Command(BaseCommand):
    help = "Revoke the API token whose key starts with PREFIX, or all tokens of --user."

    def add_arguments(self, parser):
        parser.add_argument("prefix", nargs="?", default="", help="The first 8 characters of the key")
        parser.add_argument("--user", default="", help="Revoke every token of this user")

    def handle(self, *args, prefix: str, user: str, **options):
        if not prefix and not user:
            raise CommandError("Name a token prefix or --user USERNAME.")
        revoked = api_token_revoke(prefix=prefix, username=user)
        if not revoked:
            raise CommandError("No active token matched.")
        self.stdout.write(f"Revoked {revoked} token{'s' if revoked != 1 else ''}.")
