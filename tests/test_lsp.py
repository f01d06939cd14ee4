"""The language server end to end, driven by pytest-lsp as an editor would drive it: one server
for the module, a workspace folder with its own configuration, real documents."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsp_support import (
    apply_edits,
    change_doc,
    config,
    open_doc,
    published,
    server_env,
    until,
    uri_of,
    utf16_position,
)
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

pytestmark = pytest.mark.asyncio(loop_scope="module")
DATA = Path(__file__).parent / "data" / "lsp"
SEVERITY = {"error": 1, "warning": 2, "suggestion": 3}
TEAM_CONFIG = 'accept = ["footprint"]\n\n[levels]\ncliche = "error"\n'


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A content team's folder: two documents and a configuration that makes clichés errors."""
    folder = tmp_path_factory.mktemp("site")
    for name in ("clinic-leaflet.md", "ward-update.txt"):
        shutil.copy(DATA / name, folder / name)
    (folder / ".plainlsc.toml").write_text(TEAM_CONFIG, encoding="utf-8")
    team = folder / "team"
    team.mkdir()
    (team / ".plainlsc.toml").write_text("# the ward team's words\naccept = []\n",
                                         encoding="utf-8")
    return folder


@pytest_lsp.fixture(scope="module", config=config())
async def client(lsp_client: LanguageClient, workspace: Path) -> Any:
    caps = client_capabilities("visual-studio-code")
    lsp_client.init_result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=caps, root_uri=uri_of(workspace),
        workspace_folders=[types.WorkspaceFolder(uri=uri_of(workspace), name="site")]))
    yield
    await lsp_client.shutdown_session()


def cli_findings(path: Path, *options: str) -> list[dict[str, Any]]:
    """What ``plainlsc check`` reports for the saved file, run as a user runs it."""
    run = subprocess.run([sys.executable, "-m", "plainlsc", "check", "-f", "json", *options,
                          str(path)], capture_output=True, text=True, env=server_env(),
                         cwd=path.parent, check=False)
    findings: list[dict[str, Any]] = json.loads(run.stdout)["files"][0]["findings"]
    return findings


def offset_of_line_column(text: str, line: int, column: int) -> int:
    """1-based line and column in characters (the CLI's) -> offset, for \\n-only texts."""
    return sum(len(x) + 1 for x in text.split("\n")[:line - 1]) + column - 1


def rule_links() -> dict[str, str]:
    from plainlsc.checks.engine import effective_specs
    from plainlsc.config import Config

    return {spec.id: spec.link for spec, _ in effective_specs(Config())}


def actions_at(client: LanguageClient, uri: str, text: str, needle: str) -> Any:
    start = text.index(needle)
    return client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(utf16_position(text, start),
                          utf16_position(text, start + len(needle))),
        context=types.CodeActionContext(diagnostics=[])))


def checked_in_process(text: str, fmt: str, path: Path) -> Any:
    from plainlsc.config import discover
    from plainlsc.pipeline import check_text

    return check_text(text, fmt, discover(path).for_file(str(path)), str(path))


async def test_initialize_advertises_what_the_server_does(client: LanguageClient) -> None:
    caps = client.init_result.capabilities  # type: ignore[attr-defined]
    assert client.init_result.server_info.name == "plainlsc"  # type: ignore[attr-defined]
    assert caps.hover_provider
    assert set(caps.code_action_provider.code_action_kinds) >= {"quickfix",
                                                                 "source.fixAll.plainlsc"}
    assert list(caps.execute_command_provider.commands) == ["plainlsc.scores"]


@pytest.mark.parametrize(("name", "language"), [("clinic-leaflet.md", "markdown"),
                                                ("ward-update.txt", "plaintext")])
async def test_diagnostics_equal_the_cli_in_utf16_positions(
        client: LanguageClient, workspace: Path, name: str, language: str) -> None:
    path = workspace / name
    text = path.read_text(encoding="utf-8")
    uri = uri_of(path)
    open_doc(client, uri, text, language)
    got = (await published(client, uri, 1)).diagnostics
    expected = cli_findings(path)
    links = rule_links()
    assert expected, "the test document should have findings"
    assert [(d.code, d.range, d.severity, d.message, d.code_description.href) for d in got] == [
        (f["rule"], types.Range(
            utf16_position(text, offset_of_line_column(text, f["line"], f["column"])),
            utf16_position(text, offset_of_line_column(text, f["end_line"], f["end_column"]))),
         SEVERITY[f["severity"]], f["message"], links[f["rule"]]) for f in expected]
    assert all(d.source == "plainlsc" for d in got)


async def test_an_emoji_before_a_finding_counts_two_utf16_units(
        client: LanguageClient, workspace: Path) -> None:
    path = workspace / "clinic-leaflet.md"
    text = path.read_text(encoding="utf-8")
    uri = uri_of(path)
    got = (await published(client, uri)).diagnostics
    wordy = next(d for d in got if d.code == "wordy-phrase")
    line = text.split("\n")[wordy.range.start.line]
    units = line.encode("utf-16-le")
    assert units[2 * wordy.range.start.character:2 * wordy.range.end.character].decode(
        "utf-16-le") == "in order to"
    # The hospital emoji and "Zoë" come first: one character more in UTF-16 than in Python.
    assert wordy.range.start.character == line.index("in order to") + 1


