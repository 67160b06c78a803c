"""Content selection: what several articles state comes first, once, to about the word budget."""

from __future__ import annotations

import pytest

from briefing.embed import default_embedder
from briefing import summarise
from briefing.models import Article, Corpus, Event, Passage
from briefing.prompts import Prompts
from briefing.summarise import select_passages, summarise_events
from briefing.text import word_pairs
from briefing.text import content_hash

from .conftest import FakeGenerator

# (article, position, text): two facts that three outlets agree on, each in its own words,
# and one outlet's aside in the lead of its article.
SENTENCES = [
    ("a", 0, "The county council's children's services were rated inadequate by Ofsted inspectors after a visit in January."),
    ("a", 1, "The government has appointed a children's commissioner to oversee improvements at the council."),
    ("b", 0, "Parking charges at the county hall car park went up by twenty pence on Monday morning."),
    ("b", 1, "Ofsted inspectors rated the county council's children's services inadequate after their January visit."),
    ("b", 2, "A children's commissioner has been appointed by the government to oversee improvements."),
    ("c", 0, "Children's services at the county council were rated inadequate by Ofsted inspectors in January."),
    ("c", 1, "Ministers appointed a children's commissioner to oversee improvements at the council."),
]
INSPECTION, COMMISSIONER, ASIDE = "inadequate", "commissioner", "Parking"


@pytest.fixture(scope="module")
def embedder():
    return default_embedder()


def _event(sentences):
    passages = tuple(Passage(id=content_hash(t), text=t, source_ids=(a,), position=pos) for a, pos, t in sentences)
    return Event(id="e", article_ids=tuple(sorted({a for a, _, _ in sentences})), passages=passages)


def test_agreed_facts_come_first_each_once(embedder):
    event = _event(SENTENCES)
    vectors = dict(zip((p.id for p in event.passages), embedder.encode([p.text for p in event.passages])))
    ranked = [p.text for p in select_passages(event, vectors)]
    assert len(ranked) == len(SENTENCES)
    first_two = ranked[:2]
    assert sum(INSPECTION in t for t in first_two) == 1, first_two
    assert sum(COMMISSIONER in t for t in first_two) == 1, first_two
    # The aside opens its article, yet no other outlet says it: it follows both facts.
    assert ranked.index(next(t for t in ranked if t.startswith(ASIDE))) >= 2


def test_a_sentence_about_something_else_is_not_told(embedder):
    # A Super Bowl page the clustering put beside the council's: its sentence is off the story.
    anthem = "Standing at midfield at the stadium, the singer-actress mixed a previously sung clause with the next one."
    event = _event(SENTENCES + [("d", 0, anthem)])
    vectors = dict(zip((p.id for p in event.passages), embedder.encode([p.text for p in event.passages])))
    away = summarise.off_topic(vectors, min_story=1)
    assert summarise.off_topic(vectors) == frozenset()  # eight sentences are no story to judge by
    assert content_hash(anthem) in away
    assert not any(content_hash(t) in away for _, _, t in SENTENCES if ASIDE not in t)
    ranked = [p.text for p in select_passages(event, vectors, off_topic=away)]
    assert anthem not in ranked and INSPECTION in ranked[0] + ranked[1]



def test_background_other_events_state_too_gives_way_to_what_is_new(embedder):
    # Every later article repeats the inspection; in the commissioner's event it is background.
    event = _event(SENTENCES)
    vectors = dict(zip((p.id for p in event.passages), embedder.encode([p.text for p in event.passages])))
    background = {c for p in event.passages if INSPECTION in p.text for c in word_pairs(p.text)}
    ranked = [p.text for p in select_passages(event, vectors, background)]
    assert COMMISSIONER in ranked[0] and INSPECTION not in ranked[0]


def test_summary_is_about_the_word_budget(embedder):
    # Twelve articles of distinct 15-word sentences; the model answers with the sentence itself.
    sentences = [(f"art{a}", pos, f"Article {a} sentence {pos} reports that council item number {a * 10 + pos} "
                  f"was discussed by members at great length.") for a in range(12) for pos in range(3)]
    event = _event(sentences)
    articles = tuple(Article(id=a, path=f"{a}.txt", title=None, outlet=None, author=None, date=None, url=None,
                             paragraphs=tuple(t for s, _, t in sentences if s == a)) for a in event.article_ids)
    corpus = Corpus(articles=articles, passages=event.passages, sources=articles, duplicates=())

    class Echo(FakeGenerator):
        def generate_batch(self, prompts, *, max_new_tokens, sources=None, only_source_words=False):
            return list(sources)

    for budget in (40, 100):
        summary = summarise_events([event], corpus, Echo(), embedder, Prompts.load(), max_sentences=99,
                                   max_words=budget, progress=lambda m: None)[0]
        # What was selected: the paragraph and the key point made from its first sentence.
        chosen = {s.evidence for s in summary.sentences} | {summary.key_point.evidence}
        words = sum(len(e.split()) for e in chosen)
        assert abs(words - budget) <= 8, (budget, words)  # within half a sentence of it


