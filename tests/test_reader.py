"""The reader's check (briefing/reader.py): every kind of sentence a councillor stops at is
found, ordinary briefing sentences are not, and `briefing check` reads a built briefing.
Real parses throughout (en_core_web_sm); no mocks."""

from __future__ import annotations

import shutil

import docx
import pytest
from typer.testing import CliRunner

from briefing.cli import app
from briefing.docx import add_footnote
from briefing.reader import (
    CASE,
    CUT,
    DANGLING,
    FRAGMENT,
    KINDS,
    MONTH_WITHOUT_YEAR,
    OPINION,
    RUN_TOGETHER,
    TITLE,
    TOLD_TWICE,
    WORD_FORM,
    Shown,
    nominalised_verb,
    read_as_a_reader,
    shown_in_docx,
    split_label,
)


def _event(text: str, **kw) -> Shown:
    return Shown(kw.pop("section", "Events: 3 May 2011 \u2014 Talks"), text, **kw)


def _row(text: str, date: str = "30 April 2010") -> Shown:
    return Shown("Timeline", text, heading=date, title=True)


# Each hostile sentence and the kind it must be found with.
HOSTILE = [
    (CUT, _event("The council carried out routine inspections in February 2020, March and.")),
    (CUT, _event("The council carried out routine inspections in 2020")),
    (CUT, _event("The minister said the plan was \u201cworking well.")),
    (CUT, _event("The council (which runs the service said it would appeal.")),
    (RUN_TOGETHER, _event("UN resolution condemning Syria's suppression of protests Mr Hague said the violence "
                          "was appalling.")),
    (RUN_TOGETHER, _event('The oil had been " unrelenting " The BBC\'s Jim Muir in Beirut pays tribute to the '
                          'protesters.')),
    (RUN_TOGETHER, _event("Much of the oil burned off or evaporated, A government report stated.")),
    (RUN_TOGETHER, _event("The text faced stiff opposition from some Security Council members could be the first "
                          "step towards military intervention.")),
    (FRAGMENT, _event("1 Syrian-led political process to address the aspirations of the Syrian people. 2. 2 All "
                      "parties to ensure the protection of civilians.")),
    (FRAGMENT, _event("A damning report on children's services in Devon.")),
    (CASE, _event("Much of the oil burned off or evaporated, A government report stated.")),
    (CASE, _event("the council said it would appeal.")),
    (WORD_FORM, _event("Protests generally was biggest in the south in 2011.")),
    (WORD_FORM, _event("BP hope to stem the flow by the end of May 2010.")),
    (WORD_FORM, _event("Unemployment was high, electricity cuts trouble Damascus.")),
    (DANGLING, _event("The move came as his administration faces criticism.")),
    (DANGLING, _event("The search for them was called off.")),
    (DANGLING, _event("After a meeting on 3 May 2011, the talks lasted for three-and-a-half hours.", heading="")),
    (DANGLING, Shown("Summary", "Leader John Hart's admission came after a damning report threatened government "
                                "intervention.", before=("Ofsted rated the service inadequate in January 2020.",))),
    (DANGLING, _event("The findings came from a second monitoring visit to the county council's children's "
                      "services.", heading="February 2022 \u2014 Second monitoring visit")),
    (DANGLING, Shown("Summary", "He said the council would appeal against the rating.")),
    (DANGLING, _event("Two years later, the council was rated inadequate once more.")),
    (DANGLING, _event("The next day the minister ordered a review of the county's services.")),
    (DANGLING, _event("Some in the opposition were going even farther.")),
    (DANGLING, _event("In a pointed warning to the prime minister, he added that the party would not wait.")),
    (MONTH_WITHOUT_YEAR, Shown("Summary", "Ofsted rated the service inadequate after an inspection in January.")),
    (OPINION, _event("We must take the inspectors' findings seriously.")),
    (OPINION, _event("The West was far more enthusiastic than the Russians about the upheavals.")),
    (OPINION, _event("The council clearly failed the children in its care.")),
    (OPINION, _event("The damage wrought by the base is one of the most reckless acts of cultural vandalism in "
                     "recent memory.")),
    (TITLE, _row("There: 'We'll search until \u2026'")),
    (TITLE, _row("White House meeting: 'for oil spill damage President Obama:'")),
    (TITLE, _row("Majority of BP spill ` dealt with' President Obama: \"We will make BP pay\"", "4 August 2010")),
    (TITLE, _row("American report", "4 August 2010")),
    (TITLE, _row("Government tanks: 'a managed transition, a political transition'", "4 August 2011")),
    (TITLE, Shown("Title", "Security Council: news briefing", title=True)),
    (TITLE, _row("THIS IS A RUSH TRANSCRIPT", "29 January 2011")),
    (TITLE, _row("You have asked me for advice on the legality of military action against Iraq", "28 April 2005")),
    (TITLE, _row("Standing at midfield, the singer mixed a previously sung clause with", "6 February 2011")),
    (TITLE, _row("In an exclusive interview with CNN said it is 'no longer the time'", "9 February 2011")),
    (FRAGMENT, _event("Of course, as you know in the whole country.")),
    (FRAGMENT, _event("While protesters gathered in the square.")),
    (RUN_TOGETHER, _event("Journalists were beaten, detained and harassed (CNN) -- U.S. President Barack Obama "
                          "condemned the attacks.")),
    (RUN_TOGETHER, _event("Editor's note: the programme's new series was dedicated to finding 50 people.")),
    (CASE, _event("Interview with Mohamed ElBaradei Aired January 31, 2011 THIS IS A RUSH TRANSCRIPT.")),
    (RUN_TOGETHER, Shown("Summary", "Sept 21 - Here is a timeline of the war since protests began in February 2011: "
                                    "Feb. 15/16, 2011 - The arrest of an activist sparked a riot in Benghazi.")),
    (RUN_TOGETHER, _event("February 24 - Anti-government militias took control of the coastal city of Misrata.")),
    (RUN_TOGETHER, _event("GEOFF PORTER \"I think what is going to happen will be more chaotic than in Egypt.\"")),
    (RUN_TOGETHER, _event("Michael Jackson's doctor goes on trial Michael Jackson's doctor has gone on trial in "
                          "America, charged with causing the singer's death.")),
    (RUN_TOGETHER, Shown("Key points", "8 November 2011 Last updated at 06:28 Conrad Murray was found guilty of "
                                       "causing the singer's death.")),
    (RUN_TOGETHER, _event("Stores saw a surge in sales of Jackson's albums A total of 11 Jackson albums featured in "
                          "the top 200.")),
    (RUN_TOGETHER, Shown("Key points", "21 March 2011: March 1, 2011 at 5:58 pm | The US sponsored this dictator.")),
    (RUN_TOGETHER, Shown("Key points", "18 August 2011: Here's a timeline of events: after the fall of the "
                                       "president, calls went out on Facebook.")),
    (TITLE, _row("By the CNN Wire Staff A man fleeing Libya crosses the border into Tunisia", "3 March 2011")),
    (OPINION, _event("The allies, you see, were not getting along so well.")),
    (RUN_TOGETHER, _event("COOPER: And your thoughts at this moment must turn to all those who have lost their lives.")),
    # Titles read alone, in the timeline.
    (TITLE, _row("It must continually evolve in order to evade its biggest threat", "29 April 2009")),
    (TITLE, _row("Taking the total to 27", "1 May 2009")),
    (TITLE, _row("2009 04 25 08:50 JST By Alistair Bell", "27 April 2009")),
    (TITLE, _row("Michael Jackson doctor Conrad Murray 'hid drug dose' Dr", "4 January 2011")),
    (TITLE, _row("\"We have counted 30 dead civilians\"", "20 March 2011")),
    (TITLE, _row("The leader's son acknowledged changing times regionally", "21 February 2011")),
    (TITLE, _row("The cancellation was due to \"unavoidable circumstances\"", "1 October 2011")),
    (TITLE, _row("24 - Anti-government militias take control of central coastal city of Misrata", "22 August 2011")),
    (TITLE, _row("Monday Libyan leader Muammar Gaddafi was looking for an agreement allowing him to step down",
                 "7 March 2011")),
    (TITLE, _row("The exact circumstances of his demise are still unclear", "20 October 2011")),
    (TITLE, _row("Final preparations in Cardiff Michael Jackson died aged 50", "1 October 2011")),
    (TITLE, _row("8 Last updated is facing a prison sentence for causing the singer's death", "8 November 2011")),
    (TITLE, _row("Tony Blair was told by the government's most senior law officer", "27 April 2005")),
    (TITLE, _row("But officials warned the number of deaths likely to have been caused by swine flu", "29 April 2009")),
    (TITLE, _row("Wael Ghonim, the Egyptian activist being hailed by many fellow protesters as a hero, had",
                 "9 February 2011")),
    (TITLE, _row("Could spark a global pandemic", "1 May 2009")),
    (TITLE, _row("Explores the impact of the closures on an ordinary Devon family", "2 May 2009")),
    (TITLE, _row("Ago came the Severe Acute Respiratory Syndrome epidemic", "27 April 2009")),
    (TITLE, _row("Council to re-test the cases The widow of the first victim first", "29 April 2009")),
    (TITLE, _row("The archives of the staff blogs are still available here", "1 May 2009")),
    (TITLE, _row("CNN Demonstrators clash with Egyptian police in central Cairo", "25 January 2011")),
    (TITLE, _row("Reuters - Muammar Gaddafi became a grandfather again", "30 August 2011")),
    (TITLE, _row("At the end of the Iraq war", "7 July 2005")),
    (TITLE, _row("The same album earned Jackson his last number one", "25 June 2009")),
    (TITLE, _row("Michael Jackson doctor gets four years in prison Michael Jackson's former doctor", "8 November 2011")),
    (TITLE, _row("By the time Bremer left the post eight months later, $ 8.8 bn", "7 July 2005")),
    (DANGLING, Shown("Summary", "The second case involves four servicemen and relates to a killing in Basra.")),
    (DANGLING, Shown("Summary", "In the second case, the authority directed that four servicemen should stand trial.")),
    (DANGLING, _event("By the time Bremer left the post, $8.8bn of that money had disappeared.")),
    (DANGLING, _event("When CNN saw her in March 2011, she was bruised and had blood on her right arm.")),
    (DANGLING, _event("Under Security Council Resolution 1483, all these funds were transferred into a new account.")),
    (TITLE, _row("Iranian President Mahmoud Ahmadinejad gestures during a rally in Tehran", "11 February 2011")),
    (TITLE, _row("The attorney general last night threatened newspapers with the Official Secrets Act",
                 "22 November 2005")),
    (TITLE, _row("Tony Blair at a Labour poster launch", "27 April 2005")),
    (TITLE, _row("What was the legal advice?", "27 April 2005")),
    (TITLE, _row("The NIBSC is one of a small group of influenza centres around the world", "1 May 2009")),
    (TITLE, _row("La Toya Jackson was one of the family members died", "8 November 2011")),
    (RUN_TOGETHER, _event("An Egyptian army soldier tries to keep order during clashes between protesters in Cairo.")),
    (TITLE, _row("Matthew Price looks at the impact of the shutdown on businesses in Mexico Mexico", "1 May 2009")),
    (DANGLING, Shown("Summary", "\"Our initial impression is that he emphasized security far more than reform,\" said "
                                "the official.")),
    (DANGLING, Shown("Key points", "18 March 2011: \"We're all overjoyed to know they are safe,\" the paper quoted its "
                                   "executive editor, Bill Keller, as saying.")),
    (DANGLING, Shown("Key points", "3 May 2009: Mexico and China in swine flu row said he was denied access to "
                                   "citizens at a hotel.")),
    (DANGLING, _event("The group said about 200 demonstrators were in the southern city of Aswan.")),
    (DANGLING, Shown("Summary", "Another staffer tried to throw a dark tablecloth over her head.")),
    (DANGLING, Shown("Summary", "Even a member of the hotel's kitchen staff drew a knife.")),
    (DANGLING, Shown("Summary", "The same album earned Jackson his last number one in 2003.")),
    (RUN_TOGETHER, Shown("Key points", "3 May 2009: Mexico's ambassador said he was denied access to citizens at a "
                                       "hotel A row is growing between Mexico and China.")),
    (OPINION, _event("Moammar Gadhafi's government \"will be held accountable for whatever violence continues to "
                     "take place there.\"")),
    (RUN_TOGETHER, _event("Performance clips courtesy Iambic Media LTD Jackson's three children introduced "
                          "Beyonce's performance.")),
    (RUN_TOGETHER, _event("Michael Jackson's children Prince (l), Prince Michael II, (c) and Paris introduced "
                          "Beyonce's performance.")),
    (DANGLING, Shown("Summary", "Speaking in English, she said she was from the rebel stronghold of Benghazi.")),
    (RUN_TOGETHER, _event("Police raid Jackson doctor's home Drug police are searching the Las Vegas home of the "
                          "singer's doctor.")),
    (RUN_TOGETHER, _event("The singer was rehearsing for his This Is It tour Final preparations are under way for the "
                          "stadium concert in Cardiff.")),
    (RUN_TOGETHER, _event("Number Ones last topped the UK album chart in 2003 Michael Jackson has topped the UK album "
                          "chart and made six new entries.")),
    (RUN_TOGETHER, _event("La Toya Jackson was one of the family members who turned up for Dr Murray's sentencing "
                          "Michael Jackson died on 25 June 2009 and Dr Murray was with him on the night.")),
    (RUN_TOGETHER, _event("Journalists arrived in Tunisia after being freed in Libya Stephen Farrell, from left, Tyler "
                          "Hicks and Lynsey Addario posed on 21 March 2011.")),
    # A page's text about itself, and the writer's "here".
    (RUN_TOGETHER, Shown("Summary", "The BBC talks to people in Mexico City about the flu outbreak.")),
    (RUN_TOGETHER, Shown("Key points", "21 February 2011: Piers Morgan talks to several people.")),
    (RUN_TOGETHER, Shown("Summary", "Mubarak resigns presidency: President Hosni Mubarak stepped down on 11 February "
                                    "2011 and handed power to the military.")),
    (RUN_TOGETHER, _event("Schools in the county closed on Monday Monday, the council said.")),
    (RUN_TOGETHER, Shown("Summary", "There were reports of international flyers being tested for the virus Ambassador "
                                    "Jorge Guajardo said many of them had no connection with the Shanghai-Hong Kong "
                                    "flight which carried the infected Mexican man.")),
    (RUN_TOGETHER, Shown("Key points", "27 September 2011: the defense said that Dr Murray was Jackson's friend before "
                                       "he became the star's physician Michael Jackson's personal physician, Conrad "
                                       "Murray, had gone on trial in Los Angeles.")),
    (RUN_TOGETHER, _event("John McConnell was Editor of The Lancet Infectious Diseases journal One person has died "
                          "in the US.")),
    (RUN_TOGETHER, _event("From Muslim Qandeel, BBC Arabic Zaraib, or Stables, was a shanty hidden away in Western "
                          "Cairo.")),
    (DANGLING, Shown("Key points", "29 April 2009: Here was the grave of the first confirmed victim of the virus.")),
    (DANGLING, _event("Here in Tiverton, families were frightened.")),
    (DANGLING, Shown("Key points", "18 March 2011: In it, the younger Gadhafi said the photographer would be released.")),
    (DANGLING, Shown("Key points", "27 April 2009: the last such outbreak killed about 1 million people.")),
    (DANGLING, Shown("Key points", "31 January 2011: \"You need to start building confidence with the people,\" he "
                                   "said, addressing the president.")),
]


