import gzip
import json
import textwrap

import pytest

from jobs.skills import normalize_skill, taxonomy
from jobs.skills.build_taxonomy import build, onet_names
from jobs.skills.taxonomy import DATA_FILE


def test_packaged_file_is_small_and_loads_once():
    assert DATA_FILE.stat().st_size < 3_000_000
    assert taxonomy() is taxonomy()
    assert len(taxonomy()) > 500


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("k8s", "Kubernetes"),
        ("Postgres", "PostgreSQL"),
        ("psql", "PostgreSQL"),
        ("JS", "JavaScript"),
        ("ts", "TypeScript"),
        ("ReactJS", "React"),
        ("React.js", "React"),
        ("nodejs", "Node.js"),
        ("GCP", "Google Cloud Platform"),
        ("golang", "Go"),
        ("  spring   boot ", "Spring Boot"),
        ("sklearn", "scikit-learn"),
        ("Microsoft Excel", "Excel"),
    ],
)
def test_normalize_skill(raw, canonical):
    assert normalize_skill(raw) == canonical


def test_normalize_unknown_is_none():
    assert normalize_skill("underwater basket weaving") is None
    assert normalize_skill("") is None


def test_every_skill_has_category_sources_and_its_own_name_as_alias():
    for skill in taxonomy().skills:
        assert skill.category and skill.sources
        assert any(a.text == skill.name for a in skill.aliases) or skill.sources == ("esco",)
        assert all(a.mode in {"i", "c", "x"} for a in skill.aliases)


def test_no_alias_belongs_to_two_skills():
    seen = {}
    for skill in taxonomy().skills:
        for alias in skill.aliases:
            owner = seen.setdefault(alias.text.lower(), skill.name)
            assert owner == skill.name, alias.text


def test_onet_generic_descriptions_are_skipped():
    assert onet_names("Web browser software", set()) is None
    assert onet_names("Spreadsheet software", {"spreadsheet"}) is None


def test_onet_acronym_and_vendor_handling():
    name, aliases = onet_names("Structured query language SQL", set())
    assert name == "SQL" and "structured query language" in aliases
    name, aliases = onet_names("Microsoft SQL Server Reporting Services SSRS", set())
    assert name == "Microsoft SQL Server Reporting Services"
    assert aliases["SSRS"] == "c" and "SQL Server Reporting Services" in aliases
    # A vendor prefix must not leave an ordinary word behind as an alias.
    _, aliases = onet_names("Oracle Cloud", {"cloud"})
    assert "Cloud" not in aliases


def _write_sources(root):
    (root / "onet").mkdir()
    (root / "linguist").mkdir()
    (root / "esco").mkdir()
    rows = ["O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand"]
    for code in ("1", "2", "3", "4"):
        rows.append(f"{code}\tAcme Widgetizer\t1\tAnalytical or scientific software\tN\tN")
    rows.append("5\tOracle Java\t1\tObject or component oriented development software\tY\tY")
    rows.append("6\tRare Tool\t1\tAnalytical or scientific software\tN\tN")
    (root / "onet" / "technology_skills.txt").write_text("\n".join(rows) + "\n")
    (root / "linguist" / "languages.yml").write_text(
        textwrap.dedent(
            """\
            Kotlin:
              type: programming
              aliases:
              - kt
            Pony:
              type: programming
            """
        )
    )
    (root / "esco" / "skills_en.csv").write_text(
        "conceptUri,reuseLevel,preferredLabel,altLabels\n"
        'u1,transversal,show initiative,"take the initiative"\n'
        'u2,transversal,write Finnish,"write Finnish"\n'
        'u3,sector-specific,mix concrete,"mix concrete"\n'
    )


def test_build_from_sources(tmp_path):
    _write_sources(tmp_path)
    data = build(tmp_path)
    by_name = {s["name"]: s for s in data["skills"]}
    # Oracle Java merges into the curated Java and carries O*NET's flags.
    assert "onet" in by_name["Java"]["sources"] and by_name["Java"].get("hot")
    assert "Acme Widgetizer" in by_name  # listed for four occupations
    assert "Rare Tool" not in by_name  # one occupation, not hot: left out
    assert "Kotlin" in by_name and "Pony" not in by_name  # Linguist allow-list
    assert "show initiative" in by_name and "write Finnish" not in by_name and "mix concrete" not in by_name
    json.dumps(data)  # serialisable as written


def test_packaged_file_is_valid_json():
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    assert data["version"] == 1 and set(data["sources"]) >= {"onet", "linguist", "esco", "curated"}
