"""People and organisations, and the roles the sources give them."""

import datetime as dt

from briefing.models import Article, Corpus
from briefing.people import _org_spans, find_entities


def _corpus(*texts: str) -> Corpus:
    articles = tuple(
        Article(f"a{i}", f"a{i}.txt", None, None, None, dt.date(2021, 1, 1 + i), None, (t,))
        for i, t in enumerate(texts)
    )
    return Corpus(articles, (), articles)


def _by_name(corpus: Corpus) -> dict:
    return {e.name: e for e in find_entities(corpus)}


def test_roles_in_the_three_shapes_sources_use():
    found = _by_name(_corpus(
        "Melissa Caslake, the council\u2019s director of children\u2019s services, said the plan was working. "
        "The council\u2019s deputy leader, James McInnes, accepted the findings. "
        "Council leader John Hart told the meeting it was serious."
    ))
    assert found["Melissa Caslake"].role == "the council\u2019s director of children\u2019s services"
    assert found["James McInnes"].role == "the council\u2019s deputy leader"
    assert found["John Hart"].role == "Council leader"
    assert all(e.kind == "person" for e in found.values() if e.name in ("John Hart", "James McInnes"))


def test_surname_with_title_joins_the_full_name_and_first_mention_is_earliest():
    found = _by_name(_corpus(
        "Labour councillor Rob Hannaford warned the service was failing.",
        "Cllr Hannaford, chair of the scrutiny committee, said more staff were needed.",
    ))
    e = found["Rob Hannaford"]
    assert e.first.article_id == "a0" and e.article_count == 2
    assert e.role == "Labour councillor"


def test_capitalised_pairs_that_are_not_people_are_left_out():
    found = _by_name(_corpus(
        "The Lib Dem group met in Exeter Road on Monday. North Devon was mentioned. "
        "A spokesperson for Devon County Council said the Department for Education and the Care Quality Commission visited.",
        "Devon County Council, the county\u2019s education authority, replied. The Department for Education, "
        "a government department, agreed. The Care Quality Commission \u2013 the health regulator \u2013 did too.",
    ))
    people = {n for n, e in found.items() if e.kind == "person"}
    assert people == set()
    orgs = {n for n, e in found.items() if e.kind == "organisation"}
    assert orgs == {"Devon County Council", "Department for Education", "Care Quality Commission"}


def test_a_newspaper_is_no_person():
    found = _by_name(_corpus("He died of his wounds, according to The New York Times, which had a reporter in the "
                             "hospital who spoke to a colleague."))
    assert "York Times" not in found and not any(e.kind == "person" for e in found.values())


def test_organisation_names_are_cut_from_the_capitalised_words_around_them():
    def spans(sentence):
        return [name for name, _, _ in _org_spans(sentence)]

    assert spans("Devon and Cornwall Police said Ofsted and the Care Quality Commission had visited.") == [
        "Devon and Cornwall Police", "Ofsted", "Care Quality Commission"]
    assert spans("Turkey and the Coastal Union met. In June the Fenland Magistrates Court sat.") == [
        "Coastal Union", "Fenland Magistrates Court"]
    assert spans("Home The Home Office spoke to Fenland Crown Court Judge Ann Reed.") == [
        "Home Office", "Fenland Crown Court"]
    assert spans("The Royal Society for the Protection of Newts and the Borough of Kent & Sussex Council.") == [
        "Royal Society for the Protection of Newts", "Borough of Kent & Sussex Council"]


def test_organisation_description_is_quoted():
    found = _by_name(_corpus("Devon will work with Cornwall Council \u2013 whose services are rated outstanding \u2013 on the plan."))
    assert found["Cornwall Council"].role == "whose services are rated outstanding"


def _orgs(*texts: str) -> dict:
    return {n: e for n, e in _by_name(_corpus(*texts)).items() if e.kind == "organisation"}


