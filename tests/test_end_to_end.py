"""One real run: `briefing build seeds` through the console script with the embedded model.

Everything is read back from the DOCX's XML (tests/docx_reader.py), not from our objects.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from .conftest import SEEDS
from .docx_reader import cited, footnote_refs, footnoted_sentences, footnotes, paragraphs, parts

BRIEFING = shutil.which("briefing") or f"{sys.executable} -m briefing.cli"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "-")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("e2e") / "b.docx"
    cache = out.parent / "cache.sqlite"  # a fresh build cache: the model really runs
    proc = subprocess.run([*BRIEFING.split(), "build", str(SEEDS), "-o", str(out), "--cache", str(cache)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return out, proc


def _body(out: Path) -> tuple[list[str], list[str]]:
    """(headings, body sentences) of the briefing from Key points to before Sources."""
    paras = paragraphs(out)
    headings, body, inside = [], [], False
    for style, text in paras:
        if style.startswith("Heading"):
            headings.append(text)
            inside = text in ("Key points", "Events") or (inside and style == "Heading2")
            continue
        if inside and text.strip():
            body.extend(s for s in re.split(r"(?<=[.!?'\"\u2019\u201d])\s+(?=[A-Z\u2018\u201c])", text.strip()) if s)
    return headings, body


def test_exit_zero_with_progress(built):
    _, proc = built
    assert "Found 5 events" in proc.stderr and "Loading model" in proc.stderr
    assert proc.stdout == ""


def test_unchanged_rebuild_loads_no_model(built):
    out, _ = built
    again = out.parent / "again.docx"  # same cache, another file: the first briefing stays as built
    proc = subprocess.run([*BRIEFING.split(), "build", str(SEEDS), "-o", str(again), "--cache", str(out.parent / "cache.sqlite")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Reusing the summaries of 5 unchanged events" in proc.stderr and "Loading model" not in proc.stderr


def test_footnotes_one_to_one_and_name_every_seed(built):
    out, _ = built
    refs, notes = footnote_refs(out), footnotes(out)
    assert refs and len(refs) == len(set(refs)) and set(refs) == set(notes)
    # Every seed is in the numbered Sources list, and every source number is cited.
    sources = [t for style, t in paragraphs(out) if style == "ListNumber"]
    assert len(sources) == 5
    for seed in SEEDS.iterdir():
        assert any(seed.name in s for s in sources)
    assert cited(notes.values()) == {1, 2, 3, 4, 5}


def test_every_summary_sentence_is_footnoted(built):
    out, _ = built
    xml = parts(out)["word/document.xml"].decode()
    # In Key points and event sections every run of text is followed by its footnote mark.
    events = xml[xml.index(">Key points<"):xml.rindex(">Sources<")]
    events = re.sub(r"<w:tbl>.*?</w:tbl>", "", events, flags=re.DOTALL)  # tables: header cells have no notes
    paras = re.findall(r"<w:p>.*?</w:p>|<w:p .*?</w:p>", events, re.DOTALL)
    body_paras = [p for p in paras if "Heading" not in p and "<w:t" in p]
    assert body_paras and all("footnoteReference" in p for p in body_paras)


def invented(body: list[str], folder: Path = SEEDS) -> list[tuple[str, str]]:
    """(word, sentence) for each capitalised word or number of `body` found in no file of `folder`."""
    sources = _fold(" ".join(p.read_text(encoding="utf-8") for p in folder.iterdir()))
    found = []
    for sentence in body:
        tokens = re.findall(r"[\w'£%.-]+", _fold(sentence))
        for i, tok in enumerate(tokens):
            tok = re.sub(r"'s$", "", tok.strip(".'-"))
            if not tok or i == 0 or tokens[i - 1].endswith(":"):
                continue
            if (tok[0].isupper() or any(c.isdigit() for c in tok)) and tok not in sources:
                found.append((tok, sentence))
    return found


def test_no_sentence_repeated_and_nothing_invented(built):
    out, _ = built
    _, body = _body(out)
    folded = [_fold(s).lower() for s in body]
    assert len(folded) == len(set(folded)), "a body sentence is repeated"
    assert invented(body) == []


def test_no_advert_or_signup_text(built):
    out, _ = built
    text = " ".join(t for _, t in paragraphs(out)) + " ".join(footnotes(out).values())
    for junk in ("SIGN UP", "news bulletin", "Educational Psychologist", "Recuriter", "per annum", "Linkedin"):
        assert junk not in text


def test_the_five_events_are_recognisable(built):
    out, _ = built
    headings, body = _body(out)
    sections = _fold(" ".join(headings + body)).lower()
    assert "key points" in sections and any(h == "Sources" for h in headings)
    event_headings = [h for style, h in paragraphs(out) if style == "Heading2"]
    assert len(event_headings) == 5
    assert event_headings[0].startswith("January 2020")
    assert event_headings[1].startswith("May 2021")
    assert event_headings[2].startswith("February 2022")
    for words in (("january 2020", "inadequate"), ("may 2021", "nothing is completely fixed"),
                  ("february 2022", "unsafe and neglectful"), ("run out of patience", "send"),
                  ("extremely concerned", "trust")):
        for w in words:
            assert w in sections, w


def test_libreoffice_renders_footnotes_at_the_foot_of_pages(built, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftotext = shutil.which("pdftotext")
    if not (soffice and pdftotext):
        if os.environ.get("CI"):
            pytest.fail("CI must install libreoffice-writer and poppler-utils (.ci/run does)")
        pytest.skip("LibreOffice and poppler-utils are not installed (.ci/run installs them)")
    out, _ = built
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=300)
    text = subprocess.run([pdftotext, "-layout", str(tmp_path / "b.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) >= 2
    # Footnote text sits on the pages (not collected at the end as endnotes would be).
    first_page = pages[0]
    assert re.search(r"Sources? \d+(?:, \d+)*[.:]", first_page)


# The register a councillor reads: no sentence that only made sense inside its article. These
# patterns are the test's own, not the sub-editor's.
RELATIVE = re.compile(r"\b(?:today|tonight|yesterday|tomorrow|now|recently|ago|(?:this|last|next) (?:week|month|year)|"
                      r"this (?:January|February|March|April|May|June|July|August|September|October|November|"
                      r"December)|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.IGNORECASE)
FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|us|[Oo]ur|[Mm]y|me)\b")
OPENER = re.compile(r"^(?:It|This|That|These|Those|He|She|They|But|However|And|Also|Meanwhile)\b")


def _outside_quotes(text: str) -> str:
    text = _fold(text)
    text = re.sub(r'"[^"]*"?', " ", text)
    return re.sub(r"(?:(?<=\s)|^)'[^']*?'(?=[\s,.;:!?]|$)", " ", text)


def test_sentences_stand_alone_in_the_briefing_register(built):
    out, _ = built
    told = [t for section, t in footnoted_sentences(out) if section in ("Summary", "Key points", "Events")]
    assert len(told) >= 15
    for text in told:
        plain = re.sub(r"^(?:[A-Z][a-z]+ \d{4}|Date not stated): ", "", text)
        outside = _outside_quotes(plain)
        assert not RELATIVE.search(outside), text
        assert not FIRST_PERSON.search(outside), text
        assert not OPENER.match(plain), text
    # Mostly the briefing's own sentences, not the sources' copied: at most 40 % verbatim.
    sources = {" ".join(re.findall(r"\w+", _fold(s).lower()))
               for p in SEEDS.iterdir() for s in re.split(r"(?<=[.!?\"'\u201d\u2019])\s+|\n+", p.read_text(encoding="utf-8"))}
    verbatim = [t for t in told if " ".join(re.findall(r"\w+", _fold(re.sub(r"^[^:]{4,40}: ", "", t)).lower())) in sources]
    assert len(verbatim) <= 0.4 * len(told), verbatim


def test_summary_opens_short_and_footnotes_are_brief(built):
    out, _ = built
    summary = [t for section, t in footnoted_sentences(out) if section == "Summary"]
    assert 1 <= len(summary) <= 4 and sum(len(t.split()) for t in summary) <= 130
    notes = footnotes(out)
    assert sum(len(n.split()) for n in notes.values()) <= 600
    # A verbatim sentence's note names its source only; a rewritten one's quotes the source words.
    assert any(re.fullmatch(r"Sources? [\d, ]+\.", n) for n in notes.values())
    assert any(re.match(r"Sources? [\d, ]+: \u201c", n) for n in notes.values())
    headings = [t for style, t in paragraphs(out) if style == "Heading1"]
    body = []
    for style, text in paragraphs(out):
        if style == "Heading1" and text == "People and organisations":
            break
        body.append(text)
    assert len(" ".join(body).split()) <= 900
    assert headings[0] == "Summary"