@pytest.mark.parametrize("kind, shown", HOSTILE, ids=[f"{k}: {s.text[:40]}" for k, s in HOSTILE])
def test_each_hostile_sentence_is_found_with_its_kind(kind, shown):
    found = read_as_a_reader([shown])
    assert kind in {p.kind for p in found}, [(p.kind, p.detail) for p in found]


def test_a_sentence_told_twice_is_found_in_any_section():
    first = Shown("Summary", "Ofsted rated the council's children's services inadequate in January 2020.")
    again = _event("In January 2020 Ofsted rated the council's children's services inadequate.")
    found = read_as_a_reader([first, again])
    assert [(p.shown, p.kind) for p in found] == [(again, TOLD_TWICE)]
    assert "Summary" in found[0].detail


# Ordinary briefing sentences, written for this test: none may be flagged.
CLEAN = [
    "The council said it would appeal.",
    "Because the council failed, the minister stepped in.",
    "If talks fail, the union will strike.",
    "As the UN warned of a pandemic, Dr Fukuda said the virus was spreading.",
    "Ofsted rated the service inadequate in January 2020.",
    "The government said it was extremely concerned about the council's children's services.",
    "The company said the spill would be cleaned up by the end of the summer.",
    "Inspectors found that senior leaders did not know the extent of the failures.",
    "The council's leader, John Hart, admitted the situation was damaging for its reputation.",
    "A spokesman for the council said the authority was working with its partners to improve.",
    "A council spokesman says the service is improving in every area.",
    "The council approved a new budget in March 2021, and that budget cut spending on roads by a fifth.",
    "A new report shows that children wait months for help in Devon.",
    "The report, published in March 2022, found a surge in referrals during the pandemic.",
    "According to the inspectors, many children were not seen quickly enough.",
    "Mr Parkes said in the report: \u201cThe help and protection that many children receive are still poor.\u201d",
    "BP said it hoped to stem the flow of oil by the weekend.",
    "The oil rig exploded on 20 April 2010, killing 11 workers.",
    "Residents were told to stay indoors while the fire burned.",
    "The minister, who visited the site on Monday 4 May 2020, promised more money for the county.",
    "Police arrested two men after the protest in the city centre.",
    "The government will run out of patience with the council if its services do not improve.",
    "The Gulf of Mexico was closed to fishing for several weeks.",
    "Protesters gathered outside the council offices in Exeter on 12 March 2021.",
    "The cabinet member for children's services, Andrew Leadbetter, said the council accepted the findings.",
    "Councillors voted to set up an improvement board, which will meet every month.",
    "The council has appointed an interim director of children's services.",
    "Julian Wooster was put in interim charge after Melissa Caslake left.",
    "Opposition leader Julian Brazil called for the cabinet member to resign.",
    "Exeter's Labour MP, Ben Bradshaw, said the report made grim reading.",
    "The inspection took place over two days in May 2021.",
    "Unemployment was high and electricity cuts troubled Damascus.",
    "The company's shares fell by a fifth after the explosion.",
    "The council said it had recruited 30 new social workers since the inspection.",
    "Children's services were judged to require improvement in 2015.",
    "The council was rated inadequate two years later than its neighbour.",
    "Inspectors returned in May 2021 and found even fewer social workers than in 2020.",
    "In a letter to the council, the minister said she would send in a commissioner.",
    "After the minister arrived, she met the council's leader.",
    "The rebels took Misrata on 24 February 2011 - a turning point in the war.",
    "NATO said on 21 May 2011 - after a week of strikes - that it had hit eight warships.",
    "The influenza A virus spread to 74 countries by June 2009.",
    "Doctors said the strain was influenza A and not a new virus.",
    "John Hart added: \u201cWe do not appear to be improving, even though we have put an awful lot of time into it.\u201d",
    "Officials from NATO, the UN and the EU met in Brussels on 3 May 2011.",
    "The US, UK and EU backed the NATO plan.",
    "The film \u201cTHIS IS IT\u201d was released in October 2009.",
    "The update to the plan was published in May 2021.",
    "NATO said the strikes would continue until 30 June 2011.",
    "CNN Chief International Correspondent Christiane Amanpour interviewed the president on 3 February 2011.",
    "BBC News reported the figures on 4 May 2009.",
    "The message of the report was clear: the council had to act.",
    "Officials said \"we are not going anywhere\" and that \"it is here to stay\".",
    "The Facebook group demanded a higher minimum wage.",
    "From Monday 4 May 2020, schools in the county closed.",
    "Diseases such as influenza spread quickly in schools in 2009.",
    "From Trafalgar Square in London to the streets of Istanbul, thousands protested on 19 March 2005.",
    "Even as talks went on in Geneva, the rebels advanced on Brega on 2 April 2011.",
    "The oil giant Shell said its profits rose in May 2010.",
    "The influenza A virus spread quickly among pupils in May 2009.",
    "The second day of the trial began with a witness in May 2010.",
    "The county's care was rated \"inadequate\" by inspectors in March 2021.",
    "According to the council, the service \"has made progress in every area\" since May 2021.",
    "Shares in Tesco plc fell sharply in May 2010, the same month as its rivals' shares.",
    "Greatest hits album Number Ones rocketed from 121 to the top spot in June 2009.",
    "The problem was that nobody knew the rules in May 2010.",
    "Dr Murray left the room in June 2009 after the nurse arrived, and Jackson stopped breathing.",
    "Rebels said another attack on Brega was likely within days of 2 April 2011.",
    "In this week's report, published on 4 May 2020, the council said referrals rose.",
    "The ministers met in Exeter on 4 May 2020, and One Nation Conservatives objected.",
    "Britain and America reacted angrily to the accusations by the UN on 15 April 2005.",
]
CLEAN_TITLES = [
    "Ghonim said it is \"no longer the time\"",
    "Restaurants and cafes in Mexico City are to reopen",
    "Egypt begins a mass slaughter of thousands of pigs",
    "Protesters gather in Tahrir Square",
    "Mexico to re-test swine flu cases",
    "Council leader John Hart says the service is failing",
    "Closing the centres saves the county 1.2 million pounds",
    "Still no deal on the council's budget",
    "Obama urges Mubarak to begin his transition",
    "Monday meeting decides the budget",
    "Protesters say their demands are not met",
    "Tony Blair was told the war could be illegal",
    "Dr Murray weeps in court as former patients praise his medical skills",
    "US President Barack Obama visits Cairo",
    "Labour MP John Smith resigns",
    "Egyptian activist Wael Ghonim is freed",
    "Cardiff concert for Michael Jackson goes ahead",
    "In Cairo, protesters defy the curfew",
    "After the vote, the council closes its homes",
    "Gaddafi now faces a war on three fronts",
    "Hillary Clinton in talks with rebel leaders",
    "Mubarak gone after 18 days of protest",
    "Troops open fire on protesters",
    "Schools are closed as the virus spreads",
    "Mubarak is no longer president",
]


