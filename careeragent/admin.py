"""What every app's admin shares."""

from django.db import models

# A pasted address without a scheme means https (Django 6's default; 5.2 warns until a form says so).
URL_FORMFIELDS = {models.URLField: {"assume_scheme": "https"}}
