"""HTML import: main text vs debris, metadata, encodings, bad input, writing, duplicates, CLI."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest

from legreader.cli.importing import run_import
from legreader.corpus.html import (
    MAX_PAGE_BYTES,
    ImportedPage,
    PageImportError,
    debris_kinds,
    debris_path,
    decode_page,
    find_duplicate,
    import_html,
    import_summary,
    normalise_url,
    slugify,
    write_import,
)
from legreader.corpus.loader import load_corpus, split_front_matter

FIXTURES = Path(__file__).parent / "fixtures" / "html"
NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def load(name: str) -> ImportedPage:
    return import_html((FIXTURES / name).read_bytes(), name, now=NOW)


# ----------------------------------------------------------------- main text vs debris


def test_news_page_keeps_article_drops_menus_ads_comments() -> None:
    page = load("news_nav_comments_ads.html")
    body = page.body
    for kept in (
        "Your body parts are connected in amazing ways.",
        "## Your brain and legs: Use them or lose them",
        "lose 70 percent of their nervous system stem cells",
        "- Go for short, daily walks, with a walker or cane if you need one.",
        "- Try yoga and tai chi, low-impact ways to squeeze in leg movement.",
        "However you choose to get more movement",
    ):
        assert kept in body
    for dropped in (
        "Subscribe to our newsletter",
        "Peak PS",
        "Sponsored",
        "Marvin",
        "cheap brain pills",
        "Leave a Reply",
        "You may also like",
        "Cholesterol Super-Brain",
        "All rights reserved",
        "cookies",
    ):
        assert dropped not in body
        assert dropped in page.debris
    # paragraphs are separated by blank lines; the debris holds nothing of the article
    assert "\n\nThe gut and brain have a direct line" in body
    assert "Your body parts are connected" not in page.debris


def test_blog_with_sidebar() -> None:
    page = load("blog_sidebar.html")
    assert "A new study published on the 23rd of may 2018" in page.body
    assert "### Keys points" in page.body
    assert "Anthony, S. S., Date, I., & Yasuhara, T. (2017)" in page.body
    for dropped in (
        "Recent Posts",
        "Archives",
        "Coffee and longevity",
        "Proudly powered",
        "Log Out",
    ):
        assert dropped not in page.body
        assert dropped in page.debris


def test_news_page_metadata_from_meta_and_opengraph() -> None:
    page = load("news_nav_comments_ads.html")
    assert page.title == "Why using your legs generates brain power"
    assert page.author == "Jenny Smiechowski"
    assert page.outlet == "EasyHealth Living"
    assert page.published == "2018-06-05"
    assert (
        page.url
        == "https://www.easyhealthliving.example/why-using-your-legs-generates-brain-power/"
    )
    assert page.language == "en-US"


def test_json_ld_metadata() -> None:
    page = load("jsonld_metadata.html")
    assert page.title == "Leg exercise is critical to brain and nervous system health"
    assert page.author == "Frontiers Press Office, Ana Ruiz"
    assert page.outlet == "Science Wire"
    assert page.published == "2018-05-23"
    assert page.url == "https://sciencewire.example/news/2018-05-leg-exercise-brain.html"
    assert page.language == "en-GB"
    assert "decreased the number of neural stem cells by 70 percent" in page.body
    assert "Most read" not in page.body and "Print this article" not in page.body


def test_blog_date_from_time_tag_and_title_without_site_suffix() -> None:
    page = load("blog_sidebar.html")
    assert page.published == "2018-05-25"
    assert page.outlet == "Study Finds Blog"
    assert page.title.startswith("Weight-bearing leg exercises send signals")


# -------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("name", ["cp1252_meta.html", "cp1252_nometa.html"])
def test_windows_1252_pages(name: str) -> None:
    page = load(name)
    assert "Università degli Studi di Milano" in page.body
    assert "rund 70 % weniger neurale Stammzellen hatten – ein „erstaunlicher“ Befund" in page.body
    assert "unter 5.000 €" in page.body
    assert page.title == "Warum Beinübungen dem Gehirn helfen"
    assert page.encoding == "cp1252"
    assert page.encoding_guessed is (name == "cp1252_nometa.html")
    assert "Startseite" in page.debris and "Startseite" not in page.body


def test_decode_layers() -> None:
    text = "<html><body><p>Caf\u00e9 \u2013 na\u00efve</p></body></html>"
    assert decode_page(b"\xef\xbb\xbf" + text.encode()).text == text
    assert decode_page(b"\xff\xfe" + text.encode("utf-16-le")).text == text
    utf8 = decode_page(text.encode())
    assert (utf8.encoding, utf8.guessed) == ("utf-8", False)
    latin = decode_page(b'<meta charset="iso-8859-1">' + "\u00e9\u20ac".encode("cp1252"))
    assert latin.text.endswith("\u00e9\u20ac") and latin.encoding == "cp1252"
    # A page that lies (declares UTF-8, is cp1252) still decodes, as a guess
    liar = decode_page(b'<meta charset="utf-8"><p>' + "Universit\u00e0".encode("cp1252"))
    assert "Universit\u00e0" in liar.text and liar.guessed


# --------------------------------------------------------------------------- bad input


def test_malformed_html_is_recovered() -> None:
    page = load("malformed.html")
    assert "The regular movement of the legs" in page.body
    assert "reduced the number of neural stem cells by 70 percent" in page.body
    assert "not text" not in page.body
    assert page.title == "Researcher: Leg training is also healthy for the brain"


def test_page_without_main_text() -> None:
    with pytest.raises(PageImportError, match="no article text"):
        load("no_main_text.html")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"<html><head><title>unclosed title<body><p>" + b"word " * 200,
        b"<<<>>><!-- <p>" * 1000,
        b"<?xml version='1.0' encoding='utf-8'?><html><body><p>short</p></body></html>",
        b"\x00\x01\x02" * 100,
        b"<p>" * 20_000,
    ],
)
def test_bad_input_gives_typed_one_line_error_or_text(data: bytes) -> None:
    try:
        page = import_html(data, "bad.html")
    except PageImportError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert page.body.strip()


def test_huge_page_refused() -> None:
    with pytest.raises(PageImportError, match="too large"):
        import_html(b" " * (MAX_PAGE_BYTES + 1), "huge.html")


def test_xml_declaration_page_imports() -> None:
    html = (FIXTURES / "news_nav_comments_ads.html").read_bytes()
    page = import_html(b'<?xml version="1.0" encoding="utf-8"?>\n' + html, "x.xhtml")
    assert "Your body parts are connected" in page.body


def test_escape_sequences_removed_markup_kept_verbatim() -> None:
    page = load("escapes_and_markup.html")
    everything = page.to_markdown() + page.debris
    for bad in ("\x1b", "\x9b", "\x07", "\x00", "]52;", "ZWNobyBwd25lZA", "pwned", "[2J", "[31m"):
        assert bad not in everything
    assert page.title == "Don’t skip leg day [bold]really[/bold]"
    assert "[bold]Reduction of Movement in Neurological Diseases[/]" in page.body
    assert "[@click=app.quit]Click me[/] and :warning: and a backslash \\ stay" in page.body
    assert "Well, it results that this phrase" in page.body
    assert "decreased by seventy percent compared to the group" in page.body


# --------------------------------------------------------------------- markdown output


def test_markdown_front_matter_round_trips_through_the_corpus_loader(tmp_path: Path) -> None:
    page = load("jsonld_metadata.html")
    meta, body = split_front_matter(page.to_markdown())
    assert meta == {
        "title": "Leg exercise is critical to brain and nervous system health",
        "outlet": "Science Wire",
        "author": ["Frontiers Press Office", "Ana Ruiz"],
        "published": "2018-05-23",
        "url": "https://sciencewire.example/news/2018-05-leg-exercise-brain.html",
        "language": "en-GB",
        "kind": "article",
        "imported_from": "jsonld_metadata.html",
        "imported_at": "2026-01-02T03:04:05Z",
    }
    assert body.strip() == page.body
    path = write_import(page, tmp_path)
    corpus = load_corpus([tmp_path])
    assert len(corpus.articles) == 1 and not corpus.skipped  # the .debris.txt is not an article
    article = corpus.articles[0]
    assert article.title == page.title and article.outlet == "Science Wire"
    assert article.authors == ("Frontiers Press Office", "Ana Ruiz")
    assert article.body.strip() == page.body
    assert debris_path(path).read_text(encoding="utf-8").startswith("Science Wire Latest news")


def test_front_matter_only_has_keys_with_values() -> None:
    page = load("malformed.html")
    meta, _ = split_front_matter(page.to_markdown())
    assert meta is not None
    assert set(meta) == {"title", "author", "kind", "imported_from", "imported_at"}


def test_title_with_yaml_specials_is_quoted() -> None:
    page = ImportedPage("x.html", 'Study: "70%" --- #1\n- [bold]', "word " * 30, imported_at="t")
    meta, _ = split_front_matter(page.to_markdown())
    assert meta is not None and meta["title"] == 'Study: "70%" --- #1\n- [bold]'


# ------------------------------------------------------------------------------- writing


def test_write_never_overwrites(tmp_path: Path) -> None:
    page = load("news_nav_comments_ads.html")
    unrelated = tmp_path / "why-using-your-legs-generates-brain-power.md"
    unrelated.write_text("mine", encoding="utf-8")
    first = write_import(page, tmp_path)
    second = write_import(page, tmp_path)
    assert unrelated.read_text(encoding="utf-8") == "mine"
    assert first.name == "why-using-your-legs-generates-brain-power-2.md"
    assert second.name == "why-using-your-legs-generates-brain-power-3.md"
    assert debris_path(first).exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


def test_write_skips_name_whose_sidecar_is_taken(tmp_path: Path) -> None:
    page = load("jsonld_metadata.html")
    (tmp_path / f"{page.slug}.debris.txt").write_text("other", encoding="utf-8")
    assert write_import(page, tmp_path).name == f"{page.slug}-2.md"


def test_write_replace_updates_in_place(tmp_path: Path) -> None:
    page = load("jsonld_metadata.html")
    path = write_import(page, tmp_path)
    assert write_import(page, tmp_path, replace=path) == path
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([path.name, debris_path(path).name])


def test_slugify() -> None:
    assert slugify("Università: 70% fewer stem cells!") == "universita-70-fewer-stem-cells"
    assert len(slugify("word " * 50)) <= 60
    assert slugify("[@click=app.quit]") == "click-app-quit"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert ImportedPage("../x.html", "", "b", imported_at="t").slug == "x"
    assert ImportedPage("", "", "b", imported_at="t").slug == "article"


# ---------------------------------------------------------------------------- duplicates


def test_normalise_url() -> None:
    a = normalise_url("https://www.Example.com/a/b/?utm_source=x&id=3&fbclid=9#frag")
    assert a == normalise_url("http://example.com/a/b?id=3") == "example.com/a/b?id=3"
    assert normalise_url("https://example.com/a/") != normalise_url("https://example.com/b/")
    assert normalise_url("not a url") is None and normalise_url(None) is None


def test_duplicate_by_url() -> None:
    page = load("blog_sidebar.html")  # canonical URL has utm params
    existing = [
        ("other", "https://example.org/x", "unrelated text " * 20),
        ("same", "https://studyfindsblog.example/2018/05/25/leg-exercises-brain", ""),
    ]
    match = find_duplicate(page, existing)
    assert match is not None and (match.article_id, match.reason) == ("same", "same URL")


def test_duplicate_by_near_identical_text() -> None:
    page = load("news_nav_comments_ads.html")
    edited = page.body.replace("amazing", "astonishing") + "\n\nEditor's note: updated."
    with_debris = "Home\nMenu\n" + page.body + "\n\n3 comments\nGreat article!"
    other = load("jsonld_metadata.html").body
    assert find_duplicate(page, [("x", None, other)]) is None
    for text in (edited, with_debris):
        match = find_duplicate(page, [("x", None, other), ("dup", None, text)])
        assert match is not None and match.article_id == "dup"
        assert match.reason == "near-identical text" and match.score >= 0.85
    half = "\n\n".join(page.body.split("\n\n")[:4])
    assert find_duplicate(page, [("half", None, half)]) is None


# ----------------------------------------------------------------------------------- CLI


def test_run_import_cli(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    into = tmp_path / "corpus"
    files = [
        FIXTURES / "news_nav_comments_ads.html",
        FIXTURES / "no_main_text.html",
        tmp_path / "missing.html",
        FIXTURES / "news_nav_comments_ads.html",
    ]
    # one imported, three skipped -> 1 (0 only when every page was imported)
    assert run_import(files, into, update=False, out=out, err=err) == 1
    lines_out, lines_err = out.getvalue().splitlines(), err.getvalue().splitlines()
    written = into / "why-using-your-legs-generates-brain-power.md"
    assert lines_out[0].startswith(f"imported {files[0]} -> {written}: kept ")
    assert "set aside in why-using-your-legs-generates-brain-power.debris.txt" in lines_out[0]
    # the same file again on the command line is not "a duplicate of" anything
    assert lines_out[1] == f"{files[3]}: given twice, imported once (as {written})"
    assert lines_err[0] == f"skipped {files[1]}: no article text found on the page"
    assert lines_err[1] == f"skipped {files[2]}: no such file"
    assert len(lines_err) == 2

    # a second run: the article is found in the folder; nothing imported -> 2
    out, err = io.StringIO(), io.StringIO()
    assert run_import([files[0]], into, update=False, out=out, err=err) == 2
    assert err.getvalue() == (
        f"skipped {files[0]}: already imported as {written} (same URL); --update replaces it\n"
    )

    out, err = io.StringIO(), io.StringIO()
    assert run_import([files[0]], into, update=True, out=out, err=err) == 0
    assert out.getvalue().startswith("updated ")
    assert len(list(into.glob("*.md"))) == 1
    # updating again with the same page: said to be unchanged, not a duplicate of itself
    out, err = io.StringIO(), io.StringIO()
    assert run_import([files[0]], into, update=True, out=out, err=err) == 0
    assert out.getvalue() == f"unchanged {files[0]} -> {written}: the file already has this text\n"


def test_import_says_where_the_debris_went(tmp_path: Path) -> None:
    page = load("news_nav_comments_ads.html")
    summary = import_summary(page, tmp_path / "x.md")
    paragraphs = len([b for b in page.body.split("\n\n") if b.strip()])
    debris_lines = len([line for line in page.debris.splitlines() if line.strip()])
    assert summary.startswith(
        f"kept {paragraphs} paragraphs; {debris_lines} lines of page debris ("
    )
    assert summary.endswith(") set aside in x.debris.txt")
    kinds = dict(debris_kinds(page.debris, page.title))
    assert kinds.get("menus", 0) >= 3 and "share buttons" in kinds and "comments" in kinds
    assert list(kinds)[-1] == "other text" or "other text" not in kinds


def test_debris_kinds_general_rules() -> None:
    debris = "\n".join(
        [
            "Home",
            "About · Contact · Donate",
            "Share on Facebook",
            "We use cookies to improve your experience",
            "Subscribe to our newsletter",
            "Leave a Reply",
            "© 2020 Example Media",
            "By A. Writer | 1 May 2020",
            "A long line that says something about the site and matches no known kind at all",
        ]
    )
    assert dict(debris_kinds(debris)) == {
        "menus": 2,
        "share buttons": 1,
        "cookie notices": 1,
        "sign-up and log-in prompts": 1,
        "comments": 1,
        "copyright lines": 1,
        "title and byline": 1,
        "other text": 1,
    }


def test_page_inside_the_target_folder_is_not_its_own_duplicate(tmp_path: Path) -> None:
    import shutil

    into = tmp_path / "corpus"
    into.mkdir()
    page = into / "saved.html"
    shutil.copy(FIXTURES / "blog_sidebar.html", page)
    out, err = io.StringIO(), io.StringIO()
    assert run_import([page], into, update=True, out=out, err=err) == 2
    assert err.getvalue() == f"skipped {page}: already in {into} (a saved page is read as it is)\n"
    assert "duplicate" not in err.getvalue()


def test_two_files_with_the_same_page(tmp_path: Path) -> None:
    import shutil

    first, second = tmp_path / "a.html", tmp_path / "b.html"
    shutil.copy(FIXTURES / "blog_sidebar.html", first)
    shutil.copy(FIXTURES / "blog_sidebar.html", second)
    into = tmp_path / "corpus"
    out, err = io.StringIO(), io.StringIO()
    assert run_import([first, second], into, update=False, out=out, err=err) == 1
    (line,) = err.getvalue().splitlines()
    assert line.startswith(f"skipped {second}: same page as {first} (same URL), imported above as ")


def test_run_import_refuses_fifo_folder_and_file_target(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    out, err = io.StringIO(), io.StringIO()
    assert run_import([fifo, tmp_path], tmp_path / "c", update=False, out=out, err=err) == 2
    assert err.getvalue().splitlines() == [
        f"skipped {fifo}: not a regular file",
        f"skipped {tmp_path}: a folder",
    ]
    target = tmp_path / "file.txt"
    target.write_text("x", encoding="utf-8")
    err = io.StringIO()
    assert run_import([FIXTURES / "blog_sidebar.html"], target, update=False, out=out, err=err) == 2
    assert "not a folder" in err.getvalue()


def test_domain_modules_do_not_import_textual() -> None:
    code = (
        "import sys, legreader.corpus.html, legreader.cli.importing, legreader.search.index;"
        "print([m for m in sys.modules if m.split('.')[0] == 'textual'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