def test_ordinary_briefing_sentences_are_not_flagged():
    found = read_as_a_reader([_event(text, heading="") for text in CLEAN])
    assert [(p.shown.text, p.kind, p.detail) for p in found] == []


def test_ordinary_headlines_are_not_flagged():
    found = read_as_a_reader([_row(text) for text in CLEAN_TITLES])
    assert [(p.shown.text, p.kind, p.detail) for p in found] == []


def test_what_the_reader_met_before_settles_references_and_years():
    """The same sentences pass where the heading, the date label or an earlier sentence of the
    paragraph tells what they need."""
    shown = [
        _event("The talks lasted for three-and-a-half hours.",
               before=("Ministers held talks with the union leaders on 3 May 2011.",)),
        Shown("Events: May 2021 \u2014 Visit", "Inspectors visited in May and wrote to the council in June.",
              heading="May 2021 \u2014 Two-day visit from Ofsted"),
        Shown("Key points", "22 April 2010: The rig sank in April, two days after the explosion."),
        Shown("Key points", "Date not stated: the government said it was extremely concerned."),
        Shown("Summary", "He said the council would appeal against the rating.",
              before=("Council leader John Hart called the report damaging.",)),
        _event("Leader John Hart's admission came after a damning report.",
               before=("John Hart admitted the situation was damaging.",)),
        _event("The findings came from a second monitoring visit.",
               heading="February 2022 \u2014 Inspectors find a surge in referrals"),
    ]
    assert [(p.shown.text, p.kind) for p in read_as_a_reader(shown)] == []


