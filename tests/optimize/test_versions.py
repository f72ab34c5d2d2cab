"""Applying accepted suggestions to resume sections, and the word diff shown for them."""

import pytest

from optimize import versions
from optimize.diff import Piece, line_moves, word_diff
from tests.optimize.factories import RESUME


def test_read_and_write_each_kind_of_path():
    assert versions.read(RESUME, "summary.text") == "Backend engineer."
    assert versions.read(RESUME, "experience.0.bullets.1") == "Worked on k8s deployments"
    assert versions.read(RESUME, "experience.0.bullets").splitlines()[0].startswith("Responsible")
    assert versions.read(RESUME, "skills.0.items") == "Python\nDjango"
    assert versions.read({"summary": None}, "summary.text") == ""


@pytest.mark.parametrize(
    "path", ["contact.email", "experience.0.company", "experience.9.bullets.0", "skills.0.group", "education.0.degree"]
)
def test_paths_a_suggestion_may_not_change_are_refused(path):
    with pytest.raises(versions.ApplyError):
        versions.apply(RESUME, [(path, "anything")])


def test_apply_leaves_the_source_untouched_and_rewrites_before_reordering():
    changes = [
        ("experience.0.bullets.0", "Managed the billing service"),
        # The reorder lists the original bullets; the rewritten one must keep its new wording in its new place.
        ("experience.0.bullets", "Worked on k8s deployments\nResponsible for managing the billing service"),
        ("skills.0.items", "Django\nPython\nKubernetes"),
        ("summary.text", "Backend engineer with Python."),
    ]
    updated = versions.apply(RESUME, changes)
    assert updated["experience"][0]["bullets"] == ["Worked on k8s deployments", "Managed the billing service"]
    assert updated["skills"][0]["items"] == ["Django", "Python", "Kubernetes"]
    assert updated["summary"]["text"] == "Backend engineer with Python."
    assert RESUME["experience"][0]["bullets"][0] == "Responsible for managing the billing service"


def test_a_summary_can_be_written_where_there_was_none():
    updated = versions.apply({**RESUME, "summary": None}, [("summary.text", "New summary.")])
    assert updated["summary"] == {"text": "New summary."}


def test_word_diff_marks_removed_and_inserted_words():
    pieces = word_diff("Responsible for managing the billing service", "Managed the billing service")
    assert [p for p in pieces if p.op != "same"] == [
        Piece("del", "Responsible for managing"),
        Piece("ins", "Managed"),
    ]
    assert "".join(p.text for p in pieces if p.op != "del") == "Managed the billing service"


def test_line_moves_give_old_and_new_positions():
    assert line_moves("a\nb\nc", "c\na\nb") == [(3, 1, "c"), (1, 2, "a"), (2, 3, "b")]


def test_a_reorder_and_added_skills_of_one_group_are_merged():
    changes = [
        ("skills.0.items", "Django\nPython"),  # reorder
        ("skills.0.items", "Python\nDjango\nKubernetes"),  # add a skill the experience shows
    ]
    assert versions.apply(RESUME, changes)["skills"][0]["items"] == ["Django", "Python", "Kubernetes"]
    assert versions.apply(RESUME, changes[::-1])["skills"][0]["items"] == ["Django", "Python", "Kubernetes"]
