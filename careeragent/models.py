"""The shared model base: UUID primary keys, timestamps, and per-user ownership."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class OwnedQuerySet(models.QuerySet):
    def for_user(self, user) -> OwnedQuerySet:
        """Rows owned by `user`; nothing at all for an anonymous user.

        Every view reads user data through this, never through `.objects.all()`.
        """
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class TimestampedModel(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class OwnedModel(TimestampedModel):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True