def test_words_inside_quotation_marks_are_the_sources_own():
    shown = [
        _event("Mr Hart said: \u201cWe clearly failed, and our children deserve better.\u201d"),
        _event("The report said the service was \u201cfar more fragile than the council admits\u201d."),
    ]
    assert read_as_a_reader(shown) == ()
    cut_quote = _event("Mr Hart said: \u201cWe clearly failed, and our children deserve better, and.\u201d")
    assert {p.kind for p in read_as_a_reader([cut_quote])} == {CUT}


def test_a_title_is_mended_from_its_own_words():
    from briefing.parse import shared
    from briefing.reader import title_mended

    parse = shared().with_entities
    assert title_mended("CNN Demonstrators clash with Egyptian police in central Cairo", parse) == \
        "Demonstrators clash with Egyptian police in central Cairo"
    assert title_mended("Reuters - Muammar Gaddafi became a grandfather again", parse) == \
        "Muammar Gaddafi became a grandfather again"
    assert title_mended("Council to re-test the cases The widow of the first victim first", parse) == \
        "Council to re-test the cases"
    assert title_mended("Reuters chief says costs rise", parse) is None


def test_a_noun_names_the_act_of_its_verb():
    assert nominalised_verb("admission") == "admit"
    assert nominalised_verb("findings") == "find"
    assert nominalised_verb("move") == "move"
    assert nominalised_verb("decision") == "decide"
    assert nominalised_verb("announcement") == "announce"
    assert nominalised_verb("council") is None
    assert nominalised_verb("company") is None


