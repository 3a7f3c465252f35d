"""Search on whichever database the suite runs on: the same table of queries and expected
hits is checked on SQLite (FTS5) and on PostgreSQL, so both backends agree."""

import datetime

import pytest

from ttdn.catalog.search.base import get_backend
from ttdn.catalog.tests.helpers import search, titles

pytestmark = pytest.mark.django_db

LAO = "ແຂວງຫົວພັນ ຮ່ວມມືກັບ"  # Houaphanh province cooperates with …
CORPUS = {
    "party": ("Đảng bộ tỉnh Nghệ An tổng kết năm", "vi", "2025-03-01"),
    "currently": ("Học sinh đang ôn thi tốt nghiệp", "vi", "2025-03-02"),
    "diversity": ("Đa dạng sinh học ở Pù Mát", "vi", "2025-03-03"),
    "art": ("Nghệ thuật dân gian ở An Giang", "vi", "2025-03-04"),
    "beach": ("Du lịch biển Cửa Lò hút khách", "vi", "2024-06-05"),
    "lao": (f"{LAO} Nghệ An", "lo", "2025-03-06"),
    "english": ("Nghe An province welcomes investors", "en", "2025-03-07"),
    "listen": ("Người dân nghe an ninh viên hướng dẫn", "vi", "2023-03-08"),
    "people": ("Đối ngoại nhân dân với Lào", "vi", "2025-03-09"),
}


@pytest.fixture
def corpus(make_item):
    return {
        key: make_item(title, language=language, published_on=datetime.date.fromisoformat(day),
                       summary="", status="published")
        for key, (title, language, day) in CORPUS.items()
    }  # fmt: skip


def keys(page) -> list[str]:
    by_title = {title: key for key, (title, _l, _d) in CORPUS.items()}
    return [by_title[title] for title in titles(page)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Dang", {"party", "currently", "diversity"}),
        ("Đảng", {"party", "currently", "diversity"}),
        ("nghe an", {"party", "art", "lao", "english", "listen"}),
        ("Nghệ An", {"party", "art", "lao", "english", "listen"}),
        ("NGHỆ AN", {"party", "art", "lao", "english", "listen"}),
        ('"nghe an"', {"party", "lao", "english", "listen"}),
        ("cua lo", {"beach"}),
        ("Cửa Lò", {"beach"}),
        ("doi ngoai", {"people"}),
        ("ຫົວພັນ", {"lao"}),  # Lao, 6 code points: the trigram index
        ("ພັນ", {"lao"}),
        ("ພັ", {"lao"}),  # 2 code points: looked up without the index
        ("ຫົວພັນ nghe", {"lao"}),  # Lao and Vietnamese together
        ("xyz", set()),
        ("", set(CORPUS)),
    ],
)
def test_same_hits_on_every_backend(corpus, query, expected):
    page = search(query, mode="all")
    assert set(keys(page)) == expected
    assert page.total == len(expected)


def test_diacritics_in_the_query_rank_the_exact_form_first(corpus):
    assert keys(search("Đảng", mode="all"))[0] == "party"
    assert keys(search("đang", mode="all"))[0] == "currently"
    assert keys(search("dạng", mode="all"))[0] == "diversity"


def test_exact_diacritics_mode_keeps_only_exact_forms(corpus):
    assert keys(search("Đảng", exact="1")) == ["party"]


def test_a_name_ranks_as_a_phrase_above_its_syllables_apart(corpus):
    order = keys(search("Nghệ An", mode="all"))
    assert set(order[:2]) == {"party", "lao"}  # the exact phrase
    assert order[-1] == "art"  # 'Nghệ thuật … An Giang': both syllables, not the name
    assert keys(search("nghe an", mode="all"))[-1] == "art"


def test_lao_marks_are_preserved_in_results(corpus):
    page = search("ຫົວພັນ")
    assert page.results[0].item.title.startswith(LAO)
    assert "<mark>ຫົວພັນ</mark>" in str(page.results[0].title)


def test_highlighted_titles_mark_folded_matches(corpus):
    page = search("nghe an", mode="all")
    marked = {keys(page)[i]: str(r.title) for i, r in enumerate(page.results)}
    assert marked["party"] == "Đảng bộ tỉnh <mark>Nghệ</mark> <mark>An</mark> tổng kết năm"


