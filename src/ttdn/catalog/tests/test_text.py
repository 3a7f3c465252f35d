"""Folding, tokenising, query parsing and highlighting — the pure parts of search."""

import pytest

from ttdn.catalog.search.query import parse_query
from ttdn.catalog.search.snippets import highlight, snippet
from ttdn.catalog.search.text import analyse, fold_token, has_diacritics, html_to_text
from ttdn.core.text import fold

LAO_HOUAPHANH = "ຫົວພັນ"  # Houaphanh province: ຫ ົ ວ ພ ັ ນ (two combining marks)


@pytest.mark.parametrize(
    ("text", "folded"),
    [("Đảng", "dang"), ("Nghệ An", "nghe an"), ("NGHỆ AN", "nghe an"), ("đối ngoại", "doi ngoai")],
)
def test_fold_is_the_projects_fold(text, folded):
    assert fold(text) == folded
    assert " ".join(fold_token(t) for t in analyse(text)[0]) == folded


def test_tokens_are_lower_case_nfc_letters_and_digits():
    decomposed = "Nghe\u0302\u0323 An 978/KH-UBND, 3.5"  # NFD input
    assert analyse(decomposed)[0] == ["nghệ", "an", "978", "kh", "ubnd", "3", "5"]


def test_lao_runs_are_kept_whole_with_their_marks_and_never_folded():
    tokens, runs = analyse(f"Hợp tác với tỉnh {LAO_HOUAPHANH} ແຂວງ")
    assert tokens == ["hợp", "tác", "với", "tỉnh"]
    assert runs == [LAO_HOUAPHANH, "ແຂວງ"]
    assert "\u0eb1" in runs[0] and "\u0ebb" in runs[0]  # the two marks survive
    assert fold(LAO_HOUAPHANH) == LAO_HOUAPHANH


def test_has_diacritics():
    assert has_diacritics("Đảng") and has_diacritics("nghệ")
    assert not has_diacritics("Nghe An") and not has_diacritics("DANG")


def test_query_terms_phrases_and_runs():
    query = parse_query(f'Du lịch "Nghệ An" {LAO_HOUAPHANH} du')
    assert query.terms == ("du", "lịch")
    assert query.phrases == (("nghệ", "an"),)
    assert query.folded_phrases == (("nghe", "an"),)
    assert query.ngrams == (LAO_HOUAPHANH,)
    assert query.diacritics and query.ranks_phrase


def test_unbalanced_quote_and_punctuation_are_harmless():
    query = parse_query('"nghe an OR * NEAR( -x')
    assert query.phrases == (("nghe", "an", "or", "near", "x"),)
    assert not parse_query('" * ( )').has_words


def test_highlight_marks_words_by_folded_form_and_escapes_the_rest():
    query = parse_query("dang")
    html = str(highlight("<b>Đảng</b> & đang", query))
    assert html == "&lt;b&gt;<mark>Đảng</mark>&lt;/b&gt; &amp; <mark>đang</mark>"


def test_highlight_in_exact_mode_marks_only_exact_forms():
    html = str(highlight("Đảng và đang", parse_query("Đảng"), exact_only=True))
    assert html == "<mark>Đảng</mark> và đang"


def test_snippet_centres_on_the_matches_and_marks_lao_substrings():
    text = "mở đầu " * 60 + f"hợp tác với {LAO_HOUAPHANH}ແລະ " + "kết thúc " * 60
    html = str(snippet(text, parse_query(LAO_HOUAPHANH)))
    assert f"<mark>{LAO_HOUAPHANH}</mark>" in html
    assert html.startswith("… ") and html.endswith(" …")
    assert len(html) < 400


def test_html_to_text_drops_tags_and_keeps_paragraphs():
    assert html_to_text("<p>Một &amp; hai</p><p>Ba<br>bốn</p>") == "Một & hai\nBa\nbốn"
