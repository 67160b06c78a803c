"""Temporal expressions resolved against the publication date, with the real parser."""

import datetime as dt

import pytest

from briefing.dates import resolve_event_dates
from briefing.models import Article
from briefing.parse import Parser
from briefing.temporal import DAY, MONTH, YEAR, find_times, has_cue, resolve

PUBLISHED = dt.date(2022, 6, 15)  # a Wednesday


@pytest.fixture(scope="module")
def parse():
    return Parser().with_entities


def _found(parse, sentence, published=PUBLISHED):
    return [(m.date, m.precision) for m in find_times([sentence], published, parse)[0]]


@pytest.mark.parametrize("sentence, expected", [
    # Past tense: the latest such day or month on or before publication.
    ("The minister met officials on Tuesday.", (dt.date(2022, 6, 14), DAY)),
    ("The cabinet met on Wednesday to agree the plan.", (dt.date(2022, 6, 15), DAY)),
    ("Yesterday the council announced a new director.", (dt.date(2022, 6, 14), DAY)),
    ("The report was published on 20 April.", (dt.date(2022, 4, 20), DAY)),
    ("Ofsted inspected the service in March.", (dt.date(2022, 3, 1), MONTH)),
    ("Inspectors visited the service in October.", (dt.date(2021, 10, 1), MONTH)),
    ("He was appointed last month.", (dt.date(2022, 5, 1), MONTH)),
    # Future: the coming day or month, not last year's.
    ("The council leader will leave in October, he said.", (dt.date(2022, 10, 1), MONTH)),
    ("The board is meeting on Friday to decide.", (dt.date(2022, 6, 17), DAY)),
    ("Plans are due to be published in July.", (dt.date(2022, 7, 1), MONTH)),
    ("The service is due to be reinspected next year.", (dt.date(2023, 1, 1), YEAR)),
    # Stated whole: as stated.
    ("Inspectors rated it inadequate in January 2020.", (dt.date(2020, 1, 1), MONTH)),
    ("The inquiry opened on Monday 13 June 2022.", (dt.date(2022, 6, 13), DAY)),
])
def test_expressions_resolve_against_the_publication_date(parse, sentence, expected):
    assert expected in _found(parse, sentence)


@pytest.mark.parametrize("sentence", [
    "It was the worst result since the 1990s.",
    "Number 11 Downing Street was quiet.",
    "Figures for the past few days were not available.",
])
def test_vague_or_false_dates_name_nothing(parse, sentence):
    assert [p for _, p in _found(parse, sentence) if p == DAY] == []


def test_an_undated_article_resolves_only_what_is_stated_whole(parse):
    assert _found(parse, "The minister met officials on Tuesday.", None) == []
    assert _found(parse, "Inspectors rated it inadequate in January 2020.", None) == [(dt.date(2020, 1, 1), MONTH)]


def test_only_sentences_with_a_cue_are_parsed():
    asked: list[str] = []

    def parse(texts):
        asked.extend(texts)
        return Parser().with_entities(texts)

    sentences = ["The council said little.", "It met on Tuesday.", "Nothing else was said."]
    find_times(sentences, PUBLISHED, parse)
    assert asked == ["It met on Tuesday."]
    assert not has_cue("The council may appeal.")  # "may" the verb is not May the month


def test_resolve_is_pure_and_cached():
    assert resolve("yesterday", PUBLISHED) == resolve("yesterday", PUBLISHED)
    assert resolve("yesterday", PUBLISHED).date == dt.date(2022, 6, 14)


def _article(aid, date, *sentences):
    return Article(id=aid, path=f"/x/{aid}.md", title=None, outlet=None, author=None, date=date, url=None,
                   paragraphs=tuple(sentences))


def test_an_article_is_dated_by_its_news_not_its_background(parse):
    june = _article("a", PUBLISHED, "The council's director resigned on Monday.",
                    "The service was rated inadequate in January 2020.", "She will leave in October.")
    plain = _article("b", dt.date(2022, 6, 10), "The council published its plan.",
                     "Inspectors first visited in January 2020.")
    sentences = {a.id: list(a.paragraphs) for a in (june, plain)}
    times = {a.id: find_times(sentences[a.id], a.date, parse) for a in (june, plain)}
    dates = resolve_event_dates([june, plain], sentences, times)
    assert (dates["a"].year, dates["a"].month, dates["a"].day) == (2022, 6, 13)  # Monday, not January 2020 or October
    assert (dates["b"].year, dates["b"].month, dates["b"].day) == (2022, 6, 10)  # its publication day
