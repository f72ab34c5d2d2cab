from __future__ import annotations

from django import forms
from django.forms.utils import ErrorDict
from django.template.defaultfilters import filesizeformat

from jobs import conf
from jobs.models import ALLOWED_EXTENSIONS
from jobs.services import MAX_TEXT_CHARS
from jobs.text import clean_text
from resumes.services import extension_of

SOURCES = ("paste", "file", "url")


class PasteForm(forms.Form):
    text = forms.CharField(
        label="Job description",
        max_length=MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Paste the whole posting. Formatting (HTML) is turned into plain text.",
    )
    title = forms.CharField(label="Job title", max_length=300, required=False, help_text="Optional: found in the text.")
    company = forms.CharField(max_length=200, required=False)
    location = forms.CharField(max_length=200, required=False)

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not clean_text(text).strip():
            raise forms.ValidationError("We found no text in what you pasted.")
        return text


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Job description file",
        help_text="PDF, Word (.docx) or plain text.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.txt"}),
    )
    title = forms.CharField(label="Job title", max_length=300, required=False, help_text="Optional: found in the text.")

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        ext = extension_of(uploaded.name or "")
        if ext not in ALLOWED_EXTENSIONS:
            shown = f".{ext}" if ext else "files without an extension"
            raise forms.ValidationError(
                f"We can't read {shown}. Please upload a PDF, a Word .docx or a plain-text .txt file."
            )
        limit = conf.upload_max_bytes()
        if uploaded.size > limit:
            raise forms.ValidationError(
                f"This file is {filesizeformat(uploaded.size)}; the limit is {filesizeformat(limit)}."
            )
        return uploaded

    @classmethod
    def refused(cls, message: str, *, prefix: str) -> UploadForm:
        """A form that carries only `message`, for uploads refused before their body is read."""
        form = cls(data={}, prefix=prefix)
        form.cleaned_data = {}
        form._errors = ErrorDict()
        form.add_error(None, message)
        return form


class UrlForm(forms.Form):
    # A CharField, not a URLField: jobs.fetch explains what it refuses in clearer words than "Enter a valid URL".
    url = forms.CharField(
        label="Web address of the job posting",
        max_length=2000,
        widget=forms.URLInput(attrs={"placeholder": "https://", "inputmode": "url"}),
        help_text="We fetch the page once and keep its text. Pages behind a login can't be read: paste those.",
    )


class EditForm(forms.Form):
    title = forms.CharField(label="Job title", max_length=300)
    company = forms.CharField(max_length=200, required=False)
    location = forms.CharField(max_length=200, required=False)
    text = forms.CharField(
        label="Job description", max_length=MAX_TEXT_CHARS, widget=forms.Textarea(attrs={"rows": 20})
    )
    notes = forms.CharField(
        max_length=10_000, required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text="Only you see these."
    )

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not clean_text(text).strip():
            raise forms.ValidationError("The job description can't be empty.")
        return text
