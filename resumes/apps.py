from django.apps import AppConfig


class ResumesConfig(AppConfig):
    name = "resumes"
    verbose_name = "Resumes"

    def ready(self) -> None:
        from careeragent.worker import register_startup_sweep
        from resumes.exports import requeue_after_restart as exports_requeue_after_restart
        from resumes.services import resume_requeue_after_restart

        register_startup_sweep(resume_requeue_after_restart)
        register_startup_sweep(exports_requeue_after_restart)
