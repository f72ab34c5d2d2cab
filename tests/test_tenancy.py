"""The stranger sweep: every URL of ours that takes an object id answers 404 to anyone but the owner."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import FACTORIES, QUERIES

OUR_APPS = ("careeragent", "accounts", "resumes", "jobs", "optimize", "tracker", "billing")

# Keywords that name a row every signed-in user may see, with the reason. Their URLs still need a factory (the
# anonymous check below runs on them); only the stranger check is skipped. Keep this short.
SHARED: dict[str, str] = {"posting_id": "job postings come from public boards and are shared by every user"}
# URLs whose secret keyword is itself the credential (no login, no owner check), with the reason. Both sweeps
# skip them; their own tests cover a wrong, revoked and rotated secret (tests/tracker/test_calendar.py).
PUBLIC_BY_SECRET: dict[str, str] = {
    "tracker:calendar_feed": "calendar apps fetch the feed without cookies: its unguessable token is the login",
}


def our_patterns(resolver: URLResolver | None = None, prefix: str = "", namespace: str | None = None, app=None):
    """Yield (route, view name, keyword names) for every URL pattern that one of our URLconfs declares.

    Ownership comes from the URLconf module that holds the pattern, not from the view's __module__: decorators
    such as allauth's verified_email_required do not keep it, and the sweep must not skip their views.
    """
    if resolver is None:
        resolver = get_resolver()
        app = resolver.urlconf_module.__name__.split(".")[0]
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner_ns = entry.namespace or namespace
            if entry.namespace and namespace:
                inner_ns = f"{namespace}:{entry.namespace}"
            module_name = getattr(entry.urlconf_module, "__name__", None)
            inner_app = module_name.split(".")[0] if module_name else None
            yield from our_patterns(entry, prefix + str(entry.pattern), inner_ns, inner_app)
        elif isinstance(entry, URLPattern):
            if app not in OUR_APPS or not entry.name:
                continue
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield prefix + str(entry.pattern), name, sorted(entry.pattern.converters)


def object_patterns():
    return [(route, name, kwargs) for route, name, kwargs in our_patterns() if kwargs]


def test_the_sweep_finds_object_urls():
    # If this fails the walker is broken and the sweep below would pass vacuously.
    names = {name for _, name, _ in object_patterns()}
    assert {"accounts:data_export_download", "resumes:detail", "resumes:field"} <= names
    assert "admin:auth_group_change" not in names  # not ours: the admin guards itself


@pytest.mark.parametrize(("route", "name", "kwarg_names"), object_patterns(), ids=lambda v: str(v))
def test_stranger_gets_404(route, name, kwarg_names, owner, stranger_client, client, django_user_model):
    if name in PUBLIC_BY_SECRET:
        pytest.skip(f"{name}: {PUBLIC_BY_SECRET[name]}")
    missing = [kwarg for kwarg in kwarg_names if kwarg not in FACTORIES]
    assert not missing, f"{name} ({route}) takes {missing}: add a factory in tests/factories.py"
    if all(kwarg in SHARED for kwarg in kwarg_names):
        pytest.skip(f"{name}: {SHARED[kwarg_names[0]]}")
    kwargs = {kwarg: FACTORIES[kwarg](owner).pk for kwarg in kwarg_names if kwarg in FACTORIES}
    url = reverse(name, kwargs=kwargs)
    query = QUERIES.get(name, {})

    client.force_login(owner)
    assert client.get(url, query).status_code != 404, f"the owner should reach {url}"

    for method in ("get", "post"):
        status = getattr(stranger_client, method)(url, query).status_code
        # 405 (wrong method) is decided before any row is read, so it reveals nothing either.
        assert status in (404, 405), f"stranger {method.upper()} {url} answered {status}"
    assert stranger_client.get(url, query).status_code == 404 or stranger_client.post(url, query).status_code == 404


@pytest.mark.parametrize(("route", "name", "kwarg_names"), object_patterns(), ids=lambda v: str(v))
def test_anonymous_is_sent_to_login(route, name, kwarg_names, owner, client):
    if name in PUBLIC_BY_SECRET:
        pytest.skip(f"{name}: {PUBLIC_BY_SECRET[name]}")
    kwargs = {kwarg: FACTORIES[kwarg](owner).pk for kwarg in kwarg_names if kwarg in FACTORIES}
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code in (302, 404, 405)
    if response.status_code == 302:
        assert reverse("account_login") in response["Location"]
