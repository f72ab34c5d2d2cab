from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.management.commands.seed_demo import DEMO_EMAIL, DEMO_PASSWORD
from accounts.models import User


def test_seed_demo_creates_a_verified_user_that_can_log_in(client, db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert DEMO_EMAIL in out and DEMO_PASSWORD in out
    user = User.objects.get(email=DEMO_EMAIL)
    assert EmailAddress.objects.get(user=user).verified
    response = client.post("/accounts/login/", {"login": DEMO_EMAIL, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200


def test_seed_demo_can_run_twice(db):
    call_command("seed_demo")
    call_command("seed_demo")
    assert User.objects.filter(email=DEMO_EMAIL).count() == 1
