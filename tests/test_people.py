"""People and organisations, and the roles the sources give them."""

import datetime as dt

from briefing.models import Article, Corpus
from briefing.people import find_entities


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
        "A spokesperson for Devon County Council said the Department for Education and the Care Quality Commission visited."
    ))
    people = {n for n, e in found.items() if e.kind == "person"}
    assert people == set()
    orgs = {n for n, e in found.items() if e.kind == "organisation"}
    assert {"Devon County Council", "Department for Education", "Care Quality Commission"} <= orgs
    assert "Council" not in orgs and "Lib Dem" not in orgs


def test_organisation_description_is_quoted():
    found = _by_name(_corpus("Devon will work with Cornwall Council \u2013 whose services are rated outstanding \u2013 on the plan."))
    assert found["Cornwall Council"].role == "whose services are rated outstanding"
