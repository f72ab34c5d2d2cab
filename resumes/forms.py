from __future__ import annotations

from django import forms
from django.conf import settings
from django.forms.utils import ErrorDict
from django.template.defaultfilters import filesizeformat

from resumes.models import ALLOWED_EXTENSIONS, IMPORTED_EXTENSIONS
from resumes.services import JSON_IMPORT_MAX_BYTES, extension_of


class RefusableForm(forms.Form):
    @classmethod
    def refused(cls, message: str):
        """A form that carries only `message`, for uploads refused before their body is read."""
        form = cls(data={})
        form.cleaned_data = {}
        form._errors = ErrorDict()
        form.add_error(None, message)
        return form


class UploadForm(RefusableForm):
    file = forms.FileField(
        label="Resume file",
        help_text="PDF, Word (.docx) or plain text, up to a few pages.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.txt"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        ext = extension_of(uploaded.name or "")
        if ext not in ALLOWED_EXTENSIONS:
            shown = f".{ext}" if ext else "files without an extension"
            raise forms.ValidationError(
                f"We can't read {shown}. Please upload a PDF, a Word .docx or a plain-text .txt file."
            )
        if uploaded.size > settings.RESUME_MAX_BYTES:
            raise forms.ValidationError(
                f"This file is {filesizeformat(uploaded.size)}; the limit is "
                f"{filesizeformat(settings.RESUME_MAX_BYTES)}."
            )
        return uploaded


class JsonImportForm(RefusableForm):
    """A JSON Resume file (https://jsonresume.org) to import as a new, already read resume."""

    prefix = "import"
    file = forms.FileField(
        label="A .json file in the JSON Resume format",
        help_text="A .json file in the JSON Resume format, up to 1 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        ext = extension_of(uploaded.name or "")
        if ext not in IMPORTED_EXTENSIONS:
            shown = f".{ext}" if ext else "files without an extension"
            raise forms.ValidationError(f"We can only import a JSON Resume (.json) file, not {shown}.")
        if uploaded.size > JSON_IMPORT_MAX_BYTES:
            limit = filesizeformat(JSON_IMPORT_MAX_BYTES)
            raise forms.ValidationError(f"This file is over {limit}; a JSON Resume may be at most {limit}.")
        return uploaded


class RenameForm(forms.Form):
    title = forms.CharField(max_length=200, min_length=1)
