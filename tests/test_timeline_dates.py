"""How the timeline scores days: namings, publication, and journalists' chronologies."""

from __future__ import annotations

import datetime as dt

from dataclasses import replace

from briefing.dedup import merge_duplicates
from briefing.models import Article, Corpus, Event, EventDate
from briefing.text import split_sentences
from briefing.temporal import DAY, TimeMention
from briefing.timeline import (CHRONOLOGY_LINES, CHRONOLOGY_WEIGHT, LEAD_WEIGHT, PUBLISHED_WEIGHT, build_timeline,
                               date_scores, listed_elsewhere, only_chronologies, read_chronology)

PUBLISHED = dt.date(2011, 8, 22)
FACTBOX = [
    "Here is a timeline of the conflict since protests began in February.",
    "February 24 - Militias take control of the coastal city of Misrata after days of fighting.",
    "March 17 - The U.N. Security Council votes to authorize a no-fly zone over the country.",
    "March 19 - The first air strikes halt the advance of government forces on Benghazi.",
    "April 30 - A missile attack on a house in Tripoli kills the leader's youngest son.",
]


def _article(name: str, date: dt.date | None, sentences: list[str]) -> Article:
    return Article(id=name, path=f"/story/{name}.md", title=None, outlet="wire", author=None, date=date, url=None,
                   paragraphs=(" ".join(sentences),))


def _named(day: dt.date) -> TimeMention:
    return TimeMention(day.strftime("%d %B"), day, DAY, True)


def test_a_factbox_is_read_as_a_chronology():
    lines = read_chronology(FACTBOX, PUBLISHED)
    assert lines == ((1, dt.date(2011, 2, 24)), (2, dt.date(2011, 3, 17)), (3, dt.date(2011, 3, 19)),
                     (4, dt.date(2011, 4, 30)))


def test_a_sentence_between_two_lines_tells_the_day_before_it():
    # A factbox's bullets: "Aug 21 - Rebels reach Green Square. -- Rebels rename it ...".
    text = (FACTBOX[1] + " -- Crowds fill the streets of the city at night. " + FACTBOX[2] + " " + FACTBOX[3]
            + " " + FACTBOX[4] + " Compiled by the world desk.")
    sentences = split_sentences(text)
    assert sentences[1] == "Crowds fill the streets of the city at night."
    assert read_chronology(sentences, PUBLISHED) == (
        (0, dt.date(2011, 2, 24)), (1, dt.date(2011, 2, 24)), (2, dt.date(2011, 3, 17)), (3, dt.date(2011, 3, 19)),
        (4, dt.date(2011, 4, 30)))  # (the sentence after the last line is not the chronology's)


def test_an_event_tells_only_its_own_day_of_a_chronology():
    factbox = _article("factbox", PUBLISHED, FACTBOX)
    report = _article("report", dt.date(2011, 3, 17), ["The council voted on the zone late on Thursday night."])
    corpus = merge_duplicates([factbox, report])
    event = Event("e", ("factbox", "report"), corpus.passages, EventDate(2011, 3, 17))
    elsewhere = {p.text for p in corpus.passages if p.id in listed_elsewhere(event, corpus)}
    assert elsewhere == {FACTBOX[1], FACTBOX[3], FACTBOX[4]}  # the line for 17 March and the report stay
    assert listed_elsewhere(replace(event, date=EventDate(2011, 3)), corpus) == \
        {p.id for p in corpus.passages if p.text == FACTBOX[1] or p.text == FACTBOX[4]}
    assert {p.text for p in corpus.passages if p.id in listed_elsewhere(replace(event, date=EventDate()), corpus)} \
        == set(FACTBOX[1:])
    # An event of factboxes alone tells nothing of its own; one with a report does.
    assert only_chronologies(replace(event, article_ids=("factbox",)), corpus)
    assert not only_chronologies(event, corpus)


def test_chronology_forms_day_first_colon_and_year():
    lines = ["17 March: The council votes to close the library.", "Feb. 2, 2011 -- Talks open in Geneva today.",
             "19 March 2011 - The library closes for good, its staff moved on."]
    assert [d for _, d in read_chronology(lines[1:2] + lines[0:1] + lines[2:], PUBLISHED)] == [
        dt.date(2011, 2, 2), dt.date(2011, 3, 17), dt.date(2011, 3, 19)]


