"""Where the sources disagree: the real parser and embedding model on small stories."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.dedup import merge_duplicates
from briefing.disagree import DIFFER, REVISED, find_differences
from briefing.models import Article, SummarySentence
from briefing.text import content_hash


def _article(path: str, date: dt.date | None, *paragraphs: str) -> Article:
    return Article(content_hash("\n".join(paragraphs) + path), path, None, None, None, date, None, paragraphs)


def _told(sentence: str, *articles: Article) -> SummarySentence:
    return SummarySentence(sentence, tuple(a.id for a in articles), sentence, False)


def _differences(told: str, articles: list[Article], embedder):
    corpus = merge_duplicates(articles)
    return find_differences([_told(told, articles[0])], corpus, embed=embedder.encode)


DAY = dt.date(2021, 5, 4)
OTHER = "The council's cabinet will meet again next month to discuss the improvement plan."


@pytest.mark.parametrize("told,other", [
    # A copy of the same report with one figure changed: merged as a duplicate, still heard.
    ("The inspectors found no progress in four areas of significant concern identified in 2018.",
     "The inspectors found no progress in five areas of significant concern identified in 2018."),
    ("The rig sank about 80 km south-east of Venice, Louisiana, after the explosion on Tuesday.",
     "The rig sank 130 km south-east of Venice, Louisiana, after the explosion on Tuesday."),
    ("The children's services department was rated inadequate by Ofsted in January 2020.",
     "The children's services department was rated inadequate by Ofsted in March 2020."),
    # the same pairs as below, where conversion or a bound does not reconcile them
    ("The rig sank 84 km south-east of Venice, Louisiana, after the explosion.",
     "The rig sank 90 miles south-east of Venice, Louisiana, after the explosion."),
    ("At least 11 workers were killed when the rig exploded off the coast of Louisiana.",
     "Eight workers were killed when the rig exploded off the coast of Louisiana."),
    ("The well leaked about 5,000 barrels a day into the Gulf of Mexico, the coastguard said.",
     "The well leaked 60,000 barrels a day into the Gulf of Mexico, the coastguard said."),
])
def test_a_planted_difference_names_both_values_and_both_sources(told, other, embedder):
    a = _article("a.txt", DAY, told, OTHER)
    b = _article("b.txt", DAY, other, OTHER)
    found = _differences(told, [a, b], embedder)
    assert len(found) == 1 and found[0].kind == DIFFER
    by_source = {c.article_id: c.value for c in found[0].claims}
    assert set(by_source) == {a.id, b.id}
    assert by_source[a.id] != by_source[b.id]
    assert all(v in told or v in other for v in by_source.values())


@pytest.mark.parametrize("told,other", [
    # one value written two ways
    ("Eleven workers were killed when the rig exploded off the coast of Louisiana.",
     "11 workers were killed when the rig exploded off the coast of Louisiana."),
    ("The rig sank 84 km south-east of Venice, Louisiana, after the explosion.",
     "The rig sank 52 miles south-east of Venice, Louisiana, after the explosion."),
    # what a bound allows, and what "about" allows
    ("At least 11 workers were killed when the rig exploded off the coast of Louisiana.",
     "17 workers were killed when the rig exploded off the coast of Louisiana."),
    ("The well leaked about 5,000 barrels a day into the Gulf of Mexico, the coastguard said.",
     "The well leaked 5,200 barrels a day into the Gulf of Mexico, the coastguard said."),
    # dates that contain each other
    ("The children's services department was rated inadequate by Ofsted in January 2020.",
     "The children's services department was rated inadequate by Ofsted in 2020."),
    # figures about different things that look alike
    ("Eleven workers were killed when the rig exploded off the coast of Louisiana.",
     "Seventeen workers were injured when the rig exploded off the coast of Louisiana."),
    # a number inside a quotation is somebody's claim, told as theirs
    ("Eleven workers were killed when the rig exploded off the coast of Louisiana.",
     "A union official said: \"Twelve workers were killed when the rig exploded off the coast of Louisiana.\""),
])
def test_no_difference_where_the_values_agree_or_the_things_differ(told, other, embedder):
    a = _article("a.txt", DAY, told, OTHER)
    b = _article("b.txt", DAY, other, "The company said it would pay for the clean-up of the coast.")
    assert _differences(told, [a, b], embedder) == ()


def test_a_figure_reported_later_is_a_revision_with_its_date(embedder):
    early = _article("a.txt", dt.date(2010, 4, 28),
                     "The coastguard estimated that the well was leaking 5,000 barrels of oil a day.", OTHER)
    late = _article("b.txt", dt.date(2010, 5, 27),
                    "Scientists estimated that the well was leaking 12,000 to 19,000 barrels of oil a day.",
                    "The company said it would pay for the clean-up of the coast.")
    found = _differences(early.paragraphs[0], [early, late], embedder)
    assert len(found) == 1 and found[0].kind == REVISED
    assert [c.article_id for c in found[0].claims] == [early.id, late.id]  # earliest first
    assert found[0].claims[-1].value.startswith("12,000") and found[0].claims[-1].published == dt.date(2010, 5, 27)


def test_nothing_to_compare_is_no_work(embedder):
    a = _article("a.txt", DAY, "The council apologised to families for the delays.", OTHER)
    assert _differences(a.paragraphs[0], [a], embedder) == ()


def _section(out, heading: str) -> list[str]:
    from .docx_reader import paragraphs

    paras = paragraphs(out)
    start = next(i for i, (style, text) in enumerate(paras) if style.startswith("Heading") and text == heading)
    rest = []
    for style, text in paras[start + 1:]:
        if style.startswith("Heading"):
            break
        rest.append(text)
    return rest


_PLANTED = """---
date: 2023-06-14
outlet: Devon Gazette
title: Council to close children's homes
---
Devon County Council will close children's homes by the end of the year, its cabinet decided on Tuesday.