def test_facets_count_the_hits_and_stay_visible_once_chosen(corpus):
    page = search("", mode="all")
    kinds = {v.value: v.count for f in page.facets if f.name == "kind" for v in f.values}
    assert kinds == {"article": len(CORPUS)}
    page = search("nghe an", mode="all")
    languages = {v.value: v.count for f in page.facets if f.name == "language" for v in f.values}
    assert languages == {"vi": 3, "lo": 1, "en": 1}
    page = search("nghe an", mode="all", language="en")
    assert keys(page) == ["english"]
    languages = {v.value: v.count for f in page.facets if f.name == "language" for v in f.values}
    assert languages == {"vi": 3, "lo": 1, "en": 1}  # the other values can still be chosen
    years = {v.value: v.count for f in page.facets if f.name == "year" for v in f.values}
    assert years == {"2025": 1}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"year": "2023"}, {"listen"}),
        ({"year": ["2023", "2025"]}, {"party", "art", "lao", "english", "listen"}),
        ({"language": ["lo", "en"]}, {"lao", "english"}),
        ({"kind": "video"}, set()),
        ({"agency": "so-ngoai-vu"}, {"party", "art", "lao", "english", "listen"}),
        ({"agency": "no-such-agency"}, set()),
        ({"status": "published"}, {"party", "art", "lao", "english", "listen"}),
    ],
)
def test_filters(corpus, filters, expected):
    assert set(keys(search("nghe an", mode="all", **filters))) == expected


def test_topic_filter(corpus, coordinator):
    from ttdn.catalog.models import Topic
    from ttdn.catalog.services.items import item_update

    tourism = Topic.objects.get(code="tourism")
    item_update(actor=coordinator, item=corpus["beach"], data={"topics": [tourism]})
    assert keys(search("", topic="tourism")) == ["beach"]
    topics = {v.value: v.count for f in search("").facets if f.name == "topic" for v in f.values}
    assert topics == {"tourism": 1}


def test_newest_first(corpus):
    assert keys(search("nghe an", mode="newest")) == ["english", "lao", "art", "party", "listen"]


def test_the_default_mode_ranks_the_newest_matches_and_says_so(corpus, settings):
    settings.TTDN_CATALOG_RANK_RECENT = 3
    page = search("nghe an")
    # "more than 3": the default mode does not count beyond its window (the whole-archive
    # mode does)
    assert page.total == 3 and page.total_capped
    assert page.ranked == 3 and "ranked_recent" in page.notices
    assert search("nghe an", mode="all").total == 5
    assert page.window_from == datetime.date(2025, 3, 4)
    assert set(keys(page)) == {"english", "lao", "art"}
    assert page.facets_sampled
    languages = {v.value: v.count for f in page.facets if f.name == "language" for v in f.values}
    assert languages == {"vi": 1, "lo": 1, "en": 1}
    page = search("cua lo")  # fewer matches than that: the whole archive, no notice
    assert keys(page) == ["beach"] and page.window_from is None and not page.notices


def test_the_whole_archive_mode_is_capped_for_queries_matching_almost_everything(corpus, settings):
    settings.TTDN_CATALOG_RANK_ALL = 4
    page = search("nghe an", mode="all")
    assert page.ranked == 4 and "ranked_capped" in page.notices
    assert "listen" not in keys(page)  # the oldest match is beyond the newest four
    settings.TTDN_CATALOG_COUNT_CAP = 2
    page = search("nghe an", mode="all")
    assert page.total == 2 and page.total_capped


@pytest.mark.parametrize(
    ("read_first", "ranked", "cap", "expected"),
    [
        (1, 4, 100, (5, False, 4, "2025-03-01", 4)),  # counted on below the 2 newest read
        (1, 2, 100, (5, False, 2, "2025-03-06", 2)),  # the window ends among those read
        (1, 4, 3, (3, True, 4, None, 5)),  # the count stops past the cap, short of the window
        (1, 4, 1, (1, True, 2, None, 5)),  # a cap below what was read: "more than 1"
        (10, 4, 100, (5, False, 4, "2025-03-01", 4)),  # every match read first: none counted
        (10, 9, 100, (5, False, 5, None, 5)),
    ],
)
def test_the_whole_archive_count_and_window_without_facets(corpus, settings, read_first,
                                                            ranked, cap, expected):  # fmt: skip
    """Without facets the whole-archive mode reads the newest few, then counts on (up to
    the cap) and finds where its ranked window ends, in one question to the engine — the
    same numbers on both engines, wherever the window and the cap fall."""
    from ttdn.catalog.search.base import SearchRequest, Visibility
    from ttdn.catalog.search.query import parse_query

    settings.TTDN_CATALOG_RANK_REST = read_first
    settings.TTDN_CATALOG_RANK_ALL = ranked
    settings.TTDN_CATALOG_COUNT_CAP = cap
    response = get_backend().search(SearchRequest(
        query=parse_query("nghe an"), visibility=Visibility(everything=True), mode="all",
        facets=False))  # fmt: skip
    window = response.window_from.isoformat() if response.window_from else None
    shown = len(response.hits)  # the ranked window, or every match when none was needed
    assert (response.total, response.total_capped, response.ranked, window, shown) == expected


