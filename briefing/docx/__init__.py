"""Word footnotes for python-docx, shaped like python-docx's own comments feature.

* `oxml`: element classes for ``w:footnotes`` and ``w:footnote`` (id allocation);
* `parts`: the footnotes part, created from a template holding the separator footnotes
  Word expects, and registered so that reopened documents load it;
* `footnotes`: the `Footnotes` and `Footnote` proxies, and `add_footnote(run_or_paragraph, text)`.

Importing this package registers the element classes and the part type.
"""

from .footnotes import Footnote, Footnotes, add_footnote, get_footnotes

__all__ = ["Footnote", "Footnotes", "add_footnote", "get_footnotes"]