def test_date_labels_are_split_off():
    assert split_label("22 April 2010: A drilling rig exploded.") == ("22 April 2010", "A drilling rig exploded.")
    assert split_label("May 2021 \u2014 Two-day visit") == ("May 2021", "Two-day visit")
    assert split_label("Date not stated (after Jan 2020) \u2014 Report") == ("Date not stated (after Jan 2020)", "Report")
    assert split_label("Ofsted said: it was poor.") == ("", "Ofsted said: it was poor.")


def test_every_problem_has_a_known_kind_and_a_detail():
    found = read_as_a_reader([s for _, s in HOSTILE])
    assert found and all(p.kind in KINDS and p.detail for p in found)


# --- a built briefing ------------------------------------------------------------------------

def test_shown_in_docx_reads_the_body_as_printed(seeds_briefing):
    shown = shown_in_docx(seeds_briefing)
    sections = [s.section for s in shown]
    assert sections[0] == "Title" and shown[0].title
    assert {"Summary", "Key points", "Timeline", "Events"} <= {s.split(":")[0] for s in sections}
    texts = " ".join(s.text for s in shown)
    assert "Prepared from" not in texts and "Source 1" not in texts  # title block and sources left out
    assert not any(s.text.startswith(("Written by briefing", "Sources")) for s in shown)
    rows = [s for s in shown if s.section == "Timeline"]
    assert rows and all(s.title and s.heading for s in rows)
    paragraph = [s for s in shown if s.section.startswith("Events: ")]
    assert paragraph and all(s.heading for s in paragraph)
    assert any(s.before for s in paragraph)  # the sentences before it in its paragraph