async def test_config_file_levels_apply_as_in_the_cli(client: LanguageClient,
                                                      workspace: Path) -> None:
    got = (await published(client, uri_of(workspace / "ward-update.txt"))).diagnostics
    cliche = next(d for d in got if d.code == "cliche")
    assert cliche.severity == types.DiagnosticSeverity.Error  # [levels] in .plainlsc.toml


async def test_change_rechecks_and_close_clears(client: LanguageClient, workspace: Path) -> None:
    uri = uri_of(workspace / "notice.md")
    open_doc(client, uri, "# Parking\n\nPlease utilise the car park on Mill Lane.\n")
    assert [d.code for d in (await published(client, uri, 1)).diagnostics] == ["plain-words"]
    change_doc(client, uri, "# Parking\n\nPlease use the car park on Mill Lane.\n", 2)
    assert list((await published(client, uri, 2)).diagnostics) == []
    seen = len(client.published)  # type: ignore[attr-defined]
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    await until(lambda: bool(client.published[seen:]))  # type: ignore[attr-defined]
    assert client.published[seen].version == 2  # type: ignore[attr-defined]
    client.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert list((await published(client, uri, None)).diagnostics) == []
    assert client.published[-1].uri == uri  # type: ignore[attr-defined]


async def test_rapid_changes_publish_only_the_last_version(client: LanguageClient,
                                                           workspace: Path) -> None:
    uri = uri_of(workspace / "typing.md")
    base = "We will contact you in order to book a visit."
    open_doc(client, uri, base)
    await published(client, uri, 1)
    seen = len(client.published)  # type: ignore[attr-defined]
    for version in range(2, 8):  # typing: each change arrives before the pause ends
        change_doc(client, uri, base + " Please utilise the form." * (version - 1), version)
    last = await published(client, uri, 7)
    await asyncio.sleep(1.0)  # anything stale would have arrived by now
    versions = [p.version for p in client.published[seen:]  # type: ignore[attr-defined]
                if p.uri == uri]
    assert versions == [7]
    assert [d.code for d in last.diagnostics].count("plain-words") == 6
    statuses = [s for s in client.statuses if s.uri == uri]  # type: ignore[attr-defined]
    assert [s.version for s in statuses] == [1, 7]


async def test_replace_with_the_suggestion_and_safe_fixes(client: LanguageClient,
                                                          workspace: Path) -> None:
    path = workspace / "replace.md"
    text = (DATA / "clinic-leaflet.md").read_text(encoding="utf-8")
    uri = uri_of(path)
    open_doc(client, uri, text)
    await published(client, uri, 1)
    actions = await actions_at(client, uri, text, "in order to")
    replace = next(a for a in actions if a.title == "Replace with “to”")
    assert replace.kind == "quickfix"
    report = checked_in_process(text, "markdown", path)
    wordy = next(f for f in report.findings if f.rule == "wordy-phrase")
    # Preferred exactly when the pipeline marks the rewrite as safe.
    assert bool(replace.is_preferred) == (wordy.fix is not None and wordy.fix.replacement == "to")
    fixable = [f for f in report.findings if f.fix is not None]
    assert any(a.title == "Fix all safe problems in this file" for a in actions) == bool(fixable)
    edited = apply_edits(text, replace.edit.changes[uri])
    assert "Saturday clinic to reach people" in edited
    change_doc(client, uri, edited, 2)
    assert "wordy-phrase" not in [d.code for d in (await published(client, uri, 2)).diagnostics]


async def test_capital_kept_when_replacing_the_first_word(client: LanguageClient,
                                                          workspace: Path) -> None:
    uri = uri_of(workspace / "capital.txt")
    text = "Utilise the side door after 6pm.\n"
    open_doc(client, uri, text, "plaintext")
    await published(client, uri, 1)
    actions = await actions_at(client, uri, text, "Utilise")
    replace = next(a for a in actions if a.title.startswith("Replace with"))
    assert apply_edits(text, replace.edit.changes[uri]) == "Use the side door after 6pm.\n"


async def test_disable_for_this_line_inserts_the_comment_the_format_reads(
        client: LanguageClient, workspace: Path) -> None:
    path = workspace / "disable.md"
    text = (DATA / "clinic-leaflet.md").read_text(encoding="utf-8")
    uri = uri_of(path)
    open_doc(client, uri, text)
    before = (await published(client, uri, 1)).diagnostics
    actions = await actions_at(client, uri, text, "utilise")
    disable = next(a for a in actions if a.title == "Disable plain-words for this line")
    edited = apply_edits(text, disable.edit.changes[uri])
    assert "<!-- plainlsc-disable-next-line plain-words -->\nPlease utilise" in edited
    change_doc(client, uri, edited, 2)
    after = (await published(client, uri, 2)).diagnostics
    assert [d.code for d in after] == [d.code for d in before if d.code != "plain-words"]


