from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api import services
from api.models import ApiToken


class Command(BaseCommand):
    help = "Create or revoke a personal API token. The token is printed once and stored only as a digest."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        create = commands.add_parser("create", help="create a token for USERNAME")
        create.add_argument("username")
        create.add_argument("--days", type=int, default=90)
        create.add_argument("--name", default="command line")
        create.add_argument("--write", action="store_true", help="also keep members, registrations and initiatives")
        revoke = commands.add_parser("revoke", help="revoke the token starting with PREFIX")
        revoke.add_argument("prefix")

    def handle(self, *args, **options):
        if options["command"] == "revoke":
            token = ApiToken.objects.filter(prefix=options["prefix"]).first()
            if token is None:
                raise CommandError("No token with this prefix.")
            services.token_revoke(actor=token.user, token=token)
            self.stdout.write(f"Revoked {token}.")
            return
        try:
            user = get_user_model().objects.get(username=options["username"])
        except get_user_model().DoesNotExist:
            raise CommandError("No such user.") from None
        actions = [*services.TOKEN_ACTIONS] if options["write"] else [services.TOKEN_ACTIONS[0]]
        try:
            row, token = services.token_create(actor=user, name=options["name"], days=options["days"], actions=actions)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(token)
        self.stderr.write(f"Expires {row.expires_at:%d/%m/%Y %H:%M}. It is not shown again.")