def test_the_seeds_briefing_flags_only_what_a_reader_stops_at(seeds_briefing):
    """What the seeds' briefing (fake generator) flags, each judged by reading (9 problems in
    9 of 36 sentences when written):

    * Summary "The findings come from a second monitoring visit ...": no findings told before;
    * "Leader John Hart's admission came after ..." opening its event's paragraph: no
      admission told before;
    * "The report acknowledged ... have “risen to the challenge.": the fake generator cut the
      sentence after its last comma, inside the quotation, which is left open;
    * the titles "Second monitoring visit: ‘remain in unsafe ...’", "Damning report: ‘run out
      of patience’" (whose words, about what?) and "The government: ‘extremely concerned’"
      (a speaker and an adjective, no happening), each twice: timeline row and heading.

    The key points about "the government" are ordinary bodies, and are not flagged.
    """
    shown = shown_in_docx(seeds_briefing)
    found = read_as_a_reader(shown)
    assert len({id(p.shown) for p in found}) <= 10, [(p.shown.text[:60], p.kind) for p in found]
    assert {p.kind for p in found} <= {DANGLING, TITLE, CUT, MONTH_WITHOUT_YEAR}
    assert not [p for p in found if p.shown.section == "Key points"]
    assert not [p for p in found if p.kind == DANGLING and "government" in p.detail]


