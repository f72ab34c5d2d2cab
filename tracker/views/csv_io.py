"""CSV import (upload, then choose columns with a preview, then import) and CSV export of applications."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods

from careeragent.access import get_owned_or_404
from careeragent.htmx import redirect_after_post
from tracker import csv_export, csv_import
from tracker.models import Application, CsvImport

SPREADSHEET_EXTENSIONS = ("xlsx", "xls", "xlsm", "ods", "numbers")


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text=(
            f"Exports from Huntr, Teal or a spreadsheet saved as CSV; up to {csv_import.MAX_ROWS:,} rows and "
            f"{filesizeformat(csv_import.MAX_BYTES)}. The first row must name the columns."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.tsv,.txt,text/csv"}),
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        extension = (uploaded.name or "").rsplit(".", 1)[-1].lower() if "." in (uploaded.name or "") else ""
        if extension in SPREADSHEET_EXTENSIONS:
            raise forms.ValidationError(
                f"This is a spreadsheet (.{extension}), not a CSV. In your spreadsheet choose File > Save as > CSV."
            )
        if uploaded.size > csv_import.MAX_BYTES:
            raise forms.ValidationError(
                f"This file is {filesizeformat(uploaded.size)}; the limit is {filesizeformat(csv_import.MAX_BYTES)}. "
                "Split it into smaller files."
            )
        try:
            self.cleaned_data["rows"] = csv_import.read_rows(uploaded.read(csv_import.MAX_BYTES + 1))
        except csv_import.CsvError as exc:
            raise forms.ValidationError(str(exc)) from None
        return uploaded


def _column_choices(rows: list[list[str]]) -> list[tuple[str, str]]:
    header = rows[0] if rows else []
    choices = [("", "\u2014 not imported \u2014")]
    for index, name in enumerate(header):
        sample = next((row[index].strip() for row in rows[1:] if index < len(row) and row[index].strip()), "")
        label = name or f"Column {index + 1}"
        if sample:
            shown = sample if len(sample) <= 30 else sample[:30] + "\u2026"
            label += f" (e.g. {shown})"
        choices.append((str(index), label))
    return choices


class MappingForm(forms.Form):
    date_order = forms.ChoiceField(
        label="Dates like 03/04/2025 are",
        choices=[("mdy", "month/day/year (US: 3 April)"), ("dmy", "day/month/year (4 March)")],
        initial="mdy",
        required=False,
    )
    import_duplicates = forms.BooleanField(
        label="Import duplicates anyway",
        required=False,
        help_text="Rows for a company and role you tracked in the last 30 days, or that repeat an earlier row, "
        "are skipped unless you tick this.",
    )

    def __init__(self, rows: list[list[str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = _column_choices(rows)
        fields = {}
        for name, label, _ in csv_import.FIELDS:
            fields[f"map_{name}"] = forms.ChoiceField(
                label=label, choices=choices, required=name in csv_import.REQUIRED
            )
        fields["map_company"].error_messages["required"] = "Choose the column that holds the company."
        fields["map_role"].error_messages["required"] = "Choose the column that holds the job title."
        # Our fields first, then the options, whatever order the class declared them in.
        self.fields = {**fields, **self.fields}

    @property
    def mapping_fields(self):
        return [self[f"map_{name}"] for name in csv_import.FIELD_NAMES]

    @staticmethod
    def initial_from(mapping: dict) -> dict:
        initial = {f"map_{name}": str(mapping[name]) for name in csv_import.FIELD_NAMES if name in mapping}
        initial["date_order"] = mapping.get("date_order", "mdy")
        return initial


def _posted_mapping(data, width: int) -> dict:
    raw = {name: data.get(f"map_{name}") for name in csv_import.FIELD_NAMES}
    raw["date_order"] = data.get("date_order")
    return csv_import.clean_mapping(raw, width)


def _map_url(csv_import_obj: CsvImport) -> str:
    return reverse("tracker:import_map", args=[csv_import_obj.id])


@login_required
@require_http_methods(["GET", "POST"])
def import_csv(request: HttpRequest) -> HttpResponse:
    form = UploadForm()
    if request.method == "POST":
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
        if declared > csv_import.MAX_BYTES + 64 * 1024:
            # Refused before reading the body: say so rather than read megabytes we will not keep.
            form.add_error(
                None, f"This file is larger than {filesizeformat(csv_import.MAX_BYTES)}. Split it into smaller files."
            )
        else:
            form = UploadForm(request.POST, request.FILES)
            if form.is_valid():
                rows = form.cleaned_data["rows"]
                created = CsvImport.objects.create(
                    user=request.user,
                    original_filename=(form.cleaned_data["file"].name or "")[:255],
                    rows=rows,
                    mapping=csv_import.guess_mapping(rows[0]),
                )
                return redirect_after_post(request, _map_url(created))
    recent = CsvImport.objects.for_user(request.user).defer("rows")[:5]
    status = 400 if form.errors else 200
    return render(request, "tracker/csv/upload.html", {"form": form, "recent": recent}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def import_map(request: HttpRequest, import_id) -> HttpResponse:
    job = get_owned_or_404(CsvImport, request.user, pk=import_id)
    url = _map_url(job)
    if job.status != CsvImport.Status.MAPPING:
        if request.method == "POST":  # a second submit of a finished import changes nothing
            return redirect_after_post(request, url)
        return render(request, "tracker/csv/result.html", {"job": job, **_result_context(job)})

    rows = job.rows or [[]]
    width = len(rows[0])
    mapping = job.mapping
    if request.method == "POST":
        form = MappingForm(rows, request.POST)
        mapping = _posted_mapping(request.POST, width)
        if request.POST.get("action") == "import":
            if form.is_valid():
                csv_import.run_import(job, mapping, import_duplicates=form.cleaned_data["import_duplicates"])
                return redirect_after_post(request, url)
        else:
            job.mapping = mapping
            job.save(update_fields=["mapping", "updated_at"])
            if not request.htmx:
                return redirect(url)
            form = MappingForm(rows, initial=MappingForm.initial_from(mapping))
    else:
        form = MappingForm(rows, initial=MappingForm.initial_from(mapping))

    context = {
        "job": job,
        "form": form,
        "preview": csv_import.preview(job, mapping),
        "preset": csv_import.detect_preset(rows[0]),
        "row_count": sum(1 for row in rows[1:] if any(cell.strip() for cell in row)),
        "preview_size": csv_import.PREVIEW_ROWS,
    }
    template = "tracker/csv/map.html"
    if request.htmx and request.method == "POST" and request.POST.get("action") != "import":
        template += "#preview"
    return render(request, template, context, status=400 if form.errors else 200)


def _result_context(job: CsvImport) -> dict:
    skipped = [entry for entry in job.skipped if not entry.get("imported")]
    warned = [entry for entry in job.skipped if entry.get("imported")]
    return {"not_imported": skipped, "warned": warned}


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    statuses = [s for s in request.GET.getlist("status") if s in Application.Status.values]
    response = HttpResponse(csv_export.export_csv(request.user, statuses), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{csv_export.filename()}"'
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("import/", import_csv, name="import"),
    path("import/<uuid:import_id>/", import_map, name="import_map"),
    path("export.csv", export, name="export"),
]
