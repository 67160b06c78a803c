"""Prompt templates, read at run time from an editable folder (``prompts/`` by default)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from string import Template

from .errors import BriefingError

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "prompts"
NAMES = ("system", "rewrite", "compress", "fuse")
# Templates a --prompts folder may leave out: the default's is used (folders made before it existed).
OPTIONAL = ("fuse",)
# Chat-template control tokens (<|im_start|>, <|endoftext|>, [INST], <s>) inside an article
# must reach the model as nothing, never as structure.
_CONTROL = re.compile(r"<\|[^|<>]{0,40}\|>|</?s>|\[/?INST\]|<<SYS>>|<</SYS>>|<\||\|>")


def neutralise(text: str) -> str:
    return _CONTROL.sub(" ", text)


@dataclass(frozen=True)
class Prompts:
    templates: dict[str, str]

    @classmethod
    def load(cls, folder: Path | None = None) -> "Prompts":
        """Read every template from `folder`.

        Raises:
            BriefingError: the folder or one of its templates is missing, or a template has no
                place for the sentence.
        """
        folder = Path(folder) if folder else DEFAULT_DIR
        templates = {}
        for name in NAMES:
            path = folder / f"{name}.txt"
            if name in OPTIONAL and not path.exists():
                path = DEFAULT_DIR / path.name
            try:
                templates[name] = path.read_text(encoding="utf-8").strip()
            except OSError:
                raise BriefingError(
                    f"Prompt template {path} is missing; --prompts must name a folder holding "
                    f"{', '.join(n + '.txt' for n in NAMES if n not in OPTIONAL)}."
                ) from None
        for name in ("rewrite", "compress"):
            if "${sentence}" not in templates[name] and "$sentence" not in templates[name]:
                raise BriefingError(f"Prompt template {folder / (name + '.txt')} must contain ${{sentence}}, "
                                    f"where the sentence to rewrite goes.")
        return cls(templates)

    @property
    def system(self) -> str:
        return self.templates["system"]

    @property
    def fingerprint(self) -> str:
        """Changes whenever any template changes (for caching summaries)."""
        blob = "\0".join(self.templates[n] for n in NAMES)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]

    def render(self, name: str, **fields: str) -> str:
        safe = {k: neutralise(v) for k, v in fields.items()}
        return Template(self.templates[name]).safe_substitute(safe)