def _clean_briefing(path) -> None:
    """A small briefing laid out as `briefing build` lays one out, every sentence ordinary."""
    doc = docx.Document()
    doc.add_paragraph("Devon County Council: news briefing", style="Title")
    doc.add_paragraph("Built 6 December 2026.")
    doc.add_heading("Summary", level=1)
    para = doc.add_paragraph()
    for sentence in ("Ofsted rated Devon's children's services inadequate in January 2020.",
                     "The council said it would appeal against the rating."):
        add_footnote(para.add_run(sentence), "Source 1.")
        para.add_run(" ")
    doc.add_heading("Key points", level=1)
    add_footnote(doc.add_paragraph(style="List Bullet").add_run(
        "May 2021: Inspectors said improvements were starting to be made."), "Source 2.")
    doc.add_heading("Timeline", level=1)
    table = doc.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Date", "What happened", "Sources")):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("May 2021", "Inspectors find improvements starting", "Source 2")):
        cell.text = text
    doc.add_heading("Events", level=1)
    doc.add_heading("May 2021 \u2014 Inspectors find improvements starting", level=2)
    para = doc.add_paragraph()
    add_footnote(para.add_run("Inspectors visited the council's children's services over two days."), "Source 2.")
    doc.add_heading("Sources", level=1)
    doc.add_paragraph("Ofsted letter, 2021, letter.txt", style="List Number")
    doc.save(path)


