import pytest
from django.core.exceptions import ImproperlyConfigured

from careeragent.env import email_settings_from_url, env_bool, env_choice, env_int, env_list, env_url


def test_it_reads_booleans_in_their_usual_spellings():
    assert env_bool("X", environ={"X": "Yes"}) is True
    assert env_bool("X", environ={"X": "off"}) is False
    assert env_bool("X", default=True, environ={}) is True


def test_it_refuses_a_misspelt_boolean_naming_the_variable():
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG", environ={"DEBUG": "ture"})


def test_it_refuses_a_non_integer_and_a_value_below_the_minimum():
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXY_COUNT"):
        env_int("TRUSTED_PROXY_COUNT", 0, environ={"TRUSTED_PROXY_COUNT": "two"})
    with pytest.raises(ImproperlyConfigured, match="at least 0"):
        env_int("TRUSTED_PROXY_COUNT", 0, environ={"TRUSTED_PROXY_COUNT": "-1"}, minimum=0)
    assert env_int("N", 5, environ={"N": " 7 "}) == 7


def test_lists_drop_blanks_and_spaces():
    assert env_list("H", environ={"H": "a.example, b.example,,"}) == ["a.example", "b.example"]


def test_choices_and_urls_are_checked():
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT"):
        env_choice("LOG_FORMAT", ("json", "text"), "json", environ={"LOG_FORMAT": "xml"})
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        env_url("REDIS_URL", ("redis",), environ={"REDIS_URL": "http://cache:6379"})
    with pytest.raises(ImproperlyConfigured, match="host"):
        env_url("DATABASE_URL", ("postgres",), environ={"DATABASE_URL": "postgres:///nohost"})
    assert env_url("REDIS_URL", ("redis",), environ={}) is None


def test_email_url_becomes_smtp_settings():
    smtp = email_settings_from_url("smtp://user%40x.com:p%3Ass@mail.example:587")
    assert smtp["EMAIL_HOST"] == "mail.example"
    assert smtp["EMAIL_HOST_USER"] == "user@x.com"
    assert smtp["EMAIL_HOST_PASSWORD"] == "p:ss"
    assert smtp["EMAIL_USE_TLS"] is True and smtp["EMAIL_USE_SSL"] is False
    implicit = email_settings_from_url("smtps://mail.example")
    assert implicit["EMAIL_PORT"] == 465 and implicit["EMAIL_USE_SSL"] is True and implicit["EMAIL_USE_TLS"] is False
