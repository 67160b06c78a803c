"""An officer's edits carried into the next briefing, and source numbers that hold.

Edits are made as an officer makes them: through python-docx (Word's file format as a program
writes it) and through LibreOffice itself (a flat ODF file edited, then saved as .docx by
LibreOffice, which rewrites every part of the file). Every check reads the new briefing back.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from briefing.carry import GONE_HEADING, align, carry_edits
from briefing.docx import add_footnote
from briefing.docx.blocks import Block, read_blocks
from briefing.docx.footnotes import get_footnotes
from briefing.ledger import LEDGER_NAME, Ledger
from briefing.numbering import number_sources
from briefing.pipeline import build_briefing
from tests.conftest import SEEDS, FakeGenerator

NOTE = "Officer's note: ask the Director of Children's Services for the action plan."


def _quiet(message: str) -> None:
    pass


def _texts(path: Path) -> list[str]:
    return [b.text for _, b in read_blocks(docx.Document(str(path)))]


def _events(doc) -> list:
    """The event paragraphs: a Normal paragraph right after a Heading 2."""
    paras = doc.paragraphs
    return [p for prev, p in zip(paras, paras[1:]) if prev.style.name == "Heading 2" and p.style.name == "Normal"]


def _comments(path: Path) -> list[str]:
    return [c.text for c in docx.Document(str(path)).comments]


def _notes_resolve(path: Path) -> bool:
    """Every footnote mark points at a note the file has."""
    doc = docx.Document(str(path))
    notes = get_footnotes(doc)
    from docx.oxml.ns import qn

    ids = [int(r.get(qn("w:id"))) for r in doc.element.body.iter(qn("w:footnoteReference"))]
    return bool(ids) and all(notes.get(i) is not None for i in ids) and len(ids) == len(set(ids))


def test_align_pairs_the_same_paragraph_across_versions():
    base = [Block("Title"), Block("Ofsted rated the service inadequate in January 2020."), Block("Key points"),
            Block("The council appointed a new director.")]
    edited = [Block("Title"), Block("Ofsted rated the service inadequate in January 2020, the worst grade."),
              Block("My own note."), Block("Key points")]
    assert align(base, edited) == [(0, 0), (1, 1), (None, 2), (2, 3), (3, None)]


def test_edits_are_carried_into_the_next_briefing_or_flagged(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    late = sorted(folder.iterdir())[-1]
    held = tmp_path / late.name
    shutil.move(late, held)
    out = tmp_path / "out" / "briefing.docx"
    assert build_briefing(folder, out, FakeGenerator(), progress=_quiet) == out

    doc = docx.Document(str(out))
    events = _events(doc)
    assert len(events) >= 3
    first, second, last = events[0], events[1], events[-1]
    # 1. a word changed in an event's paragraph; 2. an event's paragraph deleted; 3. a paragraph
    # added; 4. a comment on a paragraph; 5. a sentence deleted from a paragraph.
    changed = next(r for r in first.runs if len(r.text.split()) > 4)
    changed.text = changed.text.replace(" the ", " THE ", 1) if " the " in changed.text else changed.text + " (sic)"
    edited_first = " ".join(first.text.split())
    last_text = last.text
    last._p.getparent().remove(last._p)
    doc.paragraphs[0].insert_paragraph_before(NOTE)
    doc.add_comment(second.runs[0], text="Check this with legal.", author="Officer")
    doc.save(str(out))
    edited_bytes = out.read_bytes()

    messages: list[str] = []
    again = build_briefing(folder, out, FakeGenerator(), progress=messages.append)
    assert again == out.with_name("briefing-new.docx")
    assert out.read_bytes() == edited_bytes  # the officer's file is never touched
    texts = _texts(again)
    assert edited_first in texts
    assert last_text not in " ".join(texts)
    assert texts[0] == NOTE
    assert "Check this with legal." in _comments(again)
    assert _notes_resolve(again)
    assert any("Carried your 4 edits from briefing.docx into briefing-new.docx: 4 as you left them" in m
               for m in messages), messages

    # A new article changes what some events say: every edit is still there, as the officer left it
    # or beside the new text with a comment.
    shutil.move(held, folder / held.name)
    messages.clear()
    third = build_briefing(folder, out, FakeGenerator(), progress=messages.append)
    assert third == again  # the -new file was ours and unchanged
    texts = _texts(third)
    assert edited_first in texts and texts[0] == NOTE
    # The deleted paragraph stays deleted, unless the sources changed it since: then its new
    # text is there with a comment saying the officer had deleted it.
    assert last_text not in " ".join(texts) or any(c.startswith("You deleted") for c in _comments(third))
    assert "Check this with legal." in _comments(third)
    assert _notes_resolve(third)
    carried = next(m for m in messages if m.startswith("Carried your"))
    flagged = [c for c in _comments(third) if c.startswith(("Your edit", "Added by you", "You deleted"))]
    assert (f"{len(flagged)} marked with a comment" in carried) == bool(flagged), (carried, flagged)


def _doc(*paragraphs: str):
    """A small briefing: each paragraph with a footnote naming its source."""
    doc = docx.Document()
    for n, text in enumerate(paragraphs, 1):
        add_footnote(doc.add_paragraph(text), f"Source {n}.")
    return doc


def _edited(doc, old: str, new: str):
    """`doc` saved and reopened (as an officer's file is) with `old` replaced by `new`."""
    import io

    buf = io.BytesIO()
    doc.save(buf)
    copy = docx.Document(io.BytesIO(buf.getvalue()))
    for p in copy.paragraphs:
        if old in p.text:
            p.runs[0].text = p.runs[0].text.replace(old, new)
    return copy


def test_an_edit_to_a_changed_or_vanished_passage_is_kept_beside_the_new_text_with_a_comment():
    written = _doc("Ofsted rated the service inadequate.", "The council appointed a director.",
                   "The minister wrote to the council.")
    base = tuple(b for _, b in read_blocks(written))
    mine = _edited(written, "appointed a director", "appointed a new director in May")

    changed = _doc("Ofsted rated the service inadequate.", "The council appointed Julian Wooster as director.",
                   "The minister wrote to the council.")
    report = carry_edits(base, mine, changed, name="briefing.docx")
    texts = [b.text for _, b in read_blocks(changed)]
    assert (report.edits, report.carried, report.flagged) == (1, 0, 1)
    assert texts == ["Ofsted rated the service inadequate.", "The council appointed a new director in May.",
                     "The council appointed Julian Wooster as director.", "The minister wrote to the council."]
    assert [c.text for c in changed.comments][0].startswith("Your edit, carried from briefing.docx.")

    vanished = _doc("Ofsted rated the service inadequate.", "The minister wrote to the council.")
    report = carry_edits(base, mine, vanished, name="briefing.docx")
    texts = [b.text for _, b in read_blocks(vanished)]
    assert (report.edits, report.flagged) == (1, 1)
    assert texts[-2:] == [GONE_HEADING, "The council appointed a new director in May."]
    assert "no longer tells this passage" in [c.text for c in vanished.comments][0]

    same = _doc("Ofsted rated the service inadequate.", "The council appointed a director.",
                "The minister wrote to the council.")
    report = carry_edits(base, mine, same, name="briefing.docx")
    blocks = [b for _, b in read_blocks(same)]
    assert (report.edits, report.carried, report.flagged) == (1, 1, 0)
    assert [b.text for b in blocks][1] == "The council appointed a new director in May."
    assert blocks[1].notes == ("Source 2.",) and len(get_footnotes(same)) == 3  # the new note, not a copy
    assert not list(same.comments)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_edits_made_in_libreoffice_are_carried(tmp_path):
    out = tmp_path / "out" / "briefing.docx"
    build_briefing(SEEDS, out, FakeGenerator(), progress=_quiet)
    work = tmp_path / "lo"

    def soffice(target: str, path: Path) -> Path:
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                        "--convert-to", target, "--outdir", str(work), str(path)],
                       check=True, capture_output=True, timeout=300)
        return work / f"{path.stem}.{target.split(':')[0]}"

    # Opened and saved by LibreOffice, unedited: not one edit.
    shutil.copy(soffice("docx:MS Word 2007 XML", out), out)
    messages: list[str] = []
    build_briefing(SEEDS, out, FakeGenerator(), progress=messages.append)
    assert not any(m.startswith("Carried your") for m in messages), messages

    # Edited as LibreOffice's own document (flat ODF), saved back to .docx by LibreOffice.
    event = " ".join(_events(docx.Document(str(out)))[0].text.split())
    flat = soffice("fodt", out)
    xml = flat.read_text(encoding="utf-8")
    word = next(w for w in event.split() if len(w) > 6 and w.isalpha() and xml.count(w) >= 1)
    assert f">{NOTE}<" not in xml
    xml = xml.replace(word, word.upper(), 1)
    start = xml.index("<office:text")
    body = xml.index(">", start) + 1
    xml = xml[:body] + f'<text:p text:style-name="Standard">{NOTE}</text:p>' + xml[body:]
    flat.write_text(xml, encoding="utf-8")
    (work / "briefing.docx").unlink()
    shutil.copy(soffice("docx:MS Word 2007 XML", flat), out)

    messages.clear()
    again = build_briefing(SEEDS, out, FakeGenerator(), progress=messages.append)
    texts = _texts(again)
    assert NOTE in texts
    assert any(word.upper() in t for t in texts)
    assert _notes_resolve(again)
    assert any(m.startswith("Carried your 2 edits") and "as you left them" in m and "comment" not in m
               for m in messages), messages


