from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from accounts import notifications, services


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return settings.ACCOUNT_ALLOW_SIGNUP

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Render now (the context holds the request and model instances), send from a worker: a slow or
        # failing SMTP server never holds up sign-up, and failed sends are retried with backoff. Account e-mails
        # are essential: they go to the address allauth names (a new one is unverified by nature), in our layout
        # (templates/account/email/), with no unsubscribe link.
        context = {**notifications.layout_context("account"), "email": email, **context}
        message = self.render_mail(template_prefix, email, context, headers=notifications.headers_for("account"))
        services.email_send_later(message)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            services.profile_for(user)
        return user
