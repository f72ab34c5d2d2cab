"""Object factories keyed by the URL keyword that names the object.

The stranger sweep (tests/test_tenancy.py) walks every URL pattern of our apps and, for each keyword argument,
asks this registry for an object owned by the owner. A new URL with a new keyword fails the sweep until its
factory is added here, so no view can be forgotten.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import DataExport, User

FACTORIES: dict[str, Callable[[User], object]] = {}


def factory(*kwarg_names: str):
    def register(func: Callable[[User], object]) -> Callable[[User], object]:
        for name in kwarg_names:
            FACTORIES[name] = func
        return func

    return register


@factory("export_id")
def data_export(user: User) -> DataExport:
    export = DataExport.objects.create(user=user, status=DataExport.Status.COMPLETED, finished_at=timezone.now())
    export.file.save(export.storage_name, ContentFile(b'{"format": "test"}'), save=False)
    export.expires_at = timezone.now() + timezone.timedelta(hours=1)
    export.save()
    return export
