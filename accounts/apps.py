from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from accounts.services import data_export_requeue_after_restart
        from careeragent.worker import register_startup_sweep

        register_startup_sweep(data_export_requeue_after_restart)