def test_newest_first_pages_through_every_match(corpus, settings):
    settings.TTDN_CATALOG_RANK_RECENT = 2
    page = search("nghe an", mode="newest", limit=2)
    assert page.pages == 3 and keys(page) == ["english", "lao"]


def test_the_public_and_other_agencies_see_published_items_only(make_item, officer, other_officer):
    from django.contrib.auth.models import AnonymousUser

    make_item("Bản nháp về Cửa Lò", status="draft")
    make_item("Bài đã đăng về Cửa Lò", status="published")
    make_item("Bài lưu trữ về Cửa Lò", status="archived")
    assert titles(search("cua lo", user=AnonymousUser())) == ["Bài đã đăng về Cửa Lò"]
    assert titles(search("cua lo", user=other_officer)) == ["Bài đã đăng về Cửa Lò"]
    assert len(titles(search("cua lo", user=officer))) == 3  # its own agency's items
    assert len(titles(search("cua lo"))) == 3


def test_the_index_follows_every_change(make_item, coordinator):
    from ttdn.catalog.services.items import item_archive, item_update

    item = make_item("Lễ hội đền Cuông", status="published")
    assert titles(search("den cuong"))
    item_update(actor=coordinator, item=item, data={"title": "Lễ hội đền Quả Sơn"})
    assert not titles(search("den cuong")) and titles(search("qua son"))
    item_archive(actor=coordinator, item=item)
    statuses = {v.value for f in search("qua son").facets if f.name == "status" for v in f.values}
    assert statuses == {"archived"}


def test_a_changed_date_moves_the_document_in_time(make_item, coordinator):
    from ttdn.catalog.models import SearchDocument
    from ttdn.catalog.search.base import date_of_id
    from ttdn.catalog.services.items import item_update

    item = make_item("Sự kiện", published_on=datetime.date(2020, 1, 1))
    assert date_of_id(SearchDocument.objects.get(item=item).id) == datetime.date(2020, 1, 1)
    item_update(actor=coordinator, item=item, data={"published_on": datetime.date(2024, 5, 6)})
    assert date_of_id(SearchDocument.objects.get(item=item).id) == datetime.date(2024, 5, 6)


def test_rebuilding_the_index_gives_the_same_hits(corpus):
    from ttdn.catalog.search.index import search_rebuild

    before = {q: set(keys(search(q, mode="all"))) for q in ("Đảng", "nghe an", "ຫົວພັນ")}
    assert search_rebuild() == len(CORPUS)
    after = {q: set(keys(search(q, mode="all"))) for q in ("Đảng", "nghe an", "ຫົວພັນ")}
    assert before == after


def test_pagination(make_item):
    for number in range(25):
        make_item(f"Ảnh Cửa Lò số {number}", published_on=datetime.date(2025, 1, 1 + number))
    first = search("cua lo", mode="newest")
    assert first.total == 25 and first.pages == 1  # helper asks 50 a page
    from django.http import QueryDict

    from ttdn.catalog.selectors import SearchParams, catalog_search
    from ttdn.catalog.tests.helpers import _everyone

    data = QueryDict("q=cua+lo&mode=newest&page=2")
    page = catalog_search(SearchParams.from_query(data), user=_everyone(), limit=10)
    assert page.pages == 3 and titles(page)[0] == "Ảnh Cửa Lò số 14"


def test_backend_reports_its_size(corpus):
    sizes = get_backend().size()
    assert sizes and all(value > 0 for value in sizes.values()), (
        sizes
    )  # every part, every partition


def test_every_choice_has_a_stable_number_in_the_ids():
    from ttdn.catalog.choices import Channel, ItemKind, ItemStatus
    from ttdn.catalog.search import facets
    from ttdn.catalog.validators import allowed_languages

    assert set(ItemKind.values) <= set(facets.KINDS) and len(facets.KINDS) <= 16
    assert set(ItemStatus.values) <= set(facets.STATUSES) and len(facets.STATUSES) <= 8
    assert set(Channel.values) <= set(facets.CHANNELS) and len(facets.CHANNELS) <= 16
    assert set(allowed_languages()) <= set(facets.languages()) and len(facets.languages()) <= 32


# The order of a ranked page (search/planner.py): phrase, then every word in the title,
# then the body only — each by relevance — with the exact forms first inside each.

BODIES = {
    "phrase_body": ("Tin tổng hợp", "Hội nghị tại Nghệ An bàn về đối ngoại."),
    "title_apart": ("Nghệ thuật tuồng về An Giang", "Bài viết về sân khấu."),
    "body_apart": ("Tin văn hoá", "Nghệ nhân ở An Giang và nghệ nhân ở Huế."),
    "body_apart_folded": ("Tin thời sự", "Người nghe kể về an ninh biên giới."),
    "title_phrase": ("Nghệ An đón khách quốc tế", "Nhiều đoàn khách đến tỉnh."),
}


