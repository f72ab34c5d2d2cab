import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobs.skills import extract_skills


def names(text: str) -> list[str]:
    return [m.canonical for m in extract_skills(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Strong C++ and C# skills", ["C++", "C#"]),
        ("Built on .NET and F#", [".NET", "F#"]),
        ("Experience with Node.js and Vue.js", ["Node.js", "Vue.js"]),
        ("We practise CI/CD with GitHub Actions", ["CI/CD", "GitHub Actions"]),
        ("ASP.NET Core services", ["ASP.NET"]),
        ("Objective-C and Swift for iOS", ["Objective-C", "Swift", "iOS"]),
    ],
)
def test_symbol_names(text, expected):
    assert names(text) == expected


def test_aliases_resolve_to_canonical_names():
    found = names("We run k8s on GCP with Postgres, TS and React.js")
    assert found == ["Kubernetes", "Google Cloud Platform", "PostgreSQL", "TypeScript", "React"]


def test_longest_match_wins():
    assert names("Spring Boot microservices") == ["Spring Boot", "Microservices"]
    assert names("JavaScript") == ["JavaScript"]  # not Java


def test_offsets_and_surface():
    text = "Use golang daily"
    (m,) = extract_skills(text)
    assert (m.canonical, m.surface, text[m.start : m.end]) == ("Go", "golang", "golang")


def test_go_needs_programming_context():
    assert "Go" in names("Backend in Python, Go and Rust")
    assert "Go" in names("Go programming experience")
    assert "Go" not in names("Go above and beyond for customers")
    assert "Go" not in names("Our Go-to-market team")
    assert "Go" not in names("let's go shopping")


def test_single_letter_languages():
    assert names("Languages: C, R, Go, Rust") == ["C", "R", "Go", "Rust"]
    assert "R" in names("Statistical modelling in R")
    assert "C" in names("Firmware written in C")
    for text in (
        "Meet C-level executives",
        "We closed our Series C",
        "Send your C.V. today",
        "R&D budget",
        "Grade C students",
        "Plan B or plan C",
    ):
        assert "C" not in names(text) and "R" not in names(text), text


def test_case_sensitive_words():
    assert "Swift" not in names("We value swift delivery")
    assert "Swift" not in names("Swift delivery is what we value.")  # sentence-initial capital alone
    assert "Swift" in names("Mobile apps in Kotlin and Swift")
    assert "Excel" not in names("You will excel at building relationships")
    assert "REST" not in names("Get some rest after on-call")
    assert "REST" in names("Design REST APIs")


def test_lowercase_tag_lists_still_match():
    assert names("java, spring, rest") == ["Java", "Spring", "REST"]


def test_spoken_languages_need_a_language_cue():
    assert "German" in names("Fluent German is required")
    assert "Danish" not in names("A Danish company with offices in Aarhus")


def test_no_match_inside_words():
    assert names("Gogol wrote Ruby-red prose about cargo") == []


def test_empty_text():
    assert extract_skills("") == []


@given(st.text(alphabet=st.sampled_from(list("abcCRGo+#./- ,\nJavScriptyhn")), max_size=80))
def test_mentions_are_ordered_non_overlapping_and_match_text(text):
    mentions = extract_skills(text)
    last_end = 0
    for m in mentions:
        assert text[m.start : m.end] == m.surface
        assert m.start >= last_end
        last_end = m.end


def test_generic_apis_word_is_not_api_design():
    assert names("You will build the APIs that power our dashboards") == []
    assert names("Strong API design and api development skills") == ["API design", "API design"]
    assert names("REST APIs") == ["REST"]


def test_capitalised_lowercase_name_needs_context():
    assert names("Nice-to-haves: Pandas Celery Django") == ["pandas", "Celery", "Django"]
    assert names("Pandas are cute.") == []
