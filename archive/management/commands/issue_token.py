"""Issue an API token for a user; the key is printed once, as the last line."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from archive.services import api_token_issue


class Command(BaseCommand):
    help = "Issue an API token for USERNAME. The key is shown only now, as the last line of the output."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="What the token is for (e.g. newsroom-sync)")

    def handle(self, *args, username: str, name: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive.")
        token, key = api_token_issue(user=user, name=name)
        self.stderr.write(
            f"Token {token.prefix}… issued for {username}. Store it now: it cannot be shown again."
        )
        self.stdout.write(key)
