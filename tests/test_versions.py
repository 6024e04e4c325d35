"""Nothing lost, nothing silently changed: stored values survive a re-add, a replaced text is
kept as a version, and the add report names every merge (issue 17)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tui.ingest import add_sources
from tui.storage import Library

MB = 1024 * 1024
OLD = ("The council delayed the vote on the bridge repairs until next month.\n\n"
       "Residents asked for more time to read the engineers' report on the old structure.\n\n"
       "The harbour master said the ferry would run every hour while the bridge is shut.")
NEW = ("The council delayed the vote on the bridge repairs until next month.\n\n"
       "The mayor now says the repairs will cost six million pounds and take three years.")
GONE = "the ferry would run every hour while the bridge is shut"


def page(path: Path, body: str, url: str = "https://news.example/bridge") -> Path:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    path.write_text(f'<html><head><title>Bridge vote delayed</title><link rel="canonical" '
                    f'href="{url}?utm_source=feed"></head><body><article>'
                    f"<h1>Bridge vote delayed</h1>{paragraphs}</article></body></html>")
    return path


def feed(path: Path, body: str, url: str = "https://news.example/bridge#top") -> Path:
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>City Wire</title><item>'
        f"<title>Bridge vote delayed again</title><link>{url}</link>"
        f"<description>{body.replace(chr(10) * 2, ' ')}</description>"
        "<pubDate>Tue, 02 Jan 2024 10:00:00 GMT</pubDate></item></channel></rss>")
    return path


def add(run, *args: str) -> tuple[dict, int]:
    result = run("add", *args, "--json")
    return json.loads(result.output), result.exit_code


# -- stored values survive --------------------------------------------------------------------


def test_readding_without_a_value_keeps_the_stored_one(run, tmp_path):
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "story.txt").write_text("Ferry fares rise\n\nFares rise by a tenth in May.\n")
    assert add(run, str(folder / "story.txt"), "--source", "Test Wire")[0]["added"] == 1
    report, _ = add(run, str(folder))  # no --source
    assert (report["updated"], report["unchanged"]) == (0, 1)
    shown = json.loads(run("show", "1", "--json").output)
    assert shown["source"] == "Test Wire" and shown["versions"] == []
    # A value given replaces, and the one it replaces is kept in a version.
    report, _ = add(run, str(folder), "--source", "Other Wire")
    assert report["updated"] == 1
    shown = json.loads(run("show", "1", "--json").output)
    assert shown["source"] == "Other Wire"
    assert [v["source"] for v in shown["versions"]] == ["Test Wire"]


def test_front_matter_values_missing_later_are_kept(library, tmp_path):
    story = tmp_path / "story.md"
    story.write_text("---\ntitle: Ferry fares rise\nsource: Harbour Post\nauthor: Ines Barrow\n"
                     "url: https://harbour.example/fares\npublished: 2024-03-01\n"
                     "credit: © Harbour Post\n---\nFares rise by a tenth in May.\n")
    first = add_sources(library, [str(story)], max_bytes=MB)
    story.write_text("Ferry fares rise\n\nFares rise by a tenth in May.\n")  # front matter gone
    again = add_sources(library, [str(story)], max_bytes=MB)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 1)
    article = library.articles.get(first.ids[0])
    assert (article.source, article.author, article.url, article.published, article.credit) == (
        "Harbour Post", "Ines Barrow", "https://harbour.example/fares", "2024-03-01",
        "© Harbour Post")
    assert library.articles.count() == 1


# -- versions ---------------------------------------------------------------------------------


def test_a_changed_text_is_kept_as_a_version_and_orphans_point_at_it(library, tmp_path):
    first = add_sources(library, [str(page(tmp_path / "page.html", OLD))], max_bytes=MB)
    article_id = first.ids[0]
    highlight = library.notes.add_note(article_id, "the ferry plan", quote=GONE)
    kept = library.notes.add_note(article_id, "", quote="delayed the vote on the bridge repairs")
    before = library.articles.get(article_id)
    report = add_sources(library, [str(feed(tmp_path / "feed.rss", NEW))], max_bytes=MB)
    assert (report.added, report.updated) == (0, 1) and report.ids == [article_id]
    now = library.articles.get(article_id)
    assert "six million" in now.body and GONE not in now.body
    [version] = library.articles.versions(article_id)
    assert (version.number, version.title, version.path, version.source) == (
        1, before.title, str(tmp_path / "page.html"), before.source)
    assert (version.stored, version.replaced) == (before.updated, now.updated)
    assert version.replaced_by == str(tmp_path / "feed.rss")
    assert library.articles.version(article_id, 1).body == before.body
    notes = {n.id: n for n in library.notes.annotations(article_id)}
    assert notes[highlight].orphan and notes[highlight].version == 1
    assert GONE in library.articles.version(article_id, notes[highlight].version).body
    assert not notes[kept].orphan and notes[kept].version is None


def test_an_orphan_keeps_its_version_and_is_placed_again_when_the_text_returns(library,
                                                                               tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Bridge vote delayed\n\n" + OLD)
    article_id = add_sources(library, [str(story)], max_bytes=MB).ids[0]
    note = library.notes.add_note(article_id, "", quote=GONE)
    for body in (NEW, NEW + "\n\nA third paragraph about the tolls."):
        story.write_text("Bridge vote delayed\n\n" + body)
        assert add_sources(library, [str(story)], max_bytes=MB).updated == 1
    [orphan] = library.notes.annotations(article_id)
    assert orphan.orphan and orphan.version == 1  # where it stands, not the last text
    story.write_text("Bridge vote delayed\n\n" + OLD)  # the same file, back as it was
    assert add_sources(library, [str(story)], max_bytes=MB).updated == 1
    [placed] = library.notes.annotations(article_id)
    assert (placed.orphan, placed.version, placed.quote) == (False, None, GONE)
    assert [v.number for v in library.articles.versions(article_id)] == [1, 2, 3]


def test_show_prints_an_earlier_version_and_lists_them_in_json(run, tmp_path):
    add(run, str(page(tmp_path / "page.html", OLD)))
    add(run, str(feed(tmp_path / "feed.rss", NEW)))
    text = run("show", "1", "--version", "1").output
    assert text.startswith("Bridge vote delayed\n")
    assert "version 1 of 2: stored " in text and f"from {tmp_path / 'page.html'}" in text
    assert GONE in text and "six million" not in text
    current = run("show", "1").output
    assert "version 2: 1 earlier version (newsreader show 1 --version N)" in current
    assert "six million" in current
    shown = json.loads(run("show", "1", "--json").output)
    assert shown["version"] == 2 and "added" in shown and "published" in shown
    [listed] = shown["versions"]
    assert listed["number"] == 1 and listed["path"] == str(tmp_path / "page.html")
    assert "body" not in listed
    one = json.loads(run("show", "1", "--version", "1", "--json").output)
    assert one["number"] == 1 and GONE in one["body"] and one["current_version"] == 2
    assert run("show", "1", "--version", "2").output == current  # the current one
    missing = run("show", "1", "--version", "3")
    assert missing.exit_code == 1
    assert "article 1 has versions 1 to 2 (2 is its current text), not 3" in missing.output


def test_no_update_and_the_config_key_keep_stored_articles_as_they_are(run, tmp_path):
    add(run, str(page(tmp_path / "page.html", OLD)))
    changed = feed(tmp_path / "feed.rss", NEW)
    report, _ = add(run, str(changed), "--no-update")
    assert (report["updated"], report["kept"]) == (0, 1)
    config = Path(os.environ["NEWSREADER_CONFIG"])  # the test's own (conftest)
    config.write_text("[ingest]\nupdate = false\n")
    report, _ = add(run, str(changed))
    assert (report["updated"], report["kept"]) == (0, 1)
    shown = json.loads(run("show", "1", "--json").output)
    assert GONE in shown["body"] and shown["versions"] == []
    report, _ = add(run, str(changed), "--update")  # the flag wins over the config
    assert report["updated"] == 1
    config.write_text("[ingest]\nupdate = 1\n")
    bad = run("add", str(changed))
    assert bad.exit_code == 1 and "ingest.update has the wrong type" in bad.output


def test_two_sources_of_one_url_do_not_swap_its_text_on_every_add(library, tmp_path):
    sources = [str(page(tmp_path / "page.html", OLD)), str(feed(tmp_path / "feed.rss", NEW))]
    add_sources(library, sources, max_bytes=MB)
    for _ in range(2):
        report = add_sources(library, sources, max_bytes=MB)
        assert (report.updated, report.unchanged) == (0, 2)
    assert len(library.articles.versions(1)) == 1


def test_stats_and_backup_hold_the_versions(run, tmp_path):
    add(run, str(page(tmp_path / "page.html", OLD)))
    add(run, str(feed(tmp_path / "feed.rss", NEW)))
    stats = json.loads(run("stats", "--json").output)
    assert (stats["versions"], stats["articles_with_versions"]) == (1, 1)
    assert run("backup", str(tmp_path / "copy.db")).exit_code == 0
    with Library(tmp_path / "copy.db", readonly=True) as copy:
        assert GONE in copy.articles.version(1, 1).body


# -- the add report names every merge --------------------------------------------------------


def test_the_report_names_every_merge_with_its_reason(run, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = "Ferry fares rise\n\nFares rise by a tenth in May, the harbour board said.\n"
    (folder / "a.txt").write_text(text)
    (folder / "b.txt").write_text(text.replace("tenth", "TENTH"))  # the same letters
    (folder / "c.txt").write_text("Another story\n\nThe ferry is late again.\n")
    page(folder / "page.html", OLD)
    feed(folder / "z.rss", NEW)
    report, _ = add(run, str(folder))
    assert (report["added"], report["updated"], report["unchanged"]) == (3, 1, 1)
    assert report["merged"] == [
        {"source": str(folder / "b.txt"), "article_id": 1, "reason": "same text"},
        {"source": str(folder / "z.rss"), "article_id": 3, "reason": "same URL"}]
    human = run("add", str(folder))
    assert human.output.strip().endswith(
        "added 0, updated 0, unchanged 5, skipped 0; 2 sources merged into articles stored "
        "from other sources (-v or --json lists them)")
    verbose = run("add", str(folder), "-v").output
    assert f"merged {folder / 'b.txt'} into article 1 (same text)" in verbose
    # The article now holds the feed's text: the page is the source folded into it.
    assert f"merged {folder / 'page.html'} into article 3 (same URL)" in verbose
    # The duplicate never changed the text it was folded into.
    assert "TENTH" not in json.loads(run("show", "1", "--json").output)["body"]


def test_exports_carry_the_versions_and_point_orphans_at_them(run, tmp_path):
    add(run, str(page(tmp_path / "page.html", OLD)))
    assert run("note", "1", "the ferry plan", "--quote", GONE).exit_code == 0
    add(run, str(feed(tmp_path / "feed.rss", NEW)))
    data = json.loads(run("export", "--format", "json").output)
    [version] = data["versions"]
    assert (version["number"], version["type"], version["path"]) == (
        1, "ArticleVersion", str(tmp_path / "page.html"))
    assert GONE in version["body"] and version["article"] == "https://news.example/bridge#top"
    [orphan] = data["items"]
    assert orphan["target"]["state"] == {
        "type": "TimeState", "sourceDateStart": version["stored"],
        "sourceDateEnd": version["replaced"], "cached": version["id"]}
    vault = tmp_path / "vault"
    assert run("export", "-o", str(vault)).exit_code == 0
    [markdown] = vault.iterdir()
    text = markdown.read_text()
    orphans, earlier = text.split("## Could not be placed in the current text")[1].split(
        "## Earlier versions")
    assert "(The passage stands in version 1, under Earlier versions.)" in orphans
    assert earlier.startswith("\n\n### Version 1: Bridge vote delayed\n\nstored ")
    assert f"from {tmp_path / 'page.html'}; replaced " in earlier
    assert f"by {tmp_path / 'feed.rss'}." in earlier and "> " + OLD.split("\n")[0] in earlier
