# ruff: noqa: RUF001  (typographic dashes and quotes here are data this code must handle)
from hypothesis import given
from hypothesis import strategies as st

from jobs.text import clean_text, fix_mojibake, html_to_text, looks_like_html


def test_scripts_and_styles_are_dropped():
    out = html_to_text("<p>Keep</p><script>alert('x')</script><style>p {color: red}</style><noscript>n</noscript>")
    assert out == "Keep"


def test_blocks_become_lines_and_list_items_bullets():
    out = html_to_text("<h2>Requirements</h2><ul><li>Python</li><li><p>SQL</p></li></ul><p>After</p>")
    assert out.splitlines() == ["Requirements", "", "- Python", "- SQL", "", "After"]


def test_entities_are_decoded_once():
    assert html_to_text("<p>R&amp;D &lt;team&gt; &#8211; caf&eacute;</p>") == "R&D <team> – café"


def test_entity_escaped_html_is_unescaped_first():
    # Greenhouse sends its "content" field HTML-escaped.
    assert html_to_text("&lt;p&gt;Hello&lt;/p&gt;&lt;p&gt;World&lt;/p&gt;") == "Hello\n\nWorld"


def test_br_and_inline_whitespace():
    assert html_to_text("<div>one<br>two   three\n four</div>") == "one\ntwo three four"


def test_absurdly_deep_nesting_still_yields_text():
    assert "deep" in html_to_text("<div>" * 3000 + "deep" + "</div>" * 3000)


def test_empty_input():
    assert html_to_text("") == ""
    assert html_to_text("   ") == ""
    assert fix_mojibake("") == ""


def test_fix_mojibake_repairs_utf8_read_as_latin1():
    broken = "What You’ll Do – now".encode().decode("latin-1")
    assert fix_mojibake(broken) == "What You’ll Do – now"


def test_fix_mojibake_leaves_clean_text_alone():
    assert fix_mojibake("Zürich “quoted” text") == "Zürich “quoted” text"


def test_clean_text_handles_plain_and_html():
    assert looks_like_html("<p>x</p>") and not looks_like_html("a < b and c > d")
    assert clean_text("a < b and c > d") == "a < b and c > d"
    assert clean_text("<ul><li>Go</li></ul>") == "- Go"


@given(st.text())
def test_html_to_text_never_raises_and_has_no_tags_from_plain_text(s):
    out = html_to_text(s)
    assert isinstance(out, str)
    assert "<script" not in out.lower() or "<script" in s.lower()
