from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "SITE_NAME": settings.SITE_NAME,
        "BILLING_ENABLED": settings.BILLING_ENABLED,
        "GOOGLE_ENABLED": settings.GOOGLE_ENABLED,
    }