def test_too_few_lines_or_out_of_order_is_no_chronology():
    assert read_chronology(FACTBOX[:CHRONOLOGY_LINES], PUBLISHED) == ()  # one dated line short
    # A list across years with the years left to headings reads out of order: not trusted.
    shuffled = [FACTBOX[0], FACTBOX[3], FACTBOX[1], FACTBOX[4], FACTBOX[2]]
    assert read_chronology(shuffled, PUBLISHED) == ()
    # One date repeated (a comment thread's timestamps) is not a chronology.
    assert read_chronology([f"March 21: comment number {i} on the story." for i in range(5)], PUBLISHED) == ()
    assert read_chronology(FACTBOX, None) == ()  # undated: its days cannot be read


def test_prose_opening_with_a_date_is_no_chronology_line():
    prose = ["On March 17 the council voted.", "March 17 was a busy day for the council.",
             "March 2011 - a month of votes.", "Marches 17 - not a month at all."]
    assert read_chronology(prose * 2, PUBLISHED) == ()


def test_chronology_days_outscore_days_only_named():
    busy, listed = dt.date(2011, 3, 1), dt.date(2011, 3, 17)
    report = _article("report", busy, ["Crowds gathered in the capital on Tuesday.", "Nothing else happened."])
    factbox = _article("factbox", PUBLISHED, FACTBOX)
    times = {"report": ((_named(busy),), ()), "factbox": ((),) * len(FACTBOX)}  # the parse found none of its dates
    chronologies = {"factbox": read_chronology(FACTBOX, PUBLISHED)}
    plain = date_scores([report, factbox], times)
    assert listed not in plain and plain[busy] == LEAD_WEIGHT + PUBLISHED_WEIGHT
    scored = date_scores([report, factbox], times, chronologies)
    assert scored[listed] == CHRONOLOGY_WEIGHT > scored[busy]
    # A day before the story's period is background, even in a chronology.
    old = ["Background.", "January 2 - Old news.", "January 3 - Older.", "January 4 - Oldest news."]
    late = _article("late", dt.date(2011, 9, 1), old)
    times["late"] = ((),) * len(old)
    assert dt.date(2011, 1, 2) not in date_scores([report, late], times, {"late": read_chronology(old, late.date)})


def test_timeline_tells_a_listed_day_in_the_chronology_line():
    factbox = _article("factbox", PUBLISHED, FACTBOX)
    report = _article("report", dt.date(2011, 3, 1), ["Crowds gathered in the capital on Tuesday afternoon again.",
                                                     "Police watched from nearby streets."])
    corpus = Corpus(articles=(factbox, report), passages=(), sources=(factbox, report))
    sentences = {"factbox": FACTBOX, "report": list(report.paragraphs[0].split(". "))}
    times = {"factbox": ((),) * len(FACTBOX), "report": ((_named(dt.date(2011, 3, 1)),), ())}
    timeline = build_timeline(corpus, sentences, times, dates=2, per_date=1)
    # the chronology's days outrank the reported one; ties go to the earlier day
    assert [e.date for e in timeline.entries] == [dt.date(2011, 2, 24), dt.date(2011, 3, 17)]
    assert [e.sentences[0].text for e in timeline.entries] == FACTBOX[1:3]  # the parse found no date in them
    assert all(e.sentences[0].source_ids == ("factbox",) for e in timeline.entries)


def test_a_broadcast_transcript_counts_for_its_days_and_is_never_told():
    aired, named = dt.date(2011, 3, 3), dt.date(2011, 3, 2)
    report = _article("report", dt.date(2011, 3, 1), ["Crowds gathered in the capital.", "Nothing else happened."])
    later = _article("later", dt.date(2011, 3, 9), ["Rebels took the town of Brega on 2 March.", "Talks went on."])
    transcript = _article("tv", aired, ["ANCHOR: The rebels took Brega on 2 March.", "GUEST: They did."])
    times = {"report": ((), ()), "later": ((_named(named),), ()), "tv": ((_named(named),), ())}
    corpus = Corpus(articles=(report, later), passages=(), sources=(report, later))
    sentences = {a.id: list(a.paragraphs) for a in (report, later)}
    heard = build_timeline(corpus, sentences, times, dates=1, per_date=2, spoken=(transcript,))
    scored = date_scores([report, later, transcript], times)
    assert scored[aired] == PUBLISHED_WEIGHT and scored[named] > date_scores([report, later], times)[named]
    assert [e.date for e in heard.entries] == [named]
    assert all("ANCHOR" not in s.text and "GUEST" not in s.text for e in heard.entries for s in e.sentences)
