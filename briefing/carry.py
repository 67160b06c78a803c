"""An officer's edits carried into the next briefing: a three-way merge of paragraphs.

Three versions of the briefing meet here: what briefing wrote last time (the base, as the
ledger remembers it), what the officer made of it (the edited file), and what briefing writes
now. Each paragraph the officer changed, deleted, added or commented on is an edit. Where
briefing's own text for that paragraph is the same now as then, the edit is applied to the
new briefing as it stands. Where the sources changed that paragraph since, the officer's
version is kept beside the new one and a Word comment asks which to keep. A paragraph the
new briefing no longer has keeps the officer's version at the end, under its own heading, with
a comment. Nothing the officer did is dropped in silence (`bench/carry.py` reads every edit
back from the new file and counts any that went missing).

Paragraphs are matched by their text (difflib's longest-matching-blocks alignment); a
paragraph changed between two versions is matched to the one in the same place that is most
like it. An edited sentence is thereby carried with its paragraph.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .docx.blocks import Block, add_comment, copy_paragraph, insert_first, note_ids, read_blocks, remove_paragraph

if TYPE_CHECKING:
    from docx.document import Document

# Two versions of a paragraph are the same paragraph when this share of their words (difflib's
# ratio) agrees: an officer's rewording of a sentence or two keeps well above it, a different
# paragraph in the same place falls well below (0.2-0.3 between two event paragraphs).
SAME_PARAGRAPH = 0.5
GONE_HEADING = "Your edits to passages this briefing no longer has"


@dataclass(frozen=True)
class CarryReport:
    """What became of the officer's edits in one rebuild."""

    source: str  # the edited file's name
    edits: int  # paragraphs changed, deleted, added or commented on
    carried: int  # applied to the new briefing as they stand
    flagged: int  # kept beside the new text, with a comment, where the sources changed it since


def _words(block: Block) -> list[str]:
    return block.text.lower().split()


def _similar(a: Block, b: Block) -> float:
    return difflib.SequenceMatcher(None, _words(a), _words(b), autojunk=False).ratio()


def align(left: Sequence[Block], right: Sequence[Block]) -> list[tuple[int | None, int | None]]:
    """Pairs (i, j) of paragraphs that are the same paragraph in `left` and `right`, in order;
    (i, None) for one only `left` has, (None, j) for one only `right` has."""
    matcher = difflib.SequenceMatcher(None, [b.text for b in left], [b.text for b in right], autojunk=False)
    pairs: list[tuple[int | None, int | None]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j2)))
            continue
        j = j1
        for i in range(i1, i2):
            best = max(range(j, j2), key=lambda k: _similar(left[i], right[k]), default=None)
            if best is not None and _similar(left[i], right[best]) >= SAME_PARAGRAPH:
                pairs.extend((None, k) for k in range(j, best))
                pairs.append((i, best))
                j = best + 1
            else:
                pairs.append((i, None))
        pairs.extend((None, k) for k in range(j, j2))
    return pairs


def carry_edits(base: Sequence[Block], edited: Document, new: Document, *, name: str) -> CarryReport:
    """Apply the officer's edits in `edited` (made to `base`, what briefing wrote) to `new`.

    Args:
        base: the blocks briefing wrote into the file the officer then edited.
        edited: that file, as the officer left it.
        new: the briefing being built now; changed in place.
        name: the edited file's name, for the comments.

    Returns:
        How many edits there were and what became of them.
    """
    mine = read_blocks(edited)
    now = read_blocks(new)
    slot = {i: k for i, k in align(base, [b for _, b in now]) if i is not None and k is not None}
    same = {i for i, k in slot.items() if base[i].text == now[k][1].text}
    stands_for = {i: now[k][0] for i, k in slot.items()}  # what now stands where base paragraph i was
    edits = carried = flagged = 0
    gone, lead = [], []  # lead: paragraphs the officer added before every shared one
    anchor = None  # the base paragraph last seen, for placing added paragraphs

    def reuse(i: int, k: int):
        """A note of the old paragraph that is unchanged points at the new paragraph's note
        in the same place."""
        ids = note_ids(now[k][0])
        table: dict[str, list[int]] = {}
        for note, note_id in zip(base[i].notes, ids):
            table.setdefault(note, []).append(note_id)  # the same note twice: each mark its own

        def take(note: str) -> int | None:
            return table[note].pop(0) if table.get(note) else None
        return take

    for i, j in align(base, [b for _, b in mine]):
        if i is not None:
            anchor = i
        if i is not None and j is not None:
            if mine[j][1] == base[i]:
                continue
            edits += 1
            # Beside the new version (the sources changed it), the officer's copy keeps its own notes.
            copied = copy_paragraph(edited, mine[j][0], new,
                                    reuse=reuse(i, slot[i]) if i in same else (lambda note: None))
            if i in same:
                stands_for[i].addprevious(copied)
                remove_paragraph(new, stands_for[i])
                stands_for[i] = copied
                carried += 1
            elif i in slot:
                stands_for[i].addprevious(copied)
                add_comment(new, copied, f"Your edit, carried from {name}. The sources have changed this "
                                         f"passage since; the new version follows. Keep one and delete the other.")
                flagged += 1
            else:
                gone.append(copied)
                flagged += 1
        elif i is not None:  # the officer deleted it
            if not base[i].text:
                continue
            edits += 1
            if i in same:
                remove_paragraph(new, stands_for.pop(i))
                carried += 1
            elif i in slot:
                add_comment(new, stands_for[i], f"You deleted the earlier version of this passage from {name}; "
                                                f"the sources have changed it since. Delete it again if it is "
                                                f"still not wanted.")
                flagged += 1
            else:
                carried += 1  # the new briefing does not have it either
        else:  # the officer added it
            block = mine[j][1]
            if not block.text and not block.comments:
                continue
            edits += 1
            copied = copy_paragraph(edited, mine[j][0], new, reuse=lambda note: None)
            follows = _place_after(copied, anchor, stands_for)
            if follows is None:  # before every paragraph the base and the new briefing share
                (lead[-1].addnext(copied) if lead else insert_first(new, copied))
                lead.append(copied)
                carried += 1
            elif anchor is not None and anchor not in same:
                add_comment(new, copied, f"Added by you in {name}. The passage before it has changed since; "
                                         f"check that this still belongs here.")
                flagged += 1
            else:
                carried += 1
            if follows is not None and anchor is not None:
                stands_for[anchor] = copied  # the next added paragraph follows this one
    if gone:
        heading = new.add_heading(GONE_HEADING, level=1)
        last = heading._p
        for p in gone:
            last.addnext(p)
            last = p
            add_comment(new, p, f"Your edit, carried from {name}. The new briefing no longer tells this "
                                f"passage; keep it, move it or delete it.")
    return CarryReport(name, edits, carried, flagged)


def _place_after(p, anchor: int | None, stands_for: dict) -> object | None:
    """Put `p` after what stands now for base paragraph `anchor`, or for the nearest one
    before it that the new briefing still has. Returns the paragraph it follows, or None
    (nothing placed) when there is none."""
    if anchor is None:
        return None
    before = [x for x in stands_for if x <= anchor]
    if not before:
        return None
    follows = stands_for[max(before)]
    follows.addnext(p)
    return follows
