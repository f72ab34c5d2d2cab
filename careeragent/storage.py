"""File storage helpers: user-scoped names, authorised downloads, and clean-up by prefix.

Files are never public. Local files stream through an authorised view; on S3 the view answers with a redirect
to a presigned URL that expires after S3_URL_TTL seconds.
"""

from __future__ import annotations

import posixpath

from django.core.files.storage import FileSystemStorage, default_storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse, HttpResponseRedirect


def user_prefix(user_id) -> str:
    return f"users/{user_id}/"


def download_response(field: FieldFile, filename: str, *, content_type: str | None = None) -> HttpResponse:
    """Answer a download of `field` for a request the caller has already authorised."""
    storage = field.storage
    if isinstance(storage, FileSystemStorage):
        response = FileResponse(field.open("rb"), as_attachment=True, filename=filename)
        if content_type:
            response["Content-Type"] = content_type
        response["Cache-Control"] = "private, no-store"
        return response
    # S3 (or any storage that signs URLs): the URL carries a short-lived signature and the file name.
    params = {"ResponseContentDisposition": f'attachment; filename="{_ascii_name(filename)}"'}
    if content_type:
        params["ResponseContentType"] = content_type
    return HttpResponseRedirect(storage.url(field.name, parameters=params))


def _ascii_name(filename: str) -> str:
    cleaned = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\' else "_" for ch in filename)
    return cleaned or "download"


def delete_prefix(prefix: str, storage=None) -> int:
    """Delete every file under `prefix` (a folder such as users/<id>/); returns how many were removed."""
    storage = storage or default_storage
    removed = 0
    try:
        directories, files = storage.listdir(prefix)
    except FileNotFoundError:
        return 0
    for name in files:
        storage.delete(posixpath.join(prefix, name))
        removed += 1
    for directory in directories:
        removed += delete_prefix(posixpath.join(prefix, directory) + "/", storage)
    return removed
