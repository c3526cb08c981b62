from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from portal.accounts.services import INVITATION_DAYS, invitation_create, invitation_sent_phrase
from researchers.models import Researcher, Role


class Command(BaseCommand):
    help = "Invite a person to the lab: emails them a single-use link and prints it."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", help="Their name as it should appear on the page.")
        parser.add_argument("--role", choices=Role.values, default=Role.PHD)
        parser.add_argument("--member", metavar="SLUG", help="Hand over this existing profile instead of a new one.")
        parser.add_argument("--days", type=int, default=INVITATION_DAYS, help="How long the link works (days).")
        parser.add_argument("--no-email", action="store_true", help="Only print the link.")

    def handle(self, *args, email, name, role, member, days, no_email, **options):
        researcher = None
        if member:
            researcher = Researcher.objects.filter(slug=member).first()
            if researcher is None:
                raise CommandError(f"No member with the address /people/{member}/.")
        if not (name or researcher):
            raise CommandError("Give --name, or --member for an existing profile.")
        if days < 1:
            raise CommandError("--days must be at least 1.")
        try:
            invitation, link = invitation_create(
                email=email, name=name, role=role, researcher=researcher, days=days, send=not no_email
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        sent = "" if no_email else f"Invitation {invitation_sent_phrase(invitation.email)}. "
        self.stdout.write(f"{sent}The link works once, until {invitation.expires_at:%Y-%m-%d %H:%M %Z}:")
        self.stdout.write(link)