def test_a_source_keeps_its_number_across_rebuilds(tmp_path):
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    first, *_, last = sorted(folder.iterdir())
    held = tmp_path / first.name
    shutil.move(first, held)
    out = tmp_path / "out" / "briefing.docx"
    build_briefing(folder, out, FakeGenerator(), progress=_quiet)

    def sources(path: Path) -> list[str]:
        texts = _texts(path)
        start = max(i for i, t in enumerate(texts) if t == "Sources") + 1  # the list, not a table's column
        return texts[start:texts.index("Where sources differ", start)]

    before = sources(out)
    assert len(before) == 4
    shutil.move(held, folder / held.name)  # a new article, whatever its date, comes last
    build_briefing(folder, out, FakeGenerator(), progress=_quiet)
    after = sources(out)
    assert after[:4] == before and first.name in after[4]
    (folder / last.name).unlink()  # a removed source leaves its number, and the list says so
    build_briefing(folder, out, FakeGenerator(), progress=_quiet)
    gone = sources(out)
    assert len(gone) == 5
    removed = [i for i, line in enumerate(gone) if line.startswith(("5. Removed", "Removed"))]
    assert len(removed) == 1 and last.name in gone[removed[0]]
    assert [line for i, line in enumerate(gone) if i != removed[0]] == [line for line in after if last.name not in line]


def test_numbering_keeps_old_numbers_and_appends_new_ones():
    import datetime as dt

    from briefing.models import Article

    def art(aid: str, day: int) -> Article:
        return Article(aid, f"{aid}.txt", aid, None, None, dt.date(2021, 1, day), None, ("Text.",))

    numbers = number_sources([art("b", 2), art("a", 1)])
    assert dict(numbers.numbers) == {"a": 1, "b": 2}
    later = number_sources([art("b", 2), art("c", 1)], {"a": (1, "A"), "b": (2, "B")})
    assert dict(later.numbers) == {"b": 2, "c": 3} and later.removed == ((1, "A"),) and later.last == 3


def test_files_are_written_with_the_users_umask(tmp_path):
    import os

    old = os.umask(0o022)
    try:
        out = tmp_path / "briefing.docx"
        build_briefing(SEEDS, out, FakeGenerator(), progress=_quiet)
        assert oct(out.stat().st_mode & 0o777) == oct(0o644)
        assert oct((tmp_path / LEDGER_NAME).stat().st_mode & 0o777) == oct(0o644)
    finally:
        os.umask(old)