def test_an_organisation_nobody_describes_is_a_row_only_when_among_the_most_named():
    found = _orgs(
        "The Marsh Water Board raised bills. The Fenland Rivers Trust objected. The Otter Drainage Board agreed.",
        "The Marsh Water Board met. The Heron Sailing Club, a volunteer group, said little.",
        "The Marsh Water Board apologised; the Eel Anglers Association was not consulted.",
        "Customers wrote to the Fenland Rivers Trust and the Marsh Water Board. The Otter Drainage Board agreed.",
        "The Marsh Water Board will decide. The Otter Drainage Board will follow.",
    )
    # named in 5 and 3 articles (at least half as many as the most-named): the story's own bodies
    assert found["Marsh Water Board"].role is None and found["Marsh Water Board"].article_count == 5
    assert found["Otter Drainage Board"].role is None and found["Otter Drainage Board"].article_count == 3
    assert found["Heron Sailing Club"].role == "a volunteer group"  # described: shown though named once
    # named in 2 and 1 articles and never described: a bare name, left out
    assert "Fenland Rivers Trust" not in found and "Eel Anglers Association" not in found


def test_spellings_of_one_body_are_one_row():
    found = _orgs(
        "The Ministry for Rivers (MfR) said the Westshire County Council plan was late.",
        "A report to the Ministry of Rivers criticised Westshire Council, the lead flood authority.",
        "The MfR, the department in charge of flooding, will decide. Westshire County Council declined to comment.",
    )
    assert set(found) == {"Ministry for Rivers (MfR)", "Westshire County Council"}
    assert found["Ministry for Rivers (MfR)"].article_count == 3
    assert found["Ministry for Rivers (MfR)"].role == "the department in charge of flooding"
    assert found["Westshire County Council"].role == "the lead flood authority"


def test_an_acronym_joins_the_name_its_article_spells_out():
    found = _orgs(
        "The Care Standards Board found failings. The CSB, a national regulator, will return in May.",
        "The CSB returned in May, and the Harbour Ports Authority, the port operator, agreed.",
    )
    assert found["Care Standards Board (CSB)"].article_count == 2
    assert found["Care Standards Board (CSB)"].role == "a national regulator"


def test_distinct_bodies_with_similar_names_stay_apart():
    found = _orgs(
        "The NHS, the national health service, paid. NHS Westshire, the local health board, did not. "
        "Westshire Council, the unitary authority, objected.",
        "The Department for Transport, the roads department, agreed with the Department for Education, "
        "the schools department. Westshire County Council, the old county authority, and Westshire District "
        "Council, a district authority, were abolished.",
    )
    assert {"NHS", "NHS Westshire", "Department for Transport", "Department for Education"} <= set(found)
    # "Westshire Council" could be either longer name: it stays its own row
    assert {"Westshire Council", "Westshire County Council", "Westshire District Council"} <= set(found)


def test_the_kind_of_body_written_before_its_name_describes_it():
    found = _orgs(
        "A report by the water regulator Aqua Standards Agency was published. "
        "Officers told the council Harbour Trust staff had left.",
    )
    assert found["Aqua Standards Agency"].role == "the water regulator"
    assert "Harbour Trust" not in found  # "the council" says nothing of what the trust is


def test_an_acronym_most_of_its_articles_never_spell_out_is_not_paired():
    found = _orgs(
        "The RBN said so. A reader wrote that the Riverside Bird Network, a local charity, disagreed.",
        "The RBN reported the floods.",
        "Viewers of the RBN complained.",
    )
    assert "Riverside Bird Network" in found and found["Riverside Bird Network"].article_count == 1


def test_clauses_of_the_sentence_are_not_descriptions():
    found = _orgs(
        "The Fenland Drainage Board, the group said, had failed. The Otter Rivers Trust, which I suspect, "
        "was late. The Heron Anglers Association, which now represents over 200,000 members, objected.",
    )
    assert "Fenland Drainage Board" not in found and "Otter Rivers Trust" not in found
    assert found["Heron Anglers Association"].role == "which now represents over 200,000 members"


def test_people_named_once_in_passing_are_left_out_and_the_table_is_bounded():
    from briefing.people import MAX_PEOPLE

    names = [f"{first} {last}" for first in ("Alice", "Brian", "Carol", "David", "Emma", "Frank")
             for last in ("Wood", "Stone", "Field", "Marsh", "Brook")]
    passing = " ".join(f"{name} said so too." for name in names)  # thirty people named once each
    story = "Council leader John Hart said the report was fair."
    found = _by_name(_corpus(story, story, f"{story} {passing}"))
    people = [e for e in found.values() if e.kind == "person"]
    assert "John Hart" in found  # described, and the most named
    assert len(people) <= MAX_PEOPLE
    assert not any(e.name in names for e in people)  # named once, nothing said of them
