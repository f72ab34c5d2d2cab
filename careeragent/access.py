"""Access helpers: the one place that turns "an id from the URL" into "a row this user may see".

Anything that is not the user's answers 404, never 403, so ids of other users' rows cannot be probed.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import models
from django.http import Http404

M = TypeVar("M", bound=models.Model)


def get_owned_or_404(model: type[M] | models.QuerySet, user, **lookup) -> M:
    queryset = model if isinstance(model, models.QuerySet) else model.objects.all()
    try:
        return queryset.for_user(user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, models.ObjectDoesNotExist):
        raise Http404(f"No {queryset.model._meta.verbose_name} matches the given query.") from None
