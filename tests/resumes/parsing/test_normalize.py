# ruff: noqa: RUF001 (resume text is full of en dashes, curly quotes and bullets on purpose)
from resumes.parsing.normalize import BULLET, normalize_text


def test_ligatures_expand():
    assert normalize_text("ﬁnance ﬂow oﬀer eﬃcient") == "finance flow offer efficient"


def test_soft_hyphens_vanish_and_hyphen_lookalikes_become_ascii():
    assert normalize_text("on-\u00ad\u2010campus") == "on-campus"
    assert normalize_text("co\u00adoperate") == "cooperate"
    assert normalize_text("state\u2011of\u2010the\u2011art") == "state-of-the-art"


def test_cid_and_private_use_glyphs_become_bullets():
    assert normalize_text("(cid:114) Built APIs") == f"{BULLET} Built APIs"
    assert normalize_text("\uf0e0 jane@example.com") == f"{BULLET} jane@example.com"


def test_mojibake_is_repaired():
    assert normalize_text("Itâ€™s a cafÃ©") == "It’s a café"


def test_plain_text_is_unchanged():
    assert normalize_text("Senior Engineer, Acme") == "Senior Engineer, Acme"