def test_check_command_lists_a_planted_sentence_and_exits_1(seeds_briefing, tmp_path):
    planted = tmp_path / "planted.docx"
    shutil.copy(seeds_briefing, planted)
    doc = docx.Document(planted)
    paragraphs = doc.paragraphs
    at = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 2")
    heading = paragraphs[at]
    paragraph = next(p for p in paragraphs[at + 1:] if p.text.strip())
    paragraph.add_run("The move came as his administration faces criticism. ")
    doc.save(planted)
    result = CliRunner().invoke(app, ["check", str(planted)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if '"The move came as his administration faces criticism."' in line)
    assert lines[at].startswith(f"Events: {heading.text}: ")
    assert "    dangling reference: 'The move' refers to nothing told before" in lines[at + 1:at + 4]
    assert lines[-1].endswith(f"sentences of {planted}.") and lines[-1].split()[0].isdigit()


def test_check_command_exits_0_on_a_clean_briefing(tmp_path):
    clean = tmp_path / "clean.docx"
    _clean_briefing(clean)
    result = CliRunner().invoke(app, ["check", str(clean)])
    assert result.exit_code == 0, result.output
    assert result.output == f"No sentence a reader would stop at in {clean} (7 sentences read).\n"


def test_check_command_exits_2_on_a_missing_file(tmp_path):
    result = CliRunner().invoke(app, ["check", str(tmp_path / "nope.docx")])
    assert result.exit_code == 2
    assert "does not exist" in result.output
