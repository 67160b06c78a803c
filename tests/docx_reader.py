"""Reads a DOCX back from its XML parts, independently of briefing's own code."""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


def parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def footnote_refs(path) -> list[int]:
    body = ET.fromstring(parts(path)["word/document.xml"])
    return [int(e.get(W + "id")) for e in body.iter(W + "footnoteReference")]


def footnotes(path) -> dict[int, str]:
    """User footnotes (separators excluded): id -> text."""
    root = ET.fromstring(parts(path)["word/footnotes.xml"])
    out = {}
    for fn in root.findall("w:footnote", NS):
        if fn.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        out[int(fn.get(W + "id"))] = "".join(t.text or "" for t in fn.iter(W + "t")).strip()
    return out


def paragraphs(path) -> list[tuple[str, str]]:
    """(style id, text) of each body paragraph, footnote marks excluded."""
    body = ET.fromstring(parts(path)["word/document.xml"])
    out = []
    for p in body.iter(W + "p"):
        style = p.find("w:pPr/w:pStyle", NS)
        out.append((style.get(W + "val") if style is not None else "", "".join(t.text or "" for t in p.iter(W + "t"))))
    return out


def core_title(path) -> str | None:
    root = ET.fromstring(parts(path)["docProps/core.xml"])
    el = root.find("{http://purl.org/dc/elements/1.1/}title")
    return el.text if el is not None else None


def tables(path) -> list[list[list[str]]]:
    """Every body table as rows of cell texts (footnote marks excluded)."""
    body = ET.fromstring(parts(path)["word/document.xml"])
    out = []
    for tbl in body.iter(W + "tbl"):
        rows = []
        for tr in tbl.findall("w:tr", NS):
            rows.append(["".join(t.text or "" for t in tc.iter(W + "t")) for tc in tr.findall("w:tc", NS)])
        out.append(rows)
    return out


def refs_after_text(path) -> list[tuple[int, str]]:
    """(footnote id, text of the paragraph up to the mark) for every reference, in order."""
    body = ET.fromstring(parts(path)["word/document.xml"])
    out = []
    for p in body.iter(W + "p"):
        text = ""
        for el in p.iter():
            if el.tag == W + "t":
                text += el.text or ""
            elif el.tag == W + "footnoteReference":
                out.append((int(el.get(W + "id")), text))
    return out


def cited(notes) -> set[int]:
    """The source numbers footnotes cite ("Source 2." or "Sources 1, 3: \u201c...\u201d")."""
    import re

    out = set()
    for note in notes:
        m = re.match(r"Sources? ([\d, ]+)", note)
        if m:
            out |= {int(n) for n in re.findall(r"\d+", m[1])}
    return out


def footnoted_sentences(path) -> list[tuple[str, str]]:
    """(the Heading 1 it is under, its text) for each run of body text that ends in a
    footnote mark: the briefing's sentences, each as the reader sees it."""
    body = ET.fromstring(parts(path)["word/document.xml"])
    out, section = [], ""
    for p in body.iter(W + "p"):
        style = p.find("w:pPr/w:pStyle", NS)
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        if style is not None and style.get(W + "val") == "Heading1":
            section = text
        run = ""
        for el in p.iter():
            if el.tag == W + "t":
                run += el.text or ""
            elif el.tag == W + "footnoteReference":
                out.append((section, run.strip()))
                run = ""
    return out
