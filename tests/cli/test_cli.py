"""The real ``newsweave`` command on real files and a real SQLite store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import CASES, ROOT

INPUTS = (str(CASES / "*" / "input.html"), str(CASES / "*" / "input.txt"))


def run(
    *args: str, cwd: Path | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsweave.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin.decode() if stdin else None,
        timeout=300,
    )


def test_ingest_status_show_export_forget(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    bad = tmp_path / "broken.html"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    first = run("ingest", *INPUTS, str(bad), "--db", str(db))
    assert first.returncode == 1, first.stderr
    error_lines = [line for line in first.stderr.splitlines() if line.startswith("error ")]
    assert len(error_lines) == 1
    assert "NW102" in error_lines[0] and "broken.html" in error_lines[0]
    assert "new documents" in first.stdout

    again = run("ingest", *INPUTS, "--db", str(db))
    assert again.returncode == 0, again.stderr

    status = run("status", "--json", "--db", str(db))
    counts = json.loads(status.stdout)
    assert counts["documents"] == len([*CASES.glob("*/input.html"), *CASES.glob("*/input.txt")])
    assert counts["segments"]["body"] > 0

    listed = run("events", "--json", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    events = json.loads(listed.stdout)
    assert any(e["type"] == "PROTEST" for e in events)
    assert all(e["sentence"] and e["end"] > e["start"] for e in events)
    coerce = json.loads(run("events", "--type", "coerce", "--json", "--db", str(db)).stdout)
    assert coerce and {e["type"] for e in coerce} == {"COERCE"}
    ties = run("relations", "Danquah", "--json", "--db", str(db))
    assert ties.returncode == 0 and isinstance(json.loads(ties.stdout), list)

    # entities: paged (and streamed whole with --limit 0), pages add up to the whole list
    every = json.loads(run("entities", "--limit", "0", "--json", "--db", str(db)).stdout)
    assert len(every) > 4 and every[0]["actor_ids"] and every[0]["documents"]
    pages = [
        json.loads(run("entities", "-n", "3", "--page", str(p), "--json", "--db", str(db)).stdout)
        for p in (1, 2)
    ]
    assert [e["id"] for e in pages[0] + pages[1]] == [e["id"] for e in every[:6]]
    name = every[0]["name"]
    named = json.loads(run("entities", "--name", name, "--json", "--db", str(db)).stdout)
    assert every[0]["id"] in {e["id"] for e in named}
    assert json.loads(run("entities", "--name", "Qxzvw", "--json", "--db", str(db)).stdout) == []
    table = run("entities", "-n", "2", "--db", str(db))
    assert table.returncode == 0 and f"2 of {len(every)} entities" in table.stdout

    export_file = tmp_path / "out.json"
    assert run("export", "--format", "json", str(export_file), "--db", str(db)).returncode == 0
    exported = json.loads(export_file.read_text())
    assert exported["format"] == "newsweave/1"
    doc_id = exported["documents"][0]["id"]

    shown = run("show", doc_id[:8], "--db", str(db))
    assert shown.returncode == 0 and exported["documents"][0]["title"] in shown.stdout

    assert run("forget", doc_id, "--db", str(db)).returncode == 0
    missing = run("forget", doc_id, "--db", str(db))
    assert missing.returncode == 1 and "NW202" in missing.stderr


def test_stdin_and_env_db(tmp_path: Path) -> None:
    text = (CASES / "paste_with_furniture" / "input.txt").read_bytes()
    proc = subprocess.run(
        [sys.executable, "-m", "newsweave.cli", "ingest", "-"],
        input=text,
        capture_output=True,
        cwd=tmp_path,
        env={"NEWSWEAVE_DB": str(tmp_path / "env.db"), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "env.db").exists()


def test_every_command_has_help_and_is_documented() -> None:
    from newsweave.cli import app

    readme = (ROOT / "README.md").read_text() + (ROOT / "docs" / "cli.md").read_text()
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert names
    for name in names:
        result = run(name, "--help")
        assert result.returncode == 0, name
        assert "Usage" in result.stdout
        assert f"newsweave {name}" in readme, f"command {name} is not documented"


def test_eval_help_names_every_task() -> None:
    from newsweave.evaluate.harness import TASKS

    text = " ".join(run("eval", "--help").stdout.split())
    for task in TASKS:
        assert task in text, f"eval --help does not name the task {task}"


def test_every_setting_and_error_is_documented() -> None:
    from newsweave.errors import CATALOGUE
    from newsweave.settings import iter_fields

    settings_doc = (ROOT / "docs" / "settings.md").read_text()
    for name, _, doc in iter_fields():
        assert f"`{name}`" in settings_doc, name
        assert doc
    errors_doc = (ROOT / "docs" / "errors.md").read_text()
    for code in CATALOGUE:
        assert code in errors_doc, code


def test_help_version_and_flags_read_like_a_cli() -> None:
    from newsweave import __version__

    short = run("-h")
    assert short.returncode == 0 and "Usage" in short.stdout
    assert run("status", "-h").returncode == 0
    version = run("--version")
    assert version.returncode == 0 and __version__ in version.stdout
    for command in ("status", "events", "quotes", "serve", "errors"):
        text = run(command, "--help").stdout
        assert "<bool>" not in text, command


def test_json_on_every_listing_and_showing_command(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    assert run("ingest", *INPUTS, "--db", str(db), "--no-analyze", "--quiet").returncode == 0
    status = json.loads(run("status", "--db", str(db), "--json").stdout)
    assert status["documents"] > 0
    assert {"entities", "events", "quotes", "relations", "figures"} <= set(status["facts"])
    doc = status["documents"] and json.loads(run("quotes", "--db", str(db), "--json").stdout)
    assert doc["paging"]["total"] == 0 and doc["quotes"] == []
    errors = json.loads(run("errors", "--json").stdout)
    assert {"code", "title", "hint"} <= set(errors[0]) and any(e["code"] == "NW250" for e in errors)
    settings = json.loads(run("settings", "--json").stdout)
    assert any(s["setting"] == "serve.max_query_chars" for s in settings)
    listing = json.loads(run("export", "-", "--db", str(db)).stdout)
    first = listing["documents"][0]["id"]
    shown = json.loads(run("show", first, "--db", str(db), "--json").stdout)
    assert shown["id"] == first and "facts" in shown and shown["segments"]
    assert json.loads(run("version", "--json").stdout)["version"]


def test_help_shows_every_word_of_every_option_help() -> None:
    """Help text is rendered, not interpreted: a bracketed extra ("newsweave[dask]") is no
    markup tag, and no word of a command's or option's help is lost on the way."""
    import typer.main
    from typer.testing import CliRunner

    from newsweave.cli import app

    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    assert commands
    runner = CliRunner()
    for name, command in commands.items():
        output = runner.invoke(app, [name, "--help"], terminal_width=120).output
        shown = " ".join(output.replace("│", " ").split())
        for param in command.params:
            help_text = getattr(param, "help", None)
            if help_text:
                expected = " ".join(help_text.replace("`", "").split())
                assert expected in shown, f"{name} {param.name}: {expected!r} not shown"
