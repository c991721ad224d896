"""Create (or reset) an editor account for local use and print how to log in."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create an editor account; prints its username and password."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        parser.add_argument(
            "--password-file", help="Keep the password in this file and reuse it on later runs."
        )

    def handle(self, *args, username, password_file=None, **options):
        password = None
        if password_file:
            try:
                with open(password_file, encoding="utf-8") as fh:
                    password = fh.read().strip() or None
            except FileNotFoundError:
                password = None
        password = password or secrets.token_urlsafe(12)
        if password_file:
            with open(password_file, "w", encoding="utf-8") as fh:
                fh.write(password + "\n")
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.set_password(password)
        user.is_active = True
        user.save()
        user.groups.add(Group.objects.get_or_create(name=settings.ARCHIVE_EDITORS_GROUP)[0])
        self.stdout.write(f"Editor login: username {username!r}, password {password!r}")
