"""Large batches read and extract in worker processes; one writer stores them in order."""

from __future__ import annotations

import json
import pickle
import shutil
from itertools import pairwise
from pathlib import Path

import pytest

import tui.ingest.pipeline as pipeline
from tui.config import ConfigError, load_settings
from tui.ingest import add_sources
from tui.ingest.pipeline import Options, ReadJob, run_job, worker_count
from tui.storage import Library
from tui.storage.articles import Articles

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
NAMES = ["Angela Merkel", "Lagos", "Reuters", "Emmanuel Macron", "Peru", "the United Nations"]


def story(i: int) -> str:
    name = NAMES[i % len(NAMES)]
    return (f"Story number {i} about {name}\n\n"
            f"Officials met {name} on Tuesday in a meeting about item {i}.\n\n"
            f"A second paragraph says word{i} twice: word{i}.\n")


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """Every kind of source, some of them bad, in one folder."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for fixture in FIXTURES.iterdir():
        shutil.copy(fixture, folder / fixture.name)
    shutil.copytree(SEEDS, folder / "seeds")
    texts = folder / "texts"
    texts.mkdir()
    for i in range(120):
        (texts / f"{i:03d}.txt").write_text(story(i))
    (texts / "empty.txt").write_text("")
    (texts / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    lines = [json.dumps({"title": f"Dump {i}", "text": story(i)}) for i in range(250)]
    lines[7] = "{not json"
    lines[130] = json.dumps({"title": "No text here"})
    (folder / "dump.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def snapshot(library: Library) -> list[tuple]:
    """Everything ingest writes, in a comparable form."""
    conn = library.conn
    articles = conn.execute(
        "SELECT id, uid, title, body, source, author, url, published, credit, path, "
        "content_hash, word_count, entities_version FROM articles ORDER BY id").fetchall()
    mentions = conn.execute(
        'SELECT m.article_id, m.start, m."end", m.text, e.name, e.label FROM mentions m '
        "JOIN entities e ON e.id = m.entity_id ORDER BY 1, 2").fetchall()
    entities = conn.execute(
        "SELECT name, label, article_count FROM entities ORDER BY 1, 2").fetchall()
    return [articles, mentions, entities]


def ingest(tmp_path: Path, name: str, sources: list[str], **options):
    library = Library(tmp_path / f"{name}.db")
    report = add_sources(library, sources, max_bytes=1 << 20, **options)
    return library, report


def test_workers_store_exactly_what_one_process_stores(tmp_path, mixed):
    serial, one = ingest(tmp_path, "serial", [str(mixed)], workers=1)
    parallel, two = ingest(tmp_path, "parallel", [str(mixed)], workers=2)
    assert one.added > 370
    assert two.to_dict() == one.to_dict()
    assert two.ids == one.ids
    assert snapshot(parallel) == snapshot(serial)
    assert sum(len(rows) for rows in snapshot(parallel)) > one.added  # mentions were stored
    reasons = {skip.source.split("/")[-1]: skip.reason for skip in two.skipped}
    assert reasons["dump.jsonl:8"].startswith("invalid JSON")
    assert reasons["dump.jsonl:131"] == "no text"
    assert "binary" in reasons["binary.txt"]
    assert reasons["empty.txt"] == "empty file"
    # Adding again through workers changes nothing and reports every article unchanged.
    _, again = ingest(tmp_path, "parallel", [str(mixed)], workers=2)
    assert (again.added, again.updated, again.unchanged) == (0, 0, one.added)


def test_progress_counts_input_bytes_up_to_the_total(tmp_path, mixed):
    seen: list[tuple[int, int, int]] = []
    _, report = ingest(tmp_path, "progress", [str(mixed)], workers=2,
                       progress=lambda done, total, articles: seen.append((done, total, articles)))
    total = sum(p.stat().st_size for p in mixed.rglob("*") if p.is_file())
    assert seen[-1] == (total, total, report.added)
    assert all(a[0] <= b[0] and a[2] <= b[2] for a, b in pairwise(seen))
    assert len(seen) > 3


def test_a_dump_is_streamed_a_window_at_a_time(tmp_path, monkeypatch):
    """Reading runs at most a few tasks ahead of storing, whatever the dump's size."""
    dump = tmp_path / "big.jsonl"
    count = 40 * pipeline.JOB_RECORDS
    dump.write_text("".join(json.dumps({"title": f"T{i}", "text": story(i)}) + "\n"
                            for i in range(count)))
    read = [0]
    real = pipeline.iter_records

    def counting(*args, **kwargs):
        for item in real(*args, **kwargs):
            read[0] += 1
            yield item

    monkeypatch.setattr(pipeline, "iter_records", counting)
    ahead = []

    def progress(done, total, articles):
        ahead.append(read[0] - articles)

    _, report = ingest(tmp_path, "stream", [str(dump)], workers=2, progress=progress)
    assert report.added == count
    window = 2 * pipeline.WINDOW_PER_WORKER + 1
    assert max(ahead) <= window * pipeline.JOB_RECORDS


