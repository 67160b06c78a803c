import pytest

from briefing.checks import SourceIndex, check_rewrite, unsupported_names_and_numbers

SOURCE = ("Council leader John Hart told last week\u2019s cabinet meeting the council is \u2018taking this very "
          "seriously,\u2019 after Ofsted rated it \u2018inadequate\u2019 in January 2020. The second monitoring "
          "visit was carried out in February, and four areas were not improved.")


@pytest.fixture
def index():
    return SourceIndex.build([SOURCE])


@pytest.mark.parametrize("sentence,problem", [
    ("David Hart told the cabinet the council is taking this very seriously.", "name 'David Hart'"),
    ("Myspace's former children's lead spoke to the cabinet.", "name 'Myspace'"),
    ("Ofsted rated the council inadequate in 2021.", "number '2021'"),
    ("The second monitoring visit was carried out in February 2020.", "date 'February 2020'"),
    ("John Hart said the council was \u2018deeply worried\u2019.", "quotation 'deeply worried'"),
    ("Seven areas were not improved.", "number 'Seven'"),
])
def test_invented_facts_are_caught(index, sentence, problem):
    assert problem in unsupported_names_and_numbers(sentence, index)


def test_supported_sentence_passes(index):
    s = "Council leader John Hart said the council is \u2018taking this very seriously\u2019 after Ofsted rated it \u2018inadequate\u2019 in January 2020."
    assert unsupported_names_and_numbers(s, index) == []


def test_check_rewrite_rejects_changed_meaning(index):
    evidence = "The second monitoring visit was carried out in February, and four areas were not improved."
    assert check_rewrite("The second monitoring visit in February found four areas were not improved.", evidence, index, 0.9) == []
    assert "negation changed" in check_rewrite("The second monitoring visit in February found four areas were improved.", evidence, index, 0.9)
    assert any(p.startswith("meaning drifted") for p in check_rewrite("The visit happened in February.", evidence, index, 0.4))
    assert any("resigned" in p for p in check_rewrite("John Hart resigned after the second monitoring visit in February.", evidence, index, 0.9))


def test_check_rewrite_rejects_reversed_contrast():
    evidence = "It comes after the service in Devon, excluding Torbay and Plymouth which are run separately, was last year rated as inadequate."
    idx = SourceIndex.build([evidence])
    wrong = "It comes after the service in Devon, including Torbay and Plymouth, was last year rated as inadequate."
    right = "It comes after the service in Devon, excluding Torbay and Plymouth, was last year rated as inadequate."
    assert "'including' where the source says 'excluding'" in check_rewrite(wrong, evidence, idx, 0.95)
    assert check_rewrite(right, evidence, idx, 0.95) == []


def test_sentence_initial_common_word_is_not_a_name():
    index = SourceIndex.build(["Ofsted found serious failures in services for young people in Devon."])
    assert unsupported_names_and_numbers("The Ofsted report found serious failures in Devon.", index) == []
    assert unsupported_names_and_numbers("The Sun found serious failures in Devon.", index) == ["name 'Sun'"]


def test_percentage_must_be_a_percentage_in_the_sources():
    # Seen on Multi-News: "plus or minus 3.5 percentage points" came back as "+3.5%".
    index = SourceIndex.build(["The overall margin of sampling error is plus or minus 3.5 percentage points; turnout was 62 per cent."])
    assert "percentage 3.5%" in unsupported_names_and_numbers("The margin of sampling error is +3.5%.", index)
    assert unsupported_names_and_numbers("Turnout was 62%.", index) == []
    assert unsupported_names_and_numbers("Turnout was 62 percent.", index) == []


def test_sentence_initial_word_must_be_lower_case_somewhere_in_the_sources():
    # Seen on Multi-News: a "BLOG: Why a Chemical Threat..." link line came back as "Blog: Why ...".
    index = SourceIndex.build(["BLOG: Why a Chemical Threat in Syria Is Terrifying. The council runs a blog."])
    assert "name 'Blog'" not in unsupported_names_and_numbers("Blog posts are read by the council.", index)
    index = SourceIndex.build(["BLOG: Why a Chemical Threat in Syria Is Terrifying."])
    assert "name 'Blog'" in unsupported_names_and_numbers("Blog: Why a Chemical Threat in Syria is Terrifying.", index)


