# ruff: noqa: RUF001 (resume text is full of en dashes, curly quotes and bullets on purpose)
import pytest

from resumes.parsing.dates import find_range, normalize_date


@pytest.mark.parametrize(
    ("raw", "start", "end", "current"),
    [
        ("Sept 2018 – May 2023", "2018-09", "2023-05", False),
        ("06/2020 - Present", "2020-06", "present", True),
        ("Jan. 2015 to current", "2015-01", "present", True),
        ("2018 — 2022", "2018", "2022", False),
        ("Summer 2022", None, "2022", False),
    ],
)
def test_ranges(raw, start, end, current):
    found, rest = find_range(raw)
    assert (found.start, found.end, found.current) == (start, end, current)
    assert rest == ""


def test_range_is_removed_from_surrounding_text():
    found, rest = find_range("June 2023 – present Co-Founder, Nexus AI")
    assert found.start == "2023-06"
    assert rest == "Co-Founder, Nexus AI"


def test_year_inside_a_sentence_is_not_an_entry_date():
    found, _ = find_range("Paper accepted at NeurIPS 2022 as a spotlight")
    assert found is None


def test_expected_graduation_label_is_dropped():
    found, rest = find_range("Expected Graduation: May 2018")
    assert found.end == "2018-05"
    assert rest == ""


def test_normalize_date_month_names():
    assert normalize_date("December 2014") == "2014-12"
    assert normalize_date("2019-3") == "2019-03"
