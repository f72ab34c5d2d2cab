# ruff: noqa: RUF001  (typographic dashes and quotes here are data this code must handle)
import pytest

from jobs.analysis import find_salary


@pytest.mark.parametrize(
    ("text", "low", "high", "currency", "period"),
    [
        ("Salary: $120k–$150k", 120_000, 150_000, "USD", "year"),
        ("Compensation: 120,000 - 150,000 USD", 120_000, 150_000, "USD", "year"),
        ("Gehalt: €60.000 brutto", 60_000, 60_000, "EUR", "year"),
        ("£45k per annum plus bonus", 45_000, 45_000, "GBP", "year"),
        ("Pay is $50/hr", 50, 50, "USD", "hour"),
        ("€4.500 per month", 4_500, 4_500, "EUR", "month"),
        ("The base salary is between $90,000 and $110,000.", 90_000, 110_000, "USD", "year"),
        ("Rate: 52,50 EUR / hour", 52.5, 52.5, "EUR", "hour"),
        ("US$80k-100k", 80_000, 100_000, "USD", "year"),
    ],
)
def test_salary_forms(text, low, high, currency, period):
    s = find_salary(text)
    assert s is not None
    assert (s.min, s.max, s.currency, s.period) == (low, high, currency, period)


@pytest.mark.parametrize(
    "text",
    [
        "We raised $20M in our Series B",
        "Trusted by over 10,000 customers",
        "401(k) matching up to 4%",
        "A team of 5-10 engineers since 2014",
        "A $50,000 marketing budget",
        "",
    ],
)
def test_not_a_salary(text):
    assert find_salary(text) is None


def test_salary_near_cue_beats_funding_amount():
    s = find_salary("Backed by $40,000,000 in funding. Salary range: $140,000 - $160,000.")
    assert s is not None and (s.min, s.max) == (140_000, 160_000)


@pytest.mark.parametrize(
    ("text", "low", "high", "currency", "period"),
    [
        ("USD 120,000 - 150,000 per year", 120_000, 150_000, "USD", "year"),
        ("Salary: $120k–$150k/year", 120_000, 150_000, "USD", "year"),
        ("Compensation: €60.000 – €75.000", 60_000, 75_000, "EUR", "year"),
        ("The salary for this role is between 60k - 90k CAD per annum.", 60_000, 90_000, "CAD", "year"),
        ("Salary range: 100 000 – 120 000 EUR", 100_000, 120_000, "EUR", "year"),
    ],
)
def test_more_salary_forms(text, low, high, currency, period):
    s = find_salary(text)
    assert s is not None
    assert (s.min, s.max, s.currency, s.period) == (low, high, currency, period)