def test_compression_must_keep_the_evidence_word_order():
    evidence = "Both Israel and the U.S. have called on Poland to halt the so-called Holocaust bill."
    index = SourceIndex.build([evidence])
    shortened = "Israel and the U.S. have called on Poland to halt the Holocaust bill."
    swapped = "Poland has called on both Israel and the U.S. to halt the Holocaust bill."
    assert check_rewrite(shortened, evidence, index, 0.95, compression=True) == []
    assert any(p.startswith("words moved") for p in check_rewrite(swapped, evidence, index, 0.95, compression=True))
    # A free rewrite may reorder: only the other checks apply to it.
    assert not any(p.startswith("words moved") for p in check_rewrite(swapped, evidence, index, 0.95))


def test_currency_sign_before_a_word_is_rejected():
    evidence = "With a half-billion-dollar multistate lottery jackpot up for grabs, plenty of folks are dreaming."
    index = SourceIndex.build([evidence])
    bad = "With a $half-billion-dollar multistate lottery jackpot up for grabs, plenty of folks are dreaming."
    assert "a currency sign before a word" in check_rewrite(bad, evidence, index, 0.95)


def test_a_bare_weekday_is_a_relative_time():
    from briefing.checks import register_problems

    assert register_problems("Ghonim, who was freed Monday after ten days in custody, spoke to reporters.")
    assert register_problems("Human Rights Watch said Tuesday 302 people had been killed in the protests.")
    assert not register_problems("Protests in the square are held on Fridays after prayers.")
    assert not register_problems("The minister said the visit of Tuesday 4 May 2021 went well.")


def test_a_verb_in_another_tense_is_the_sources_word():
    evidence = "Gaddafi then goes out of view and gunshots ring out."
    idx = SourceIndex.build([evidence])
    assert check_rewrite("Gaddafi then went out of view and gunshots rang out.", evidence, idx, 0.95) == []
    assert any(p.startswith("words the evidence never uses") for p in
               check_rewrite("Gaddafi then walked out of view and gunfire rang out.", evidence, idx, 0.95))


def test_a_sentence_cut_after_a_verb_that_takes_an_object_is_refused():
    from briefing.checks import check_sentence
    from briefing.parse import shared

    evidence = "Sameh Shoukry said that the generals had made restoring security and stability their top priority."
    problems = check_sentence("Sameh Shoukry said that the generals had made.", evidence, parse=shared().with_entities,
                              compression=True, keep_numbers=False)
    assert any("'made' ends the sentence" in p for p in problems), problems
    # a verb that says nothing without its object, though the parse of the evidence hides it
    evidence = ("Sameh Shoukry, Egypt's ambassador to the United States, said on 13 February 2011 that the generals had "
                "made restoring security and reviving the economy its top priorities.")
    problems = check_sentence("Sameh Shoukry said that the generals had made.", evidence, parse=shared().with_entities,
                              compression=True, keep_numbers=False)
    assert any("'made' ends the sentence" in p for p in problems), problems
    assert check_sentence("The rebels in the east had advanced.", "The rebels in the east had advanced on Monday.",
                          parse=shared().with_entities, compression=True, keep_numbers=False) == []


def test_a_passive_done_to_something_else_than_in_the_evidence_is_refused():
    from briefing.checks import check_sentence
    from briefing.parse import shared

    evidence = ("At the end of the Iraq war, vast sums of money were made available to the US-led provisional "
                "authorities, headed by Paul Bremer, to spend on rebuilding the country.")
    wrong = "At the end of the Iraq war, the US-led provisional authorities were made available to spend on rebuilding the country."
    right = ("At the end of the Iraq war, vast sums of money were made available to the US-led provisional authorities "
             "to spend on rebuilding the country.")
    assert any("what it was done to" in p for p in check_sentence(wrong, evidence, parse=shared().with_entities,
                                                                   compression=True, keep_numbers=False))
    assert check_sentence(right, evidence, parse=shared().with_entities, compression=True, keep_numbers=False) == []


def test_a_subject_lemmatised_differently_in_two_parses_is_the_same_subject():
    from briefing.checks import check_sentence
    from briefing.parse import shared

    evidence = "Kayal said more than 10,000 Bangladeshis are awaiting transport in Tunisia."
    context = "There are ten evacuation flights scheduled for Saturday, said Firas Kayal, a spokesman for the agency."
    text = "Firas Kayal said more than 10,000 Bangladeshis were awaiting transport in Tunisia."
    index = SourceIndex.build([context, evidence])  # the event's sources
    assert check_sentence(text, evidence, index, parse=shared().with_entities, keep_numbers=False,
                          context=context) == []
