from django.apps import AppConfig


class CareerAgentConfig(AppConfig):
    name = "careeragent"
    verbose_name = "Career Agent"