async def test_add_word_edits_the_team_list_and_the_server_reloads_it(
        client: LanguageClient, workspace: Path) -> None:
    config_file = workspace / "team" / ".plainlsc.toml"
    path = workspace / "team" / "ward-update.txt"
    text = (DATA / "ward-update.txt").read_text(encoding="utf-8")
    uri = uri_of(path)
    open_doc(client, uri, text, "plaintext")
    assert "plain-words" in [d.code for d in (await published(client, uri, 1)).diagnostics]
    actions = await actions_at(client, uri, text, "utilise")
    add = next(a for a in actions if a.title == "Add “utilise” to the team word list")
    assert list(add.edit.changes) == [uri_of(config_file)]
    old = config_file.read_text(encoding="utf-8")
    config_file.write_text(apply_edits(old, add.edit.changes[uri_of(config_file)]),
                           encoding="utf-8")
    assert config_file.read_text(encoding="utf-8") == \
        '# the ward team\'s words\naccept = ["utilise"]\n'
    count = len(client.published)  # type: ignore[attr-defined]
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=uri_of(config_file), type=types.FileChangeType.Changed)]))
    await until(lambda: any(p.uri == uri for p in client.published[count:]))  # type: ignore[attr-defined]
    assert "plain-words" not in [d.code for d in client.diagnostics[uri]]
    assert "plain-words" not in [f["rule"] for f in cli_findings(path)]  # the CLI agrees


async def test_hover_shows_the_rule_explanation(client: LanguageClient,
                                                workspace: Path) -> None:
    from plainlsc.checks.engine import effective_specs
    from plainlsc.config import Config

    spec = next(s for s, _ in effective_specs(Config()) if s.id == "placeholder")
    path = workspace / "clinic-leaflet.md"
    text = path.read_text(encoding="utf-8")
    at = text.index("[INSERT ROLE]") + 3
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri_of(path)),
        position=utf16_position(text, at)))
    assert hover.contents.kind == types.MarkupKind.Markdown
    value = hover.contents.value
    assert value.startswith("**placeholder** (error)")
    assert "**What it finds**" in value and "**Why it matters**" in value
    assert " ".join(spec.why.split()[:4]) in value
    nothing = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri_of(path)),
        position=utf16_position(text, text.index("Bring your"))))
    assert nothing is None


async def test_scores_request_and_command_give_the_pipeline_scores(
        client: LanguageClient, workspace: Path) -> None:
    path = workspace / "ward-update.txt"
    uri = uri_of(path)
    text = path.read_text(encoding="utf-8")
    scores = checked_in_process(text, "text", path).scores
    got = await client.protocol.send_request_async(
        "plainlsc/scores", {"textDocument": {"uri": uri}})
    by_command = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="plainlsc.scores", arguments=[uri]))
    for result in (got, by_command):
        def value(key: str, result: Any = result) -> Any:
            return result[key] if isinstance(result, dict) else getattr(result, key)

        assert value("readingAge") == scores.reading_age
        assert value("fleschReadingEase") == scores.flesch_reading_ease
        assert (value("words"), value("sentences")) == (scores.words, scores.sentences)
        assert value("uri") == uri


async def test_client_settings_override_the_file_configuration(
        client: LanguageClient, workspace: Path) -> None:
    # A space in the name: the URI is percent-encoded, and re-checks must answer under it.
    uri = uri_of(workspace / "flu clinic.md")
    assert "%20" in uri
    text = (DATA / "clinic-leaflet.md").read_text(encoding="utf-8")
    open_doc(client, uri, text)
    assert len((await published(client, uri, 1)).diagnostics) > 1
    count = len(client.published)  # type: ignore[attr-defined]
    client.set_configuration({"minLevel": "error"}, section="plainlsc")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={}))
    await until(lambda: any(p.uri == uri for p in client.published[count:]))  # type: ignore[attr-defined]
    assert [d.code for d in client.diagnostics[uri]] == ["placeholder"]
    client.set_configuration({}, section="plainlsc")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={}))


async def test_add_word_creates_the_team_list_where_there_is_none(
        client: LanguageClient, tmp_path: Path) -> None:
    from plainlsc.config import find_config

    if find_config(tmp_path) is not None:
        pytest.skip(f"a configuration above {tmp_path} would be edited instead")
    path = tmp_path / "leaflet.md"
    text = "# Parking\n\nPlease utilise the car park on Mill Lane.\n"
    uri = uri_of(path)
    open_doc(client, uri, text)
    await published(client, uri, 1)
    actions = await actions_at(client, uri, text, "utilise")
    add = next(a for a in actions if a.title == "Add “utilise” to the team word list")
    create, edit = add.edit.document_changes
    assert create.kind == "create" and create.uri == uri_of(tmp_path / ".plainlsc.toml")
    assert edit.text_document.uri == create.uri
    (tmp_path / ".plainlsc.toml").write_text(apply_edits("", edit.edits), encoding="utf-8")
    assert "plain-words" not in [f["rule"] for f in cli_findings(path)]
