"""A months-long story: the timeline command, the page budget, Other coverage, periods, titles."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys

import pytest

from briefing.headline import headline
from briefing.models import Event, EventDate
from briefing.parse import shared
from briefing.pipeline import build_briefing
from briefing.select import ranking, sectioned, select_events

from .conftest import SEEDS, FakeGenerator
from .docx_reader import cited, footnotes, paragraphs, tables

# Twelve happenings a fortnight apart, each reported by two outlets: the first on the day it
# happened ("on Tuesday"), the second the day after ("yesterday").
HAPPENINGS = [
    ("opened a new library", "The library will hold 40,000 books."),
    ("closed the Riverside care home", "Residents were moved to two other homes."),
    ("approved a budget of 1.2 billion pounds", "Council tax will rise by 4.9 per cent."),
    ("appointed Sarah Khan as chief executive", "She was previously director of finance."),
    ("lost a High Court case over bus lanes", "The judge ruled the consultation unlawful."),
    ("declared a climate emergency", "The motion passed by 41 votes to 12."),
    ("sold the old town hall to a developer", "The building will become 60 flats."),
    ("suspended its recycling collections", "Crews were sent to clear flooded roads."),
    ("launched an inquiry into school transport", "Parents had complained about late buses."),
    ("signed a deal with the university", "Students will work in council offices."),
    ("cut the opening hours of leisure centres", "Savings of 300,000 pounds are expected."),
    ("published its plan for new homes", "The plan sets out 9,000 homes by 2035."),
]


def _write_story(folder):
    folder.mkdir(parents=True, exist_ok=True)
    start = dt.date(2023, 1, 3)  # a Tuesday
    for i, (what, detail) in enumerate(HAPPENINGS):
        day = start + dt.timedelta(days=14 * i)
        (folder / f"{i:02d}a.md").write_text(
            f"---\ndate: {day}\noutlet: Gazette\n---\nThe county council {what} on Tuesday, officials confirmed.\n\n"
            f"{detail}\n\nCouncillors discussed the matter at length in the chamber.\n", encoding="utf-8")
        (folder / f"{i:02d}b.md").write_text(
            f"---\ndate: {day + dt.timedelta(days=1)}\noutlet: Herald\n---\nYesterday the county council {what}, "
            f"according to a statement.\n\n{detail}\n\nOpposition members said they would study the decision.\n",
            encoding="utf-8")
    return start


def test_timeline_command_gives_the_named_days_as_json(tmp_path):
    start = _write_story(tmp_path / "story")
    proc = subprocess.run([sys.executable, "-m", "briefing.cli", "timeline", str(tmp_path / "story"), "--json",
                           "--dates", "5", "--sentences", "1", "--no-cache"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)["timeline"]
    assert len(rows) == 5
    happened = {str(start + dt.timedelta(days=14 * i)) for i in range(len(HAPPENINGS))}
    for row in rows:
        assert row["precision"] == "day"
        assert row["date"] in happened  # the day named ("on Tuesday", "yesterday"), not the day after
        assert row["sources"] and all(p.endswith(".md") for p in row["sources"])
        sentences = " ".join((tmp_path / "story" / p.rsplit("/", 1)[-1]).read_text() for p in row["sources"])
        assert row["text"] in sentences  # every sentence is a source's own
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    # Each date names the events its sentences come from, as `clusters` gives them.
    clusters = subprocess.run([sys.executable, "-m", "briefing.cli", "clusters", str(tmp_path / "story"), "--json",
                               "--no-cache"], capture_output=True, text=True, timeout=600)
    dated = {c["id"]: c["date"] for c in json.loads(clusters.stdout)["clusters"]}
    for row in rows:
        assert row["events"] and all(dated[e["id"]] == e["date"] for e in row["events"])
        assert row["date"] in [e["date"] for e in row["events"]]  # told the day it happened


def test_timeline_table_and_help(tmp_path):
    _write_story(tmp_path / "story")
    proc = subprocess.run([sys.executable, "-m", "briefing.cli", "timeline", str(tmp_path / "story"), "--dates", "3",
                           "--no-cache"], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert len(re.findall(r"^2023-\d\d-\d\d ", proc.stdout, flags=re.M)) == 3
    helped = subprocess.run([sys.executable, "-m", "briefing.cli", "timeline", "--help"], capture_output=True,
                            text=True, timeout=600).stdout
    assert "--dates" in helped and "--sentences" in helped and "--json" in helped


def _pdf_body_pages(docx_path, tmp_path) -> tuple[int, str]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftotext"):
        pytest.fail("LibreOffice and poppler are needed to count pages")
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_path)],
                   check=True, capture_output=True, timeout=300)
    pdf = tmp_path / (docx_path.stem + ".pdf")
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                             text=True).stdout)[1])
    for page in range(1, count + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True).stdout
        # ("Sources" alone is also a table column's header: the appendices' own headings decide.)
        if re.search(r"^(Other coverage|People and organisations)$", text, flags=re.M):
            return page - 1, text
    return count, ""


def test_page_budget_moves_the_rest_to_other_coverage(tmp_path):
    out = tmp_path / "b.docx"
    build_briefing(SEEDS, out, FakeGenerator("trim"), pages=2, progress=lambda m: None)
    events = [t for s, t in paragraphs(out) if s == "Heading2"]
    assert 1 <= len(events) < 5
    assert "Other coverage" in [t for s, t in paragraphs(out) if s == "Heading1"]
    timeline, listed = [t[1:] for t in tables(out) if t[0] == ["Date", "What happened", "Sources"]][:2]
    assert len(timeline) == len(events)  # the timeline shows the body's events
    assert len(events) + len(listed) == 5  # nothing silently dropped
    assert all(re.fullmatch(r"Sources? [\d, ]+", r[2]) for r in listed)
    sources = [t for s, t in paragraphs(out) if s == "ListNumber"]
    assert len(sources) == 5  # every article stays in Sources
    cited_ = cited(footnotes(out).values())
    cited_ |= {int(n) for r in listed for n in re.findall(r"\d+", r[2])}
    assert cited_ == set(range(1, 6))
    body_pages, first_appendix = _pdf_body_pages(out, tmp_path)
    assert body_pages <= 3  # within a page of --pages 2
    assert first_appendix.lstrip().startswith("Other coverage")  # the appendices start a page


def test_seeds_stay_one_simple_list():
    from briefing.models import EventDate as D

    def event(i, date):
        return Event(id=str(i), article_ids=(f"a{i}",), passages=(), date=date)
    five = [event(i, D(2020 + i // 2, 1 + i, 1)) for i in range(5)]
    assert len(sectioned(five, False)) == 1 and sectioned(five, False)[0].title is None
    assert len(sectioned(five, True)) == 1  # five events are one list even in a long story


def test_a_long_story_is_told_by_period_and_the_busiest_week_does_not_fill_it():
    def event(i, day, articles):
        return Event(id=str(i), article_ids=tuple(f"a{i}-{k}" for k in range(articles)), passages=(),
                     date=EventDate(day.year, day.month, day.day))
    start = dt.date(2011, 2, 15)
    busy = [event(i, start + dt.timedelta(days=i % 5), 6) for i in range(10)]  # one busy week
    later = [event(10 + i, start + dt.timedelta(days=40 + 20 * i), 2) for i in range(6)]  # months of quieter news
    events = sorted(busy + later, key=lambda e: e.date.sort_key)
    scores = {e.id: len(e.article_ids) for e in events}
    top = ranking(events, scores)[:6]
    assert any(e in later for e in top), "later periods take turns with the busiest week"
    parts = sectioned(sorted(top + busy[:2], key=lambda e: e.date.sort_key), True)
    assert len(parts) >= 2 and all(p.title for p in parts)
    assert all(p.events == tuple(sorted(p.events, key=lambda e: e.date.sort_key)) for p in parts)


@pytest.mark.parametrize("sentence, expected", [
    ("Libya's Muammar Gaddafi will fight a popular revolt to the 'last man standing', his son said on Monday, "
     "as protests spread to the capital.", "Libya's Muammar Gaddafi will fight a popular revolt to the 'last man standing'"),
    ("Michael Jackson, the pop star whose career spanned four decades, has died in Los Angeles at the age of 50.",
     "Michael Jackson has died in Los Angeles"),
    ("The World Health Organization did not declare a pandemic on Tuesday, despite pressure from several countries.",
     "The World Health Organization did not declare a pandemic despite pressure from several countries"),
    ("The government says it is 'extremely concerned' about Devon County Council's failing children's services.",
     "The government says it is 'extremely concerned' about Devon County Council's failing children's services"),
    # how long something lasts is not its date: "about five weeks" stays, "on Monday" goes
    ("The trial is expected to last about five weeks, the judge said on Monday.",
     "The trial is expected to last about five weeks"),
])
def test_headline_keeps_the_news_and_its_negation_in_source_words(sentence, expected):
    line = headline(sentence, shared().with_entities)
    assert line == expected
    assert len(line.split()) <= 15
    source_words = {w.strip(",.") for w in sentence.split()}
    assert all(w.strip(",.") in source_words for w in line.split())  # deletion only, no new word


def test_a_headline_quotes_a_name_whole_or_not_at_all():
    sentence = ('Thousands were protesting in the capital of Cairo, according to the "Front to Defend Egypt '
                'Protesters," an alliance of lawyers who helped organize the events.')
    line = headline(sentence, shared().with_entities, 20)
    assert line is None or '"Front to Defend Egypt Protesters,"' in line or "Front" not in line


def test_no_headline_when_the_news_cannot_be_said_in_fifteen_words():
    long = ("The committee, which met for six hours, agreed that the proposed redevelopment of the north quarter "
            "would require an environmental assessment covering air quality, flooding, traffic and protected species.")
    line = headline(long, shared().with_entities)
    assert line is None or len(line.split()) <= 15


def test_the_newest_turn_is_ranked_second_unless_it_is_a_passing_mention():
    def event(i, day, articles):
        return Event(id=str(i), article_ids=tuple(f"a{i}-{k}" for k in range(articles)), passages=(),
                     date=EventDate(2023, 1, day))
    events = [event(0, 2, 9), event(1, 5, 4), event(2, 9, 3), event(3, 12, 2), event(4, 20, 3)]
    scores = {e.id: len(e.article_ids) for e in events}
    assert [e.id for e in ranking(events, scores)][:2] == ["0", "4"]  # the latest, of middling coverage
    events.append(event(5, 25, 1))  # a later passing mention is not the story's turn
    scores["5"] = 1
    assert [e.id for e in ranking(events, scores)][:2] == ["0", "4"]


def test_an_event_with_nothing_about_the_story_is_not_told_but_listed():
    events = [Event(id=str(i), article_ids=(f"a{i}",), passages=(), date=EventDate(2023, 1, i + 1)) for i in range(4)]
    scores = {"0": 4.0, "1": 3.0, "2": 2.0, "3": 1.0}
    two = select_events(events, scores, lambda c: len(c) <= 2, barred={"0"})
    assert [e.id for e in two.body] == ["1", "2"]
    assert "0" in {e.id for e in two.others}  # still in the appendix: nothing is silently dropped


def test_summary_runs_from_the_beginning_to_the_latest_turn(tmp_path):
    _write_story(tmp_path / "story")
    out = tmp_path / "b.docx"
    build_briefing(tmp_path / "story", out, FakeGenerator("trim"), pages=3, progress=lambda m: None)
    texts = [t for _, t in paragraphs(out)]
    summary = texts[texts.index("Summary") + 1]
    sentences = re.split(r"(?<=\.)\s+(?=[A-Z])", summary)
    assert 2 <= len(sentences) <= 5 and len(summary.split()) <= 130, summary
    assert 3 <= len(sentences), summary
    latest = HAPPENINGS[-1]
    assert latest[0] in sentences[-1] or " ".join(latest[1].split()[:2]) in sentences[-1], summary  # the latest turn
    heads = [t for s, t in paragraphs(out) if s in ("Heading2", "Heading3")]
    assert any("2023" in h and "plan" in h.lower() for h in heads), heads  # its event is told
    points = texts[texts.index("Key points") + 1:texts.index("Timeline")]
    assert any("9,000 homes" in p or "plan for new homes" in p for p in points), points


def test_key_points_keep_the_latest_event_among_the_six():
    from briefing.assemble import key_points
    from briefing.models import Summary, SummarySentence

    def summary(i, articles):
        point = SummarySentence(f"{i + 1} March 2023: point {i}.", ("a",), f"evidence {i}", False)
        return Summary(Event(id=str(i), article_ids=tuple(f"a{k}" for k in range(articles)), passages=(),
                             date=EventDate(2023, 3, i + 1)), f"title {i}", (point,), point)
    told = [summary(i, 9 - i) for i in range(9)]  # the later, the fewer articles
    points = [p.text for p in key_points(told)]
    assert len(points) == 6 and points[-1] == "9 March 2023: point 8." and points[0] == "1 March 2023: point 0."


def test_the_story_is_named_by_who_it_is_about_and_what_about_them(tmp_path):
    from briefing.dedup import merge_duplicates
    from briefing.ingest import ingest_folder
    from briefing.naming import story_title

    assert story_title(merge_duplicates(ingest_folder(SEEDS)), shared().with_entities) == \
        "Devon County Council: children\u2019s services"
    folder = tmp_path / "spill"
    folder.mkdir()
    leads = ["BP said on Monday that the oil spill in the Gulf of Mexico was slowing.",
             "The oil spill has reached the coast of Louisiana, officials said.",
             "BP shares fell again as the oil spill spread towards Florida.",
             "Fishermen in Louisiana said the oil spill had ended their season.",
             "President Obama visited the Gulf coast to see the oil spill for himself."]
    for i, lead in enumerate(leads):
        (folder / f"{i}.md").write_text(f"---\ndate: 2010-05-{10 + i}\n---\n{lead}\n\n{leads[i - 1]}\n",
                                        encoding="utf-8")
    title = story_title(merge_duplicates(ingest_folder(folder)), shared().with_entities)
    assert title.endswith("oil spill") and ": " in title, title  # a subject, then the topic


def test_a_story_with_no_topic_phrase_is_named_by_its_subject_and_commonest_noun(tmp_path):
    from briefing.dedup import merge_duplicates
    from briefing.ingest import ingest_folder
    from briefing.naming import story_title

    leads = ["Protesters filled the streets of Cairo as Egypt braced for a long night.",
             "Egypt shut down the internet while protesters marched on parliament.",
             "Police in Egypt fired tear gas at protesters outside a mosque.",
             "Protesters in Alexandria said Egypt would never be the same again.",
             "Egypt's army said it would not fire on protesters in the square."]
    for i, lead in enumerate(leads):
        (tmp_path / f"{i}.md").write_text(f"---\ndate: 2011-01-{25 + i}\n---\n{lead}\n", encoding="utf-8")
    assert story_title(merge_duplicates(ingest_folder(tmp_path)), shared().with_entities) == "Egypt: protesters"


def test_a_headline_never_leaves_a_verb_without_the_question_it_takes():
    # "could not confirm when they will start": the wh-clause is what "confirm" takes
    line = headline("Demonstrators also told CNN that they are organizing a march in Alexandria, but can not "
                    "confirm when they will start.", shared().with_entities, 20)
    assert line is None or not line.rstrip(".").endswith("confirm")
    # nor a noun without the infinitive it takes ("confirm promises")
    line = headline("CNN could not independently confirm promises to release the journalists.", shared().with_entities, 20)
    assert line is None or line.endswith("to release the journalists")
    # what someone could not say is not the news
    line = headline("Officials could not say where the rebels had gone.", shared().with_entities, 20)
    assert line is None or line.startswith("Officials could not say")


def test_a_headline_is_never_made_from_a_parse_that_split_a_name():
    sentence = ("The protest's organizers said they wanted to mirror the uprising in Tunisia, which 10 days prior had "
                "precipitated the end of President Zine El Abidine Ben Ali's 23-year rule.")
    line = headline(sentence, shared().with_entities)
    assert line is None or not line.endswith(("Zine El", "Zine", "President"))


def test_a_headline_keeps_what_a_later_pronoun_stands_for():
    # cutting "with Devon County Council" leaves "its" pointing at the government
    line = headline("The government will \u201crun out of patience\u201d with Devon County Council if its failing "
                    "children\u2019s services don\u2019t improve.", shared().with_entities)
    assert line is None or "Devon County Council" in line
    # where the words allow, "its" names what it stood for
    line = headline("The government will \u201crun out of patience\u201d with Devon County Council if its failing "
                    "children\u2019s services don\u2019t improve.", shared().with_entities, 16)
    assert line is not None and "if Devon County Council\u2019s failing children\u2019s services" in line, line
    # a phrase no pronoun looks back to still goes when the headline is too long
    line = headline("Rebels fought with government troops in the streets of Misrata on Sunday in an attempt to take "
                    "back the port.", shared().with_entities)
    assert line is not None and line.startswith("Rebels fought with government troops")
    # nor a reported clause cut from its speaker when a pronoun in it may be the speaker's
    line = headline("Algeria said on Monday that Gaddafi's wife had crossed into its territory.", shared().with_entities)
    assert line is None or line.startswith("Algeria said")


def test_a_headline_keeps_the_infinitive_that_says_what_a_noun_is_for():
    line = headline("Libyan leader Muammar Gaddafi fought an increasingly bloody battle to hang on to power on Monday "
                    "when protests against his 41-year rule struck the capital Tripoli.", shared().with_entities)
    assert line is None or line.endswith("battle to hang on to power")


def test_no_headline_of_what_a_lead_dates_by_its_year_alone():
    # "in 2003" in a 2009 lead is the story's background: "Asia battled SARS" is not the news
    line = headline("Asia battled SARS and H5N1 bird flu in 2003 and has improved its health infrastructure.",
                    shared().with_entities)
    assert line is None
    line = headline("Protesters marched on the palace on 25 January 2011 and demanded reforms.", shared().with_entities)
    assert line == "Protesters marched on the palace"
    # nor of what a sentence dates back to another ("On that day") or to a day far from its event's
    line = headline("On that day, Hans Blix, the chief UN weapons inspector, declared that Iraq had made progress.",
                    shared().with_entities)
    assert line is None
    sent = "Lord Goldsmith's minute was sent to Tony Blair on March 7 2003."
    assert headline(sent, shared().with_entities, when=(dt.date(2005, 4, 27), 3)) is None
    assert headline(sent, shared().with_entities, when=(dt.date(2003, 3, 7), 3)) == "Lord Goldsmith's minute was sent to Tony Blair"


def test_a_headline_never_ends_on_a_verb_whose_object_the_parse_hung_elsewhere():
    # the parse reads "oilfield" as the subject of "killing": "had hit" must not end the headline
    line = headline("Libya said a U.N.-mandated British air strike had hit its major Sarir oilfield killing three "
                    "guards and damaging a pipeline.", shared().with_entities)
    assert line is None or not line.endswith("had hit")


def test_a_headline_keeps_its_reporting_clause_whole_and_no_month_of_another_time():
    # the month of another time left out ("in February" in an August event) makes no headline
    line = headline("Fighting in Libya started with anti-government demonstrations in February and escalated into a "
                    "nationwide civil war.", shared().with_entities, when=(dt.date(2011, 8, 18), 3))
    assert line is None
    # a reporting clause kept for its pronoun keeps its comma
    line = headline("The council will publish its plan in June, the leader said.", shared().with_entities,
                    when=(dt.date(2022, 6, 15), 20))
    assert line == "The council will publish its plan, the leader said"
    # "he" without its speaker is nobody
    line = headline("Mubarak, who has ruled for 30 years, said on Tuesday he would not stand again.",
                    shared().with_entities)
    assert line is None or line.startswith("Mubarak said")
    # nor of what happened "earlier this month": the report of what followed is not its news
    assert headline("Murray was found guilty earlier this month after a six-week trial.", shared().with_entities) is None