def test_failed_rewrite_is_shortened_in_its_own_words(embedder, monkeypatch):
    # The free rewrite invents a name; the second attempt must be asked for the source's own
    # words, and a shortening that keeps their order is then used (and marked as rewritten).
    # Both are given the sub-edited sentence ("has appointed" narrated as "appointed").
    monkeypatch.setattr(summarise, "SHORTEN_OVER", 0)  # these sentences are short
    event = _event(SENTENCES[:2])
    articles = (Article(id="a", path="a.txt", title=None, outlet=None, author=None, date=None, url=None,
                        paragraphs=tuple(t for _, _, t in SENTENCES[:2])),)
    corpus = Corpus(articles=articles, passages=event.passages, sources=articles, duplicates=())

    class InventThenShorten(FakeGenerator):
        calls = []

        def generate_batch(self, prompts, *, max_new_tokens, sources=None, only_source_words=False):
            self.calls.append(only_source_words)
            if not only_source_words:
                return ["David Hart said " + s for s in sources]
            return [s.replace(" by Ofsted inspectors", "").replace(" at the council", "") for s in sources]

    gen = InventThenShorten()
    summary = summarise_events([event], corpus, gen, embedder, Prompts.load(), max_sentences=2, max_words=40,
                               progress=lambda m: None)[0]
    assert gen.calls == [False, True]
    texts = [s.text for s in summary.sentences]
    assert "The county council's children's services were rated inadequate after a visit in January." in texts
    assert "The government appointed a children's commissioner to oversee improvements." in texts
    assert all(s.rewritten for s in summary.sentences) and not any("David" in t for t in texts)
    assert all("model shortening" in s.operations for s in summary.sentences)


def test_a_rewrite_changing_only_quote_marks_is_no_rewrite(embedder):
    # The embedded model turns \u2018serious failures\u2019 into "serious failures" and nothing else:
    # the sub-editor's sentence stands, with the source's quote marks, not counted as the model's.
    source = "Ofsted has found \u2018serious failures\u2019 in services for young people in Devon."
    event = _event([("a", 0, source)])
    articles = (Article(id="a", path="a.txt", title=None, outlet=None, author=None, date=None, url=None,
                        paragraphs=(source,)),)
    corpus = Corpus(articles=articles, passages=event.passages, sources=articles, duplicates=())

    class SwapQuotes(FakeGenerator):
        def generate_batch(self, prompts, *, max_new_tokens, sources=None, only_source_words=False):
            return [s.replace("\u2018", '"').replace("\u2019", '"') for s in sources]

    summary = summarise_events([event], corpus, SwapQuotes(), embedder, Prompts.load(), progress=lambda m: None)[0]
    narrated = "Ofsted found \u2018serious failures\u2019 in services for young people in Devon."
    assert [(s.text, s.rewritten, s.operations) for s in summary.sentences] == [(narrated, False, ("tense",))]


def test_an_opening_cut_at_the_word_limit_goes_back_to_its_last_clause_break():
    from briefing.summarise import TITLE_WORDS, _opening

    long = ("Libyan rebels swiftly rejected an African Union peace initiative on Monday, saying there was no "
            "ceasefire in the besieged east.")
    assert len(long.replace(" on Monday", "").split()) > TITLE_WORDS  # (the weekday goes first)
    assert _opening(long) == "Libyan rebels swiftly rejected an African Union peace initiative"
    assert _opening("The United States slammed Iran's \"hypocrisy\" for arresting opposition figures and the "
                    "blocking of world media outlets as networks watch.") == \
        "The United States slammed Iran's \"hypocrisy\" for arresting opposition figures"
    assert _opening("Notions of a cease-fire in Libya quickly faded Saturday as a battle raged for control of "
                    "the oil town.") == "Notions of a cease-fire in Libya quickly faded"
    assert _opening("Monday meeting decides the budget.") == "Monday meeting decides the budget"
    # the weekday goes before the cut, and its "early" with it: the title keeps the words it freed
    assert _opening("The son of Libyan leader Moammar Gadhafi early Monday proposed the speedy implementation of "
                    "significant democratic reforms in the traditionally restrictive country.") == \
        "The son of Libyan leader Moammar Gadhafi proposed the speedy implementation of significant democratic reforms"
    # A phrase the limit cut goes whole; one that ended at the limit stays.
    assert _opening("Three British soldiers are - for the first time - to stand trial for war crimes over the "
                    "death of a man.") == "Three British soldiers are - for the first time - to stand trial"
    # Never inside an aside between dashes; a condition is a join too.
    assert _opening("Three British soldiers are - for the first time - to face a court martial over the death "
                    "of a man.") == "Three British soldiers are - for the first time - to face a court martial"
    assert _opening("The attorney general threatened newspapers with the Official Secrets Act if they revealed the "
                    "contents of a leaked memo about the war.") == \
        "The attorney general threatened newspapers with the Official Secrets Act"
    # Never inside a name; never a time read against the article's day.
    assert _opening("The protest's organizers said they wanted to mirror the uprising in Tunisia President Zine El "
                    "Abidine Ben Ali fled.") == "The protest's organizers said they wanted to mirror the uprising"
    assert _opening("The attorney general last night threatened newspapers with the Official Secrets Act.") == \
        "The attorney general threatened newspapers with the Official Secrets Act"
    # Whole, it keeps its commas; a break in the first words is no place to end.
    assert _opening("Rebels, swiftly, rejected the plan.") == "Rebels, swiftly, rejected the plan"
    assert _opening("In Cairo, " + " ".join(["protesters marched"] * 8) + ".").startswith("In Cairo, protesters")


