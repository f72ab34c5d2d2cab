from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Delete exported resume files (and their rows) past their expiry."

    def handle(self, *args, **options):
        from resumes.exports import expire_exports

        self.stdout.write(f"deleted {expire_exports()} expired export(s)")
