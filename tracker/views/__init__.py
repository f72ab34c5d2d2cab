"""The tracker's views, one module per area; each module declares its own `urlpatterns` (see tracker/urls.py)."""
