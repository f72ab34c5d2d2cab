from django.apps import AppConfig


class OptimizeConfig(AppConfig):
    name = "optimize"
    verbose_name = "Optimize"

    def ready(self) -> None:
        from careeragent.worker import register_startup_sweep
        from optimize.services import requeue_after_restart

        register_startup_sweep(requeue_after_restart)
