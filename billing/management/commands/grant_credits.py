"""Grant (or, with a negative amount, take away) credits for one user, recorded in the ledger."""

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from billing import services


class Command(BaseCommand):
    help = "Add AMOUNT credits to the account of the user with EMAIL (a negative AMOUNT is an adjustment)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("amount", type=int)
        parser.add_argument("--note", default="", help="why; shown to the user in their history")

    def handle(self, *args, email: str, amount: int, note: str, **options) -> None:
        if not services.enabled():
            raise CommandError("Billing is switched off (BILLING_ENABLED): there are no credits to grant.")
        if amount == 0:
            raise CommandError("AMOUNT must not be 0.")
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No user with the e-mail address {email!r}.")
        note = note or "Granted by an administrator"
        try:
            if amount > 0:
                entry = services.grant(user=user, amount=amount, note=note)
            else:
                entry = services.adjust(user=user, delta=amount, note=note)
        except services.InsufficientCredits as short:
            raise CommandError(f"{user.email} has only {short.balance} credits; cannot take {-amount}.") from None
        self.stdout.write(f"{user.email}: {entry.delta:+d} credits, balance now {entry.balance_after}.")