def test_a_title_that_stops_short_is_trimmed_to_its_last_whole_word():
    from briefing.summarise import _trimmed

    assert _trimmed("Standing at midfield, the singer mixed a previously sung clause with") == \
        "Standing at midfield, the singer mixed a previously sung clause"
    assert _trimmed("Rebels advance on the port of") == "Rebels advance on the port"
    assert _trimmed("Mubarak steps down") == "Mubarak steps down"
    assert _trimmed("Michael Jackson doctor Conrad Murray 'hid drug dose' Dr") == \
        "Michael Jackson doctor Conrad Murray 'hid drug dose'"
    from briefing.summarise import _without_byline

    assert _without_byline("By the CNN Wire Staff A man fleeing Libya crosses the border") == \
        "A man fleeing Libya crosses the border"
    assert _without_byline("The CNN Wire Staff Rebel fighters take cover") == "Rebel fighters take cover"


def test_what_happened_is_named_by_a_whole_word():
    from briefing.summarise import _what

    assert _what(["The International Organization told reporters that a ship had docked in the port."]) is None
    assert _what(["Ofsted carried out a second monitoring visit in February 2022."]) == "Second monitoring visit"


def test_an_event_told_about_something_else_than_the_story_is_found(embedder):
    from briefing.models import Summary, SummarySentence
    from briefing.summarise import OFF_STORY_EVENTS, TOPIC_PASSAGES, told_off_story

    protests = [
        "Thousands of protesters filled Tahrir Square in Cairo demanding that President Mubarak resign.",
        "Egyptian police fired tear gas at demonstrators marching on the interior ministry in Cairo.",
        "The army deployed tanks in central Cairo as the protests against Mubarak entered a second week.",
        "Mubarak named a vice president for the first time in 30 years as protesters defied the curfew.",
        "Protesters in Alexandria and Suez clashed with police loyal to the Egyptian government.",
        "Opposition leader Mohamed ElBaradei joined the protesters in Tahrir Square on Sunday.",
    ]
    anthem = ["Standing at midfield, the singer mixed a previously sung line of the national anthem with another.",
              "The fourth line of the anthem was supposed to be about the ramparts and the flag."]

    def told(i: int, texts: list[str]) -> Summary:
        return Summary(Event(f"e{i}", (f"a{i}",), ()), "title",
                       tuple(SummarySentence(t, (f"a{i}",), t, False) for t in texts))

    events = [told(i, [t]) for i, t in enumerate(protests)] + [told(9, anthem)]
    story = {f"p{i}": v for i, v in enumerate(embedder.encode(protests * (TOPIC_PASSAGES // len(protests) + 1)))}
    assert told_off_story(events, embedder, story) == {"e9"}
    # Too few told events, or too small a story, to say what it is about.
    assert told_off_story(events[:OFF_STORY_EVENTS - 2] + events[-1:], embedder, story) == frozenset()
    assert told_off_story(events, embedder, dict(list(story.items())[:5])) == frozenset()


def test_a_sentence_that_says_no_more_than_its_heading_is_not_told_under_it(embedder):
    title = "Iraqi ministers' relatives got top jobs and fat contracts"
    texts = ["The US Congress voted to spend $18.4bn of US taxpayers' money on the redevelopment of Iraq.",
             "A further $3.4bn appropriated by Congress for Iraqi development was siphoned off to finance security.",
             title + "."]
    event = _event([("a", i, t) for i, t in enumerate(texts)])
    articles = (Article(id="a", path="a.txt", title=title, outlet=None, author=None, date=None, url=None,
                        paragraphs=tuple(texts)),)
    corpus = Corpus(articles=articles, passages=event.passages, sources=articles, duplicates=())
    summary = summarise_events([event], corpus, FakeGenerator(), embedder, Prompts.load(), max_sentences=5,
                               progress=lambda m: None)[0]
    assert summary.title == title
    told = [s.text for s in summary.sentences] + ([summary.key_point.text] if summary.key_point else [])
    assert len(told) >= 2 and not any(t.rstrip(".").endswith(title) for t in told), told