def test_ctrl_c_keeps_what_was_committed(tmp_path, mixed):
    calls = [0]

    def interrupt(done, total, articles):
        calls[0] += 1
        if articles >= 1:
            raise KeyboardInterrupt

    library, report = ingest(tmp_path, "stop", [str(mixed / "dump.jsonl")] * 1 +
                             [str(mixed / "texts")], workers=2, progress=interrupt)
    assert report.interrupted and report.to_dict()["interrupted"] is True
    assert library.articles.count() == report.added
    integrity = library.conn.execute("PRAGMA integrity_check").fetchone()[0]
    assert integrity == "ok"
    _, rest = ingest(tmp_path, "stop", [str(mixed / "dump.jsonl"), str(mixed / "texts")],
                     workers=2)
    assert not rest.interrupted
    assert library.articles.count() == rest.added + rest.unchanged


def test_a_source_that_breaks_the_reader_is_skipped_not_fatal(tmp_path, monkeypatch):
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(story(i))
    real = pipeline.read_source

    def flaky(source, **kwargs):
        if source.endswith("1.txt"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(source, **kwargs)

    monkeypatch.setattr(pipeline, "read_source", flaky)
    _, report = ingest(tmp_path, "flaky", [str(tmp_path)], workers=1)
    assert report.added == 2
    assert [s.reason for s in report.skipped] == [
        "could not be read (RecursionError: maximum recursion depth exceeded)"]


def test_units_cross_processes_intact(tmp_path):
    (tmp_path / "a.txt").write_text(story(0))
    unit = run_job(ReadJob(sources=[str(tmp_path / "a.txt"), str(tmp_path / "missing.txt")]),
                    Options(max_bytes=1 << 20))
    copy = pickle.loads(pickle.dumps(unit))
    assert copy == unit
    assert copy.items[0].spans and copy.items[1].result.skip.reason


def test_small_batches_stay_in_process_and_big_ones_use_every_core():
    assert worker_count({"a": 1000}, None) == 1
    assert worker_count({"a": pipeline.PARALLEL_MIN_BYTES}, None) >= 1
    assert worker_count({"a": 10}, 3) == 3


def test_workers_setting_and_environment(tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text("[ingest]\nworkers = 3\n")
    assert load_settings(config).workers == 3
    monkeypatch.setenv("NEWSREADER_WORKERS", "1")
    assert load_settings(config).workers == 1
    monkeypatch.setenv("NEWSREADER_WORKERS", "many")
    with pytest.raises(ConfigError, match="NEWSREADER_WORKERS"):
        load_settings(config)
    monkeypatch.delenv("NEWSREADER_WORKERS")
    config.write_text("[ingest]\nworkers = -1\n")
    with pytest.raises(ConfigError, match="workers"):
        load_settings(config)


def test_a_write_failing_part_way_keeps_the_committed_batches(tmp_path, monkeypatch):
    """The disk fills after the first batch: it stays, the report and the CLI say so."""
    from click.testing import CliRunner

    from tui.cli import cli
    from tui.ingest import BATCH
    from tui.storage.library import LibraryError

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(BATCH + 20):
        (folder / f"{i:04d}.txt").write_text(story(i))
    real = Articles.upsert
    calls = [0]

    def fills_up(self, articles, entities=None, **options):
        calls[0] += 1
        if calls[0] > 1:
            raise LibraryError(f"the disk holding {self.db.path} is full; nothing was changed")
        return real(self, articles, entities, **options)

    monkeypatch.setattr(Articles, "upsert", fills_up)
    library, report = ingest(tmp_path, "full", [str(folder)], workers=1)
    assert report.added == BATCH and "is full" in report.error
    assert library.articles.count() == BATCH
    calls[0] = 0
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "cli.db"), "add", str(folder)])
    assert result.exit_code == 1
    assert f"added {BATCH}, updated 0" in result.output
    assert "is full; the articles counted above were stored: run the same command again" \
        in result.output
    assert "Traceback" not in result.output
