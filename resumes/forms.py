from __future__ import annotations

from django import forms
from django.conf import settings
from django.forms.utils import ErrorDict
from django.template.defaultfilters import filesizeformat

from resumes.models import ALLOWED_EXTENSIONS
from resumes.services import extension_of


class UploadForm(forms.Form):
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

    @classmethod
    def refused(cls, message: str) -> UploadForm:
        """A form that carries only `message`, for uploads refused before their body is read."""
        form = cls(data={})
        form.cleaned_data = {}
        form._errors = ErrorDict()
        form.add_error(None, message)
        return form


class RenameForm(forms.Form):
    title = forms.CharField(max_length=200, min_length=1)
