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


@pytest.mark.parametrize("sentence, published, expected", [
    # A present tense or a schedule names the coming day: this year's, or next year's once it has gone.
    ("The trial takes place on 8 October.", dt.date(2022, 10, 7), dt.date(2022, 10, 8)),
    ("The hearing is on 8 October.", dt.date(2022, 10, 7), dt.date(2022, 10, 8)),
    ("The trial is due to begin on 8 October.", dt.date(2022, 10, 7), dt.date(2022, 10, 8)),
    ("The hearing is scheduled for 8 October.", dt.date(2022, 10, 7), dt.date(2022, 10, 8)),
    ("The trial takes place on 8 January.", dt.date(2022, 11, 10), dt.date(2023, 1, 8)),
    ("The hearing is scheduled for 8 October.", dt.date(2022, 11, 20), dt.date(2023, 10, 8)),
    # ... unless it has only just gone: the nearest one.
    ("The hearing is on 8 October.", dt.date(2022, 10, 10), dt.date(2022, 10, 8)),
    # A weekday in the present tense is the coming one.
    ("The board meets on Friday.", PUBLISHED, dt.date(2022, 6, 17)),
])
def test_a_present_or_scheduled_clause_names_the_coming_day(parse, sentence, published, expected):
    assert (expected, DAY) in _found(parse, sentence, published)


@pytest.mark.parametrize("sentence, published, expected", [
    # "until" follows the clause: a past clause's end is not read as the future.
    ("He stayed in office until 12 March.", dt.date(2022, 3, 20), dt.date(2022, 3, 12)),
    # ... though the end of what was done may still lie ahead: the nearer one.
    ("The government closed all schools until 6 May.", dt.date(2022, 4, 27), dt.date(2022, 5, 6)),
    ("The road will stay closed until 12 March.", dt.date(2022, 3, 1), dt.date(2022, 3, 12)),
])
def test_until_takes_the_direction_of_its_clause(parse, sentence, published, expected):
    assert (expected, DAY) in _found(parse, sentence, published)


@pytest.mark.parametrize("text, expected", [
    ("25 June last year", (dt.date(2021, 6, 25), DAY)),
    ("on June 25 last year", (dt.date(2021, 6, 25), DAY)),
    ("June last year", (dt.date(2021, 6, 1), MONTH)),
    ("early June of last year", (dt.date(2021, 6, 1), MONTH)),
    ("10 May this year", (dt.date(2022, 5, 10), DAY)),
    ("last June", (dt.date(2021, 6, 1), MONTH)),
    ("last March", (dt.date(2021, 3, 1), MONTH)),  # in a March paper, "last March" is a year ago
    ("next March", (dt.date(2023, 3, 1), MONTH)),
    ("this July", (dt.date(2022, 7, 1), MONTH)),
])
def test_a_year_given_in_words_fixes_the_year_whatever_the_tense(text, expected):
    published = dt.date(2022, 3, 20)
    for direction in ("past", "future", "present", "nearest"):
        found = resolve(text, published, direction)
        assert (found.date, found.precision) == expected, (text, direction)


def test_a_day_with_year_words_is_found_in_a_sentence(parse):
    assert _found(parse, "Jackson died at his home on 25 June last year.", dt.date(2010, 2, 9)) == [
        (dt.date(2009, 6, 25), DAY)]


@pytest.mark.parametrize("sentence, published, expected", [
    # A future told in the past: after the saying, which may lie either side of publication.
    ("He said the vote would take place on 3 April.", dt.date(2022, 3, 20), dt.date(2022, 4, 3)),
    ("He said the vote would take place on 3 April.", dt.date(2022, 5, 20), dt.date(2022, 4, 3)),
    ("Officials said they will announce on 3 April.", dt.date(2022, 3, 20), dt.date(2022, 4, 3)),
    # The reported clause's own past tense decides, not the saying's.
    ("He said the meeting took place on 3 April.", dt.date(2022, 5, 20), dt.date(2022, 4, 3)),
    ("He said the meeting took place on 3 April.", dt.date(2022, 3, 20), dt.date(2021, 4, 3)),
])
def test_reported_speech_is_read_by_the_reported_clause(parse, sentence, published, expected):
    assert (expected, DAY) in _found(parse, sentence, published)


def test_a_chronology_line_and_a_noun_s_date_are_the_past(parse):
    published = dt.date(2011, 8, 22)
    # a chronology's historic present, and a date naming a resolution's day, not the saying's
    assert _found(parse, "February 24 - Militias take control of the coastal city of Misrata.", published) == [
        (dt.date(2011, 2, 24), DAY)]
    assert (dt.date(2011, 3, 17), DAY) in _found(
        parse, "U.N. Security Council Resolution 1973 of March 17 says all necessary measures are authorised.",
        dt.date(2011, 4, 29))


def test_a_day_without_its_year_is_placed_by_the_direction_not_dateparser():
    assert resolve("June 15-16", PUBLISHED, "past").date == dt.date(2022, 6, 15)  # dateparser: 2016
    assert resolve("29 February", dt.date(2021, 6, 15), "future").date == dt.date(2024, 2, 29)
    assert resolve("15 June 1215", PUBLISHED, "past").date == dt.date(1215, 6, 15)  # a year, though an old one
    assert resolve("15 June", PUBLISHED, "future").date == PUBLISHED  # the day itself, not next year's
