"""Create (or refresh) the demo account with sample data. Safe to run any number of times."""

from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from accounts.models import User
from accounts.services import profile_for

DEMO_EMAIL = "demo@careeragent.local"
DEMO_PASSWORD = "demo-career-agent"  # noqa: S105  (printed for the person running the demo; not a secret)


class Command(BaseCommand):
    help = "Create a verified demo user with sample data; each app adds its own from <app>.demo.seed(user)."

    def add_arguments(self, parser):
        parser.add_argument("--email", default=DEMO_EMAIL)
        parser.add_argument("--password", default=DEMO_PASSWORD)

    @transaction.atomic
    def handle(self, *args, email: str, password: str, **options):
        user, created = User.objects.get_or_create(email=email.lower())
        user.set_password(password)
        user.save()
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
        profile = profile_for(user)
        if not profile.full_name:
            profile.full_name = "Dana Demo"
            profile.headline = "Backend engineer, Python and PostgreSQL"
            profile.location = "Lisbon, Portugal"
            profile.target_roles = ["Backend Engineer", "Platform Engineer"]
            profile.preferences = {**profile.preferences, "remote": "remote", "paper_size": "a4"}
            profile.save()
        for config in apps.get_app_configs():
            try:
                seed = import_string(f"{config.name}.demo.seed")
            except ImportError:
                continue
            summary = seed(user)
            if summary:
                self.stdout.write(f"  {config.label}: {summary}")
        verb = "Created" if created else "Refreshed"
        self.stdout.write(self.style.SUCCESS(f"{verb} the demo account."))
        self.stdout.write(f"  Log in at /accounts/login/ with e-mail {email} and password {password}")
