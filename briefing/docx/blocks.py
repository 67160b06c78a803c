"""Paragraphs as blocks of text, and moving a paragraph from one document into another.

Carrying an officer's edits into a new briefing (`briefing.carry`) needs four things of Word's
XML, and reading a briefing's sentences (`briefing.reader`) a fifth, kept here so that no
other code touches it:

* `read_blocks(doc)`: every paragraph of the body (table cells included), in reading order,
  with its text and the text of each footnote it points at;
* `copy_paragraph(src, p, dst, reuse=...)`: a deep copy of paragraph `p` of `src`, made valid in
  `dst`: its footnote marks point at `dst`'s notes (an existing one where `reuse` names it, else
  a copy of the note), its comments are copied into `dst`'s comments, and its images and links
  are related to `dst`'s part;
* `remove_paragraph(doc, p)`: the paragraph and the notes only it pointed at;
* `add_comment(doc, p, text)`: a Word comment on the whole paragraph;
* `text_between_notes(p)`: the paragraph's text cut at its footnote marks.

    >>> import docx
    >>> from briefing.docx import add_footnote
    >>> a, b = docx.Document(), docx.Document()
    >>> add_footnote(a.add_paragraph("Ofsted rated it inadequate."), "Source 1.")
    ... # doctest: +ELLIPSIS
    <...>
    >>> p, block = read_blocks(a)[0]
    >>> block
    Block(text='Ofsted rated it inadequate.', notes=('Source 1.',), comments=0)
    >>> copied = copy_paragraph(a, p, b, reuse=lambda note: None)
    >>> b.element.body.insert(0, copied) is None, read_blocks(b)[0][1] == block
    (True, True)
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from .footnotes import get_footnotes

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.text.paragraph import CT_P

_RELATIONSHIP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_COMMENT_MARKS = (qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference"))


@dataclass(frozen=True)
class Block:
    """A paragraph as the reader sees it: its words (spacing normalised), the words of each
    footnote it points at, in order, and how many comments are anchored in it."""

    text: str
    notes: tuple[str, ...] = ()
    comments: int = 0


def _words(text: str) -> str:
    return " ".join(text.split())


def _text(p: CT_P) -> str:
    parts = []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        parts.append(node.text or "" if node.tag == qn("w:t") else " ")
    return _words("".join(parts))


def note_ids(p: CT_P) -> list[int]:
    """The ids of the footnotes `p` points at, in reading order."""
    return [int(r.get(qn("w:id"))) for r in p.iter(qn("w:footnoteReference"))]


def text_between_notes(p: CT_P) -> list[str]:
    """The paragraph's text cut after each footnote mark (the marks left out): a briefing
    puts one mark after each sentence, so these are its sentences as it wrote them. A
    paragraph with no marks is one piece."""
    pieces, current = [], []
    for node in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:footnoteReference")):
        if node.tag == qn("w:footnoteReference"):
            pieces.append("".join(current))
            current = []
        else:
            current.append(node.text or "" if node.tag == qn("w:t") else " ")
    pieces.append("".join(current))
    return [piece for piece in pieces if piece.strip()]


def _note_text(doc: Document, note_id: int) -> str:
    note = get_footnotes(doc).get(note_id)
    return _words(note.text) if note is not None else ""


def read_blocks(doc: Document) -> list[tuple[CT_P, Block]]:
    """Every paragraph of the body, table cells included, in reading order, with its block."""
    found = []
    for p in doc.element.body.iter(qn("w:p")):
        notes = tuple(_note_text(doc, i) for i in note_ids(p))
        comments = sum(1 for _ in p.iter(qn("w:commentReference")))
        found.append((p, Block(_text(p), notes, comments)))
    return found


def copy_paragraph(src: Document, p: CT_P, dst: Document, *, reuse: Callable[[str], int | None]) -> CT_P:
    """A copy of `src`'s paragraph `p` that is valid in `dst` (not yet placed anywhere).

    Args:
        reuse: note text -> the id of a note of `dst` to point at instead of copying the note
            (a sentence whose note is unchanged points at the new build's note, which may cite
            sources added since); None copies `src`'s note as it stands.
    """
    new = copy.deepcopy(p)
    src_notes, dst_notes = get_footnotes(src), get_footnotes(dst, create=True)
    for ref in new.iter(qn("w:footnoteReference")):
        old_id = int(ref.get(qn("w:id")))
        note = src_notes.get(old_id)
        target = reuse(_words(note.text)) if note is not None else None
        if target is None:
            made = dst_notes.add_footnote()
            made_elm = made._footnote_elm
            for child in list(made_elm):
                made_elm.remove(child)
            for child in (note._footnote_elm if note is not None else []):
                made_elm.append(copy.deepcopy(child))
            target = made.footnote_id
        ref.set(qn("w:id"), str(target))
    _copy_comments(src, dst, new)
    _relate(src, dst, new)
    return new


def _copy_comments(src: Document, dst: Document, p: CT_P) -> None:
    """Give every comment anchored in `p` a copy in `dst`'s comments, under a new id."""
    marks = [m for m in p.iter(*_COMMENT_MARKS)]
    if not marks:
        return
    src_comments = src.part._comments_part.element
    dst_comments = dst.part._comments_part.element
    renumbered: dict[str, str] = {}
    for mark in marks:
        old = mark.get(qn("w:id"))
        if old not in renumbered:
            comment = src_comments.get_comment_by_id(int(old))
            made = dst_comments.add_comment()
            new_id = made.get(qn("w:id"))
            if comment is not None:
                for child in list(made):
                    made.remove(child)
                for name, value in comment.attrib.items():
                    if name != qn("w:id"):
                        made.set(name, value)
                for child in comment:
                    made.append(copy.deepcopy(child))
            renumbered[old] = new_id
        mark.set(qn("w:id"), renumbered[old])


def _relate(src: Document, dst: Document, p: CT_P) -> None:
    """Point `p`'s images and links at relationships of `dst`'s part."""
    for node in p.iter():
        for name, value in list(node.attrib.items()):
            if not name.startswith(f"{{{_RELATIONSHIP_NS}}}"):
                continue
            rel = src.part.rels.get(value)
            if rel is None:
                continue
            if rel.is_external:
                node.set(name, dst.part.relate_to(rel.target_ref, rel.reltype, is_external=True))
            else:
                node.set(name, dst.part.relate_to(rel.target_part, rel.reltype))


def insert_first(doc: Document, p: CT_P) -> None:
    """Put `p` at the very start of `doc`'s body."""
    doc.element.body.insert(0, p)


def remove_paragraph(doc: Document, p: CT_P) -> None:
    """Take `p` out of `doc` with the notes no other paragraph points at. A table cell keeps
    one empty paragraph (Word requires one)."""
    ids = set(note_ids(p))
    parent = p.getparent()
    if parent.tag == qn("w:tc") and len(parent.findall(qn("w:p"))) == 1:
        for child in list(p):
            if child.tag != qn("w:pPr"):
                p.remove(child)
    else:
        parent.remove(p)
    still = {i for q in doc.element.body.iter(qn("w:p")) for i in note_ids(q)}
    notes = get_footnotes(doc)
    for i in ids - still:
        note = notes.get(i)
        if note is not None:
            note._footnote_elm.getparent().remove(note._footnote_elm)


def add_comment(doc: Document, p: CT_P, text: str, *, author: str = "briefing") -> None:
    """A Word comment holding `text`, anchored on the whole of paragraph `p`."""
    paragraph = Paragraph(p, doc._body)
    runs = paragraph.runs or [paragraph.add_run("")]
    doc.add_comment(runs, text=text, author=author, initials="B")
