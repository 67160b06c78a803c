"""The Word briefing's structure, template, edit protection, and what pandoc and LibreOffice
make of it. Built once with the fake generator; read back with tests/docx_reader.py."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import docx
import pytest

from briefing.assemble import open_template
from briefing.errors import BriefingError
from briefing.pipeline import build_briefing

from .conftest import ROOT, SEEDS, FakeGenerator
from .docx_reader import NS, W, cited, core_title, footnote_refs, footnotes, paragraphs, parts, refs_after_text, tables

TEMPLATE = ROOT / "templates" / "sample-council.dotx"
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def _quiet(message: str) -> None:
    pass


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return build_briefing(SEEDS, tmp_path_factory.mktemp("plain") / "b.docx", FakeGenerator("trim"), progress=_quiet)


@pytest.fixture(scope="module")
def templated(tmp_path_factory):
    return build_briefing(SEEDS, tmp_path_factory.mktemp("tpl") / "b.docx", FakeGenerator("trim"),
                          template=TEMPLATE, progress=_quiet)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must install {name} (.ci/run does)")
        pytest.skip(f"{name} is not installed (.ci/run installs it)")
    return path


def _straight(text: str) -> str:
    """pandoc writes curly quotes as straight ones."""
    return text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))


def _date_key(label: str) -> tuple:
    m = re.match(r"(?:(\d+) )?(January|February|March|April|May|June|July|August|September|October|November|December)? ?(\d{4})$", label)
    if m:
        return (0, int(m[3]), MONTHS.index(m[2]) + 1 if m[2] else 0, int(m[1] or 0))
    m = re.search(r"after (\w{3}) (\d{4})", label)
    assert m, f"undated label says what it is: {label!r}"
    return (1, int(m[2]), [x[:3] for x in MONTHS].index(m[1]) + 1, 0)


def test_structure_in_order(plain):
    paras = paragraphs(plain)
    styles = {s for s, _ in paras}
    assert {"Title", "Heading1", "Heading2"} <= styles
    h1 = [t for s, t in paras if s == "Heading1"]
    assert h1 == ["Summary", "Key points", "Timeline", "Events", "People and organisations", "Sources",
                  "Where sources differ", "How this briefing was made"]
    assert paras[0][0] == "Title" and paras[0][1] == core_title(plain) == "Devon County Council: children\u2019s services"
    assert any(re.fullmatch(r"Prepared from 5 articles by \d+ outlets?.*, dated 19 March 2020 to 15 March 2022.*", t) for _, t in paras)
    bullets = [t for s, t in paras if s == "ListBullet"]
    assert 3 <= len(bullets) <= 6
    assert len([t for s, t in paras if s == "ListNumber"]) == 5


def test_footnotes_map_one_to_one(plain):
    refs, notes = footnote_refs(plain), footnotes(plain)
    assert refs and len(refs) == len(set(refs)) and set(refs) == set(notes)
    # Every source is cited by number somewhere, and every note quotes or names a source.
    assert all(re.match(r"Source \d", n) for n in notes.values())
    cited_ = cited(notes.values())
    assert cited_ == {1, 2, 3, 4, 5}


def test_timeline_rows_in_date_order_with_footnoted_sources(plain):
    timeline = tables(plain)[0]
    assert timeline[0] == ["Date", "What happened", "Sources"]
    keys = [_date_key(row[0]) for row in timeline[1:]]
    assert len(keys) == 5 and keys == sorted(keys)
    assert all(re.fullmatch(r"Sources? [\d, ]+", row[2]) for row in timeline[1:])
    cell_refs = [text for _, text in refs_after_text(plain) if re.fullmatch(r"Sources? [\d, ]+", text)]
    assert len(cell_refs) == 5


def test_people_table_quotes_roles_from_the_sources(plain):
    people = tables(plain)[1]
    assert people[0] == ["Name", "Role, as the sources state it", "First mention"]
    rows = {r[0]: r for r in people[1:]}
    source_text = " ".join(p.read_text(encoding="utf-8") for p in SEEDS.iterdir()).replace("\u2019", "'")
    assert {"John Hart", "Melissa Caslake", "James McInnes", "Devon County Council", "Ofsted"} <= set(rows)
    assert "David Hart" not in rows
    for name, role, _ in people[1:]:
        if role not in ("Not stated", "Not described in the sources"):
            assert role[1:].replace("\u2019", "'") in source_text, role
    assert rows["James McInnes"][1].startswith("The council\u2019s deputy leader")


def test_core_properties(plain):
    props = docx.Document(plain).core_properties
    assert props.title and props.subject and props.author == "briefing" and props.keywords
    created = props.created.replace(tzinfo=dt.timezone.utc) if props.created.tzinfo is None else props.created
    assert abs((created - dt.datetime.now(dt.timezone.utc)).total_seconds()) < 3600


def test_pandoc_reads_every_footnote_in_place(plain):
    pandoc = _tool("pandoc")
    md = subprocess.run([pandoc, "-f", "docx", "-t", "markdown", "--wrap=none", str(plain)],
                        capture_output=True, text=True, check=True).stdout
    md = _straight(md.replace("\\", ""))
    marks = re.findall(r"\[\^(\d+)\](?!:)", md)
    definitions = dict(re.findall(r"^\[\^(\d+)\]: (.*)$", md, re.M))
    ours = refs_after_text(plain)
    notes = footnotes(plain)
    assert len(marks) == len(ours) == len(definitions)
    # pandoc numbers notes in reading order, as Word shows them; each follows its own text.
    for n, (note_id, before) in enumerate(ours, 1):
        last = _straight(before.split()[-1])
        assert re.search(re.escape(last) + r"\[\^" + str(n) + r"\]", md), (n, last)
        assert _straight(definitions[str(n)]).split()[:4] == _straight(notes[note_id]).split()[:4]


def test_template_keeps_header_footer_logo_and_styles(templated):
    xml = parts(templated)
    headers = [k for k in xml if re.fullmatch(r"word/header\d*\.xml", k)]
    assert any(b"Exampleshire County Council" in xml[h] for h in headers)
    assert any(k.startswith("word/media/") for k in xml), "the logo image is kept"
    assert any(b"OFFICIAL" in xml[k] for k in xml if k.startswith("word/footer"))
    assert b"Template body text" not in xml["word/document.xml"]
    doc = docx.Document(templated)
    assert doc.styles["Heading 1"].font.color.rgb == docx.shared.RGBColor(0x00, 0x5A, 0x64)
    assert set(footnote_refs(templated)) == set(footnotes(templated))


def test_bare_template_without_list_or_table_styles(tmp_path):
    doc = docx.Document()
    for name in ("List Bullet", "List Number", "Light Grid Accent 1", "Title"):
        el = doc.styles[name].element
        el.getparent().remove(el)
    doc.save(tmp_path / "bare.docx")
    out = build_briefing(SEEDS, tmp_path / "b.docx", FakeGenerator("trim"), template=tmp_path / "bare.docx", progress=_quiet)
    paras = paragraphs(out)
    assert paras[0][0] == "Title"
    assert sum(t.startswith("\u2022 ") for _, t in paras) >= 3  # bullets typed in, not lost
    assert set(footnote_refs(out)) == set(footnotes(out))


@pytest.mark.parametrize("content", [b"not a zip", b""])
def test_bad_template_is_a_clear_error_before_any_work(tmp_path, content):
    (tmp_path / "t.dotx").write_bytes(content)
    gen = FakeGenerator()
    with pytest.raises(BriefingError, match="Cannot use template"):
        build_briefing(SEEDS, tmp_path / "b.docx", gen, template=tmp_path / "t.dotx", progress=_quiet)
    assert gen.prompts == []
    with pytest.raises(BriefingError, match=".docx or .dotx"):
        open_template(tmp_path / "t.pdf")


def _add_paragraph(path: Path, text: str) -> None:
    """What an officer's edit does to the file: a new paragraph in word/document.xml."""
    with zipfile.ZipFile(path) as z:
        items = {i.filename: z.read(i.filename) for i in z.infolist()}
    para = f'<w:p><w:r><w:t>{text}</w:t></w:r></w:p>'.encode()
    items["word/document.xml"] = items["word/document.xml"].replace(b"<w:body>", b"<w:body>" + para, 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items.items():
            z.writestr(name, data)


def test_an_edited_briefing_is_never_overwritten(tmp_path):
    out = tmp_path / "out" / "briefing.docx"
    messages: list[str] = []
    assert build_briefing(SEEDS, out, FakeGenerator(), progress=_quiet) == out
    # Unchanged since written: rebuilt in place.
    assert build_briefing(SEEDS, out, FakeGenerator(), progress=_quiet) == out
    assert sorted(p.name for p in out.parent.glob("*.docx")) == ["briefing.docx"]

    _add_paragraph(out, "Officer's note: check with legal before circulating.")
    edited = out.read_bytes()
    second = build_briefing(SEEDS, out, FakeGenerator(), progress=messages.append)
    assert second == out.with_name("briefing-new.docx")
    assert out.read_bytes() == edited
    assert "Officer's note" in " ".join(t for _, t in paragraphs(out))
    # ... and the new briefing carries the officer's note forward (tests/test_carry.py).
    assert "Officer's note" in " ".join(t for _, t in paragraphs(second))
    assert any("left untouched" in m and "briefing-new.docx" in m for m in messages)

    # The -new file is ours and unchanged: the next rebuild reuses that name.
    assert build_briefing(SEEDS, out, FakeGenerator(), progress=_quiet) == second
    # --force overwrites the edited file on purpose, its edits carried into what replaces it.
    assert build_briefing(SEEDS, out, FakeGenerator(), force=True, progress=_quiet) == out
    assert out.read_bytes() != edited
    assert "Officer's note" in " ".join(t for _, t in paragraphs(out))


def test_a_file_briefing_did_not_write_is_left_alone(tmp_path):
    out = tmp_path / "briefing.docx"
    out.write_bytes(b"someone else's file")
    assert build_briefing(SEEDS, out, FakeGenerator(), progress=_quiet).name == "briefing-new.docx"
    assert out.read_bytes() == b"someone else's file"


def test_libreoffice_converts_the_template_briefing(templated, tmp_path):
    soffice = _tool("soffice")
    pdftotext = _tool("pdftotext")
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(templated)],
                   check=True, capture_output=True, timeout=300)
    text = subprocess.run([pdftotext, "-layout", str(tmp_path / "b.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 2
    assert all("Exampleshire County Council" in p and "OFFICIAL" in p for p in pages)
    assert "Timeline" in text and re.search(r"Sources? \d+(?:, \d+)*[.:]", pages[0])


def test_people_table_has_one_row_a_body_and_no_bare_names(plain):
    rows = {r[0]: r[1] for r in tables(plain)[1][1:]}
    seeds = [p.read_text(encoding="utf-8") for p in SEEDS.iterdir()]
    # The seeds name the Department for (and "of") Education and "the DfE": one body, and named
    # in two articles of five it is no row at all, as nothing describes it.
    assert not {"Department of Education", "Department for Education", "Department for Education (DfE)"} & set(rows)
    keys = [tuple(sorted(w.lower() for w in n.split() if w.lower() not in ("of", "for", "the"))) for n in rows]
    assert len(keys) == len(set(keys))
    bare = [n for n, role in rows.items() if role == "Not described in the sources"]
    assert sorted(bare) == ["Devon County Council", "Ofsted"]
    assert all(sum(n in text for text in seeds) >= 3 for n in bare)  # named in most of the articles
    assert rows["Cornwall Council"] == "Whose services for care leavers are rated outstanding"


def _keep_with_next_styles(styles_xml: bytes) -> set[str]:
    """Style ids whose paragraphs keep with the next, their own setting or inherited."""
    styles = {s.get(W + "styleId"): s for s in ET.fromstring(styles_xml).findall("w:style", NS)}

    def keeps(sid: str | None, depth: int = 0) -> bool:
        style = styles.get(sid)
        if style is None or depth > 10:
            return False
        own = style.find("w:pPr/w:keepNext", NS)
        if own is not None:
            return own.get(W + "val", "true") not in ("0", "false")
        based = style.find("w:basedOn", NS)
        return keeps(based.get(W + "val") if based is not None else None, depth + 1)

    return {sid for sid in styles if keeps(sid)}


def test_only_headings_and_short_lines_keep_with_next_and_one_page_break(plain):
    xml = parts(plain)
    body = ET.fromstring(xml["word/document.xml"]).find("w:body", NS)
    keeping_styles = _keep_with_next_styles(xml["word/styles.xml"])
    assert keeping_styles and all(s.startswith(("Heading", "TOCHeading", "Title")) for s in keeping_styles)
    header_paras = {id(p) for tr in body.iter(W + "tr") if tr.find("w:trPr/w:tblHeader", NS) is not None
                    for p in tr.iter(W + "p")}
    for p in body.iter(W + "p"):
        style = p.find("w:pPr/w:pStyle", NS)
        direct = p.find("w:pPr/w:keepNext", NS)
        keeps = direct.get(W + "val", "true") not in ("0", "false") if direct is not None else (
            style is not None and style.get(W + "val") in keeping_styles)
        text = "".join(t.text or "" for t in p.iter(W + "t"))
        if keeps:
            # a heading, the chart (to its caption), a table's header row or a line introducing a table
            assert (len(text.split()) <= 25 or id(p) in header_paras), text[:80]
    for tbl in body.iter(W + "tbl"):
        rows = tbl.findall("w:tr", NS)
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None  # repeated when the table breaks
        for tr in rows[1:]:
            # a data row kept with the next would hold the whole table together on one page
            assert tr.find(".//w:keepNext", NS) is None
    breaks = [p for p in body.iter(W + "p") if p.find("w:pPr/w:pageBreakBefore", NS) is not None]
    assert ["".join(t.text for t in p.iter(W + "t")) for p in breaks] == ["People and organisations"]
    assert not [br for br in body.iter(W + "br") if br.get(W + "type") == "page"]


def _page_fill(pdf: Path) -> list[float]:
    """Per page, the share of the text area above the footnotes that the body text reaches down
    to. Footnote lines (9 pt) are told from body lines (11 pt, 14.3 pt high) by their height."""
    html = subprocess.run([_tool("pdftotext"), "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    fills = []
    for height, page in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', html, re.DOTALL):
        lines = [(float(a), float(b)) for a, b in
                 re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">', page)]
        main = [(a, b) for a, b in lines if b - a > 13]
        if not main:
            fills.append(0.0)
            continue
        top, end = min(a for a, _ in main), max(b for _, b in main)
        bottom = float(height) - 72  # python-docx's one-inch margin
        limit = min((a for a, b in lines if b - a <= 13 and a > end), default=bottom)
        fills.append(min(1.0, (end - top) / max(1.0, limit - top)))
    return fills


def test_libreoffice_fills_every_body_page(plain, tmp_path):
    soffice = _tool("soffice")
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(plain)],
                   check=True, capture_output=True, timeout=300)
    pdf = tmp_path / "b.pdf"
    fills = _page_fill(pdf)
    text = subprocess.run([_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    appendix = next(i for i, p in enumerate(pages) if re.search(r"^People and organisations$", p, re.MULTILINE))
    # Only the page before the appendices' deliberate break, and the last, may end short: a page
    # left a third empty elsewhere is text held back by keep-with-next.
    short = [(i + 1, round(f, 2)) for i, f in enumerate(fills[:-1]) if f < 2 / 3 and i != appendix - 1]
    assert short == [], f"page fill {[round(f, 2) for f in fills]}"
