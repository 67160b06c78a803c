"""Rebuilds: reuse what did not change, say what is new, forget what was removed."""

from __future__ import annotations

import re

import shutil

import pytest

from briefing.cache import Cache
from briefing.pipeline import build_briefing
from briefing.prompts import DEFAULT_DIR, Prompts

from .conftest import SEEDS, FakeGenerator
from .docx_reader import footnotes, paragraphs, refs_after_text

NEW_ARTICLE = (
    "Devon County Council has appointed a new permanent director of children's services, the council said on Friday.\n\n"
    "The appointment follows two years of interim leadership after Ofsted rated the service inadequate.\n\n"
    "The new director will start in the summer and will report to the council's cabinet.")


class Factory:
    """A generator factory that counts how often a model had to be made."""

    name = "fake-trim"

    def __init__(self):
        self.made: list[FakeGenerator] = []

    def __call__(self) -> FakeGenerator:
        self.made.append(FakeGenerator("trim"))
        return self.made[-1]

    @property
    def prompts(self) -> list[str]:
        return [p for g in self.made for p in g.prompts]


def _build(folder, out, cache, factory, **kw):
    return build_briefing(folder, out, factory, cache=cache, model_name=factory.name, progress=lambda m: None, **kw)


@pytest.fixture
def setup(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    cache = Cache(tmp_path / "cache.sqlite")
    yield folder, tmp_path / "out" / "b.docx", cache
    cache.close()


def _h1(out):
    return [t for s, t in paragraphs(out) if s == "Heading1"]


def test_unchanged_rebuild_reuses_everything_and_loads_no_model(setup):
    folder, out, cache = setup
    first = Factory()
    _build(folder, out, cache, first)
    assert len(first.made) == 1 and first.prompts
    assert "What is new since the last briefing" not in _h1(out)  # absent on a first build

    again = Factory()
    _build(folder, out, cache, again)
    assert again.made == [], "no event changed, so no model was made"
    assert "What is new since the last briefing" in _h1(out)
    assert any(t == "No article was added, changed or removed." for _, t in paragraphs(out))


def test_a_rebuild_with_another_model_reports_no_event_as_changed(setup):
    # the summaries are redone, but no article changed: "What is new" lists no updated event
    folder, out, cache = setup
    _build(folder, out, cache, Factory())
    again = Factory()
    build_briefing(folder, out, again, cache=cache, model_name="another-model", progress=lambda m: None)
    assert again.made, "another model: the summaries are redone"
    text = [t for _, t in paragraphs(out)]
    assert "What is new since the last briefing" in _h1(out)
    assert not any(t.startswith(("Updated event", "New event")) for t in text), text


def test_new_article_resummarises_only_its_event_and_is_reported(setup):
    folder, out, cache = setup
    _build(folder, out, cache, Factory())
    (folder / "005_new_director.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    second = Factory()
    _build(folder, out, cache, second)
    assert len(second.made) == 1
    asked = " ".join(second.prompts)
    assert "permanent director" in asked or "interim leadership" in asked
    assert "care leavers" not in asked and "run out of patience" not in asked  # old events reused
    text = [t for _, t in paragraphs(out)]
    assert any(t.startswith("New article: Source") and "Devon County Council has appointed" in t for t in text)
    assert any(t.startswith("New event:") for t in text)


def test_new_article_paraphrasing_a_reused_sentence_is_cited_by_it(setup):
    folder, out, cache = setup
    _build(folder, out, cache, Factory())
    # As the briefing tells it (narrated, January given its year, or as the source wrote it).
    sentence = re.compile("Devon County Council\u2019s children\u2019s services (?:were|have been) rated \u2018inadequate\u2019 "
                          "after an Ofsted inspection in January( 2020)?\\.$")
    paraphrase = ("After an Ofsted inspection in January 2020, Devon County Council's children's services were rated "
                  "'inadequate'.")
    paragraphs_ = NEW_ARTICLE.split("\n\n")
    (folder / "005_new_director.txt").write_text("\n\n".join(paragraphs_[:2] + [paraphrase] + paragraphs_[2:]),
                                                 encoding="utf-8")
    second = Factory()
    _build(folder, out, cache, second)
    assert "care leavers" not in " ".join(second.prompts)  # the inspection's summary was reused
    number = next(n for n, (s, t) in enumerate((p for p in paragraphs(out) if p[0] == "ListNumber"), 1)
                  if "005_new_director.txt" in t)
    notes = footnotes(out)
    citing = [notes[ref] for ref, before in refs_after_text(out) if sentence.search(before)]
    assert citing and any(str(number) in re.findall(r"\d+", note.split(":")[0]) for note in citing), citing


def test_deleted_article_is_cited_nowhere(setup):
    folder, out, cache = setup
    _build(folder, out, cache, Factory())
    gone = next(folder.glob("004_*"))
    gone.unlink()
    _build(folder, out, cache, Factory())
    sources = [t for s, t in paragraphs(out) if s == "ListNumber"]
    # Its number stays unused, and the Sources list says why (tests/test_carry.py).
    removed = [n for n, t in enumerate(sources, 1) if gone.name in t]
    assert len(sources) == 5 and len(removed) == 1
    assert sources[removed[0] - 1].startswith("Removed from the folder since an earlier briefing")
    notes = " ".join(footnotes(out).values())
    assert "Many of Devon\u2019s vulnerable children" not in notes  # its title and its words
    assert not re.search(rf"Sources? (\d+, )*{removed[0]}\b", notes)  # its number is cited nowhere
    assert any(t.startswith("No longer included") and gone.name in t for _, t in paragraphs(out))


def test_a_file_changed_under_its_name_is_said_to_be_changed_not_removed(setup):
    folder, out, cache = setup
    _build(folder, out, cache, Factory())
    changed = next(folder.glob("004_*"))
    changed.write_text(changed.read_text(encoding="utf-8").replace("Devon", "Devon County"), encoding="utf-8")
    _build(folder, out, cache, Factory())
    sources = [t for s, t in paragraphs(out) if s == "ListNumber"]
    old, new = [n for n, t in enumerate(sources, 1) if changed.name in t]  # the earlier version keeps its number
    assert sources[old - 1].startswith(f"Changed in the folder (as it is now: Source {new}) since an earlier briefing")
    assert not any("removed from the folder" in t.lower() for t in sources)
    assert any(t.startswith("No longer included:") and t.endswith(f"changed in the folder (as it is now: Source {new}).")
               for _, t in paragraphs(out))


def test_prompt_or_model_change_resummarises_everything(setup, tmp_path):
    folder, out, cache = setup
    _build(folder, out, cache, Factory())
    edited = tmp_path / "prompts"
    shutil.copytree(DEFAULT_DIR, edited)
    (edited / "rewrite.txt").write_text("Say it plainly.\n\nSentence: ${sentence}\n\nAnswer:", encoding="utf-8")
    after_prompt = Factory()
    _build(folder, out, cache, after_prompt, prompts=Prompts.load(edited))
    assert after_prompt.made and any(p.startswith("Say it plainly.") for p in after_prompt.prompts)

    other_model = Factory()
    other_model.name = "another-model"
    _build(folder, out, cache, other_model)
    assert other_model.made
