from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "billing"
    verbose_name = "Billing"

    def ready(self) -> None:
        from billing.payments import events_requeue_after_restart
        from careeragent.worker import register_startup_sweep

        register_startup_sweep(events_requeue_after_restart)
