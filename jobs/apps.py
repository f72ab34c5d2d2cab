from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = "Jobs"

    def ready(self) -> None:
        from careeragent.worker import register_startup_sweep
        from jobs.generate.services import letter_requeue_after_restart
        from jobs.matching import signals  # noqa: F401  (connects the receivers)

        register_startup_sweep(letter_requeue_after_restart)