The council's cabinet voted by six votes to two to close the homes, which have been open since 1998.

The cabinet member for children's services said the {n} homes were too small to run safely and that the children living in them would move to foster families.

Opposition councillors said the decision had been rushed and asked for it to be reviewed at the next full council meeting.
"""


def test_the_briefing_names_a_planted_difference_and_nothing_on_the_seeds(tmp_path, seeds, tiny_causal):
    """A new article (the story's newest turn, so told) and a second copy of it with its figure
    changed: the briefing lists both values with both sources, in the appendix and in the
    sentence's footnote; the seeds as they are list nothing."""
    import shutil
    import subprocess
    import sys

    from .docx_reader import footnotes, paragraphs

    def build(src, out):
        proc = subprocess.run([sys.executable, "-m", "briefing.cli", "build", str(src), "-o", str(out),
                               "--model", str(tiny_causal), "--no-cache"], capture_output=True, text=True, timeout=900)
        assert proc.returncode == 0, proc.stderr

    plain = tmp_path / "seeds"
    shutil.copytree(seeds, plain)
    build(plain, tmp_path / "plain.docx")
    assert _section(tmp_path / "plain.docx", "Where sources differ") == [
        "The articles give no other figure or date for anything this briefing states."]
    folder = tmp_path / "in"
    shutil.copytree(seeds, folder)
    (folder / "900_homes.md").write_text(_PLANTED.format(n="four"), encoding="utf-8")
    (folder / "901_copy.md").write_text(_PLANTED.format(n="five"), encoding="utf-8")
    build(folder, tmp_path / "planted.docx")
    listed = [x.replace("'", "\u2019") for x in _section(tmp_path / "planted.docx", "Where sources differ")]
    sources = [t for s, t in paragraphs(tmp_path / "planted.docx") if s == "ListNumber"]
    numbers = {name: i for i, t in enumerate(sources, 1) for name in ("900_homes.md", "901_copy.md") if name in t}
    assert len(listed) == 1 and "four" in listed[0] and "five" in listed[0], listed
    assert f"Source {numbers['900_homes.md']} gives \u201cfour" in listed[0]
    assert f"Source {numbers['901_copy.md']} gives \u201cfive" in listed[0]
    assert any("Sources differ" in note and "five" in note for note in footnotes(tmp_path / "planted.docx").values())
