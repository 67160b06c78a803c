import datetime as dt

import docx
import pytest

from briefing.ingest import SkipFile, decode, ingest_folder, parse_date, read_article


def by_prefix(articles, prefix):
    return next(a for a in articles if a.filename.startswith(prefix))


def test_seed_metadata_inline_forms(seeds):
    arts = ingest_folder(seeds)
    assert len(arts) == 5
    a002 = by_prefix(arts, "002")
    assert a002.author == "William Eichler"
    assert a002.date == dt.date(2020, 3, 19)
    assert a002.title.startswith("Devon CC\u2019s children\u2019s services criticised")
    a004 = by_prefix(arts, "004")
    assert a004.date == dt.date(2022, 3, 15)
    assert a004.paragraphs[0].startswith("Many of Devon\u2019s vulnerable children")
    a001 = by_prefix(arts, "001")  # byline at the end: reporter, then agency
    assert (a001.author, a001.outlet) == ("Ollie Heptinstall", "LDRS")
    assert a001.paragraphs[0].startswith("The government will")  # drop-cap "THE" folded
    assert all("Heptinstall" not in p for p in a001.paragraphs)


def test_page_furniture_is_stripped(seeds):
    text = "\n".join(a.text for a in ingest_folder(seeds))
    for furniture in ("SIGN UP", "daily news bulletin", "Educational Psychologist", "Recuriter",
                      "per annum", "Linkedin Banner", "Credit: LDRS", "files.ofsted.gov.uk"):
        assert furniture not in text
    assert "I have every confidence in our senior managers" in text  # last real paragraph kept


def test_markdown_front_matter(tmp_path):
    f = tmp_path / "a.md"
    f.write_text("---\ntitle: Council rated inadequate\noutlet: Devon Live\nauthor: Jo Bloggs\n"
                 "date: 2021-05-20\nurl: https://example.org/a\n---\n# Heading\n\nThe **council** was rated "
                 "inadequate by [Ofsted](https://ofsted.gov.uk) after a visit.\n", encoding="utf-8")
    a = read_article(f)
    assert (a.title, a.outlet, a.author, a.date, a.url) == (
        "Council rated inadequate", "Devon Live", "Jo Bloggs", dt.date(2021, 5, 20), "https://example.org/a")
    assert "The council was rated inadequate by Ofsted after a visit." in a.text


def test_html_main_text_and_metadata(tmp_path):
    body = " ".join(["Inspectors found that children in Devon waited too long for help."] * 4)
    html = f"""<html><head><title>Devon children's services | Example News</title>
    <meta property="og:title" content="Devon children's services still failing">
    <meta property="og:site_name" content="Example News">
    <meta name="author" content="Sam Reporter">
    <meta property="article:published_time" content="2022-03-15T10:00:00Z"></head>
    <body><nav>Home | News | Sport</nav><article><h1>Devon children's services still failing</h1>
    <p>{body}</p><p>The council said it had a clear improvement plan for the coming year.</p></article>
    <footer>Cookie policy. Sign up to our newsletter.</footer></body></html>"""
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    a = read_article(f)
    assert a.title == "Devon children's services still failing"
    assert a.outlet == "Example News"
    assert a.author == "Sam Reporter"
    assert a.date == dt.date(2022, 3, 15)
    assert "clear improvement plan" in a.text
    assert "Cookie policy" not in a.text and "Home | News" not in a.text


def test_docx_article(tmp_path):
    d = docx.Document()
    d.core_properties.title = "Monitoring visit"
    d.core_properties.author = "A Writer"
    d.add_paragraph("Ofsted found that progress was slow in Devon after a visit in February.")
    d.add_paragraph("The council said it would act.")
    d.save(tmp_path / "a.docx")
    a = read_article(tmp_path / "a.docx")
    assert a.title == "Monitoring visit" and a.author == "A Writer"
    assert a.paragraphs == ("Ofsted found that progress was slow in Devon after a visit in February.",
                            "The council said it would act.")


def test_bad_files_are_skipped_with_a_reason(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "fake.docx").write_bytes(b"not a zip")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "good.txt").write_text("Ofsted rated the council inadequate in January 2020.", encoding="utf-8")
    skipped = {}
    arts = ingest_folder(tmp_path, on_skip=lambda p, why: skipped.__setitem__(p.name, why))
    assert [a.filename for a in arts] == ["good.txt"]
    assert skipped == {"empty.txt": "no text in it", "fake.docx": "not a valid Word file (not a zip package)",
                       "notes.pdf": "unsupported file type .pdf"}


def test_decode_utf16_and_cp1252():
    text = "Council\u2019s report \u2013 \u00a31m"
    assert decode(b"\xff\xfe" + text.encode("utf-16-le")) == text
    assert decode(text.encode("cp1252")) == text


@pytest.mark.parametrize("text,expected", [
    ("William Eichler 19 March 2020", dt.date(2020, 3, 19)),
    ("published March 19, 2020 at noon", dt.date(2020, 3, 19)),
    (" date 2022-03-15 Many", dt.date(2022, 3, 15)),
    ("in May", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_read_article_rejects_unknown_type(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("a,b", encoding="utf-8")
    with pytest.raises(SkipFile):
        read_article(f)


def test_link_to_another_story_inside_an_article_is_dropped(tmp_path):
    body = ("Archaeologists have found a Roman fort at Dura-Europos that was the site of a violent siege.\n\n"
            "BLOG: Why a Chemical Threat in Syria Is Terrifying\n\n"
            "No historical record exists of the battle, which occurred around 256 A.D.\n\n"
            "UPDATE: The museum has confirmed the find.\n")
    (tmp_path / "fort.txt").write_text(body, encoding="utf-8")
    text = read_article(tmp_path / "fort.txt").text
    assert "Chemical Threat" not in text
    assert "No historical record exists" in text and "UPDATE: The museum has confirmed the find." in text


@pytest.mark.parametrize("opening, kept", [
    ("DENVER (AP) \u2014 Troy Tulowitzki was traded to Toronto on Tuesday.", "Troy Tulowitzki was traded"),
    ("CANNES, France (AP) \u2014 A man rushed onto the red carpet at the festival.", "A man rushed onto"),
    ("PALO ALTO -- At least 10 prospective jurors refused to serve this week.", "At least 10 prospective"),
])
def test_wire_dateline_is_dropped(tmp_path, opening, kept):
    (tmp_path / "wire.txt").write_text(opening + "\n\nThe rest of the story follows in a second paragraph.\n",
                                       encoding="utf-8")
    text = read_article(tmp_path / "wire.txt").text
    assert text.startswith(kept), text
    # Also after a photo caption, where saved wire pages often have it.
    (tmp_path / "captioned.txt").write_text("Fans wear shirts at the ballpark on Saturday. (Associated Press)\n\n"
                                            + opening + "\n\nA second paragraph.\n", encoding="utf-8")
    paragraphs = read_article(tmp_path / "captioned.txt").paragraphs
    assert any(p.startswith(kept) for p in paragraphs) and not any(opening[:8] in p for p in paragraphs)


def test_capitalised_opening_that_is_no_dateline_stays(tmp_path):
    opening = "US - China talks were held in Geneva on Monday, officials said after the meeting."
    (tmp_path / "talks.txt").write_text(opening + "\n\nA second paragraph of the story.\n", encoding="utf-8")
    assert read_article(tmp_path / "talks.txt").text.startswith("US - China talks")