@pytest.fixture
def bodies(make_item):
    return {
        key: make_item(title, body=f"<p>{body}</p>", summary="", status="published",
                       published_on=datetime.date(2025, 1, 1 + index))
        for index, (key, (title, body)) in enumerate(BODIES.items())
    }  # fmt: skip


def body_keys(page) -> list[str]:
    by_title = {title: key for key, (title, _b) in BODIES.items()}
    return [by_title[title] for title in titles(page)]


@pytest.mark.parametrize("rest", [1, 2_000])
def test_phrases_then_titles_then_the_body(bodies, settings, rest):
    settings.TTDN_CATALOG_RANK_REST = rest  # also with the body-only window of one match
    order = body_keys(search("Nghệ An", mode="all"))
    assert order[:2] == ["title_phrase", "phrase_body"]  # the phrase, title first
    assert order[2] == "title_apart"  # both words in the title
    assert set(order[3:]) == {"body_apart", "body_apart_folded"}
    if rest == 2_000:  # ranked: the exact forms ('Nghệ … An') before 'nghe … an'
        assert order[3:] == ["body_apart", "body_apart_folded"]
    else:  # beyond the window of one: by date, newest first
        assert order[3:] == ["body_apart_folded", "body_apart"]


@pytest.mark.parametrize("mode", ["all", "recent"])
@pytest.mark.parametrize("rest", [1, 2, 2_000])
def test_pages_of_a_ranked_search_hold_every_match_once(bodies, corpus, settings, mode, rest):
    """Whatever the windows, paging one hit at a time lists each match exactly once."""
    from ttdn.catalog.search.base import SearchRequest, Visibility
    from ttdn.catalog.search.query import parse_query

    settings.TTDN_CATALOG_RANK_REST = rest
    backend = get_backend()
    for text in ("Nghệ An", "nghe an", "an", "Đảng", '"nghe an"'):
        query = parse_query(text)
        everything = backend.search(
            SearchRequest(
                query=query, visibility=Visibility(everything=True), mode="newest", limit=100
            )  # fmt: skip
        )
        seen = []
        for offset in range(everything.total + 2):
            response = backend.search(
                SearchRequest(
                    query=query,
                    visibility=Visibility(everything=True),
                    mode=mode,
                    offset=offset,
                    limit=1,
                    facets=False,
                )  # fmt: skip
            )
            seen += [hit.doc_id for hit in response.hits]
        assert sorted(seen) == sorted(hit.doc_id for hit in everything.hits), text


@pytest.mark.parametrize("text", ["Nghệ", "Nghệ An"])  # the title group; the phrase group
def test_exact_forms_are_checked_only_as_far_as_the_page_reaches(make_item, monkeypatch, text):
    """A query typed with diacritics puts the exact forms first within a group (the
    phrase, the title). A group is checked against the exact index a batch at a time, best
    first, until the page is full — the same page as checking every match, fewer ids asked."""
    from ttdn.catalog.models import Item
    from ttdn.catalog.search.base import SearchRequest, Visibility
    from ttdn.catalog.search.query import parse_query

    for day in range(1, 29):
        make_item(f"Nghệ An ngày {day}", status="published",
                  published_on=datetime.date(2025, 2, day))  # fmt: skip
        make_item(f"Nghe An ban tin {day}", status="published",
                  published_on=datetime.date(2025, 3, day))  # fmt: skip
    backend = get_backend()
    asked: list[int] = []
    member = type(backend).member

    def counting_member(self, scope, ids):
        asked.append(len(ids))
        return member(self, scope, ids)

    def page(offset: int, limit: int) -> list[str]:
        request = SearchRequest(query=parse_query(text), visibility=Visibility(everything=True),
                                mode="all", offset=offset, limit=limit, facets=False)  # fmt: skip
        hits = backend.search(request).hits
        by_id = {
            item.pk: item.title for item in Item.objects.filter(pk__in=[h.item_id for h in hits])
        }
        return [by_id[hit.item_id] for hit in hits]

    monkeypatch.setattr(type(backend), "member", counting_member)
    first = page(0, 5)
    assert first and all(title.startswith("Nghệ An ngày") for title in first)
    assert max(asked) <= 50  # one batch of the best title matches, not all 56
    asked.clear()
    everything = page(0, 100)
    assert max(asked) > 50  # past the exact ones: every title match is checked
    assert set(everything[:28]) == {f"Nghệ An ngày {d}" for d in range(1, 29)}
    assert set(everything[28:]) == {f"Nghe An ban tin {d}" for d in range(1, 29)}
