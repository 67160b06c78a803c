"""Word footnotes for python-docx, shaped like python-docx's own comments feature (1.2).

* `oxml`: element classes for ``w:footnotes`` and ``w:footnote`` (id allocation, new notes);
* `parts`: the footnotes part, created on first use from a template holding the separator
  notes Word expects, and registered so that documents opened from disk load it;
* `footnotes`: the `Footnotes` and `Footnote` proxies; `add_footnote(run_or_paragraph, text)`
  adds a note and its reference mark, `get_footnotes(doc)` and `footnotes_in(paragraph)` read
  them back.

Importing this package registers the element classes and the part type.
"""

from .footnotes import Footnote, Footnotes, add_footnote, footnotes_in, get_footnotes

__all__ = ["Footnote", "Footnotes", "add_footnote", "footnotes_in", "get_footnotes"]
