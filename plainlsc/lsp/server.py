"""``plainlsc lsp``: the language server, wiring the protocol to the pieces of this package.

Each document is checked on open, after a pause in typing, and on save, on the worker thread
(:mod:`plainlsc.lsp.worker`); a result for a version the editor has moved past is dropped.
Errors never end the server: a broken configuration is shown to the writer, and anything else
that goes wrong in a check is logged to the client while other documents carry on.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from plainlsc import __version__
from plainlsc.errors import ConfigError
from plainlsc.lsp import actions, status
from plainlsc.lsp.checking import Checked, check_document, format_of
from plainlsc.lsp.positions import LineIndex
from plainlsc.lsp.settings import ClientSettings, ConfigCache, settings_table
from plainlsc.lsp.wordlist import accept_edit, new_config_text
from plainlsc.lsp.worker import Worker

log = logging.getLogger(__name__)
SCORES_REQUEST = "plainlsc/scores"
STATUS_NOTIFICATION = "plainlsc/status"
SCORES_COMMAND = "plainlsc.scores"
CONFIG_GLOBS = ("**/.plainlsc.toml", "**/plainlsc.toml", "**/pyproject.toml")


class PlainlscServer(LanguageServer):
    """The server and what it remembers: settings, configurations and the last checks."""

    def __init__(self) -> None:
        super().__init__("plainlsc", __version__,
                         # Whole documents: pygls splits lines as str.splitlines does (at
                         # U+2028, form feeds...), the protocol does not, so applying ranges
                         # here could garble such text. A page of prose is cheap to resend.
                         text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.worker = Worker()
        self.configs = ConfigCache()
        self.settings: dict[str, ClientSettings] = {"": ClientSettings()}
        self.checked: dict[str, Checked] = {}
        self.shown_problem: str | None = None
        self.initial: dict[str, Any] = {}
        #: Open documents' URIs as the client wrote them (pygls keys its own by the unquoted
        #: form; diagnostics must go back under the client's spelling).
        self.opened: dict[str, str] = {}

    # -- where things are -------------------------------------------------------------------
    @property
    def encoding(self) -> str:
        """The negotiated position encoding ("utf-16" unless the client offered another)."""
        value = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return str(getattr(value, "value", value))

    def folder_of(self, uri: str, strict: bool = False) -> str | None:
        """The workspace folder holding ``uri`` (the deepest), or else (unless ``strict``)
        the workspace root."""
        folders = [f.uri for f in self.workspace.folders.values()]
        root = self.workspace.root_uri
        if root:
            folders.append(root)
        inside = [f for f in folders if uri.startswith(f.rstrip("/") + "/")]
        if inside:
            return str(max(inside, key=len))
        return str(root) if root and not strict else None

    def settings_for(self, uri: str) -> ClientSettings:
        folder = self.folder_of(uri)
        return self.settings.get(folder or "", self.settings[""])

    def is_open(self, uri: str) -> bool:
        return unquote(uri) in self.workspace.text_documents

    # -- talking to the client --------------------------------------------------------------
    def log_to_client(self, message: str, kind: types.MessageType) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def show_once(self, problem: str | None) -> None:
        """Show a configuration problem (once, not at every keystroke), or clear it."""
        if problem and problem != self.shown_problem:
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error, message=f"plainlsc: {problem}"))
            self.log_to_client(f"plainlsc: {problem}", types.MessageType.Error)
        self.shown_problem = problem

    def publish(self, uri: str, version: int | None,
                diagnostics: list[types.Diagnostic]) -> None:
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, version=version, diagnostics=diagnostics))

    # -- checking ---------------------------------------------------------------------------
    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Check ``uri`` after ``delay`` seconds (by default the client's debounce)."""
        if delay is None:
            delay = self.settings_for(uri).debounce_ms / 1000
        self.worker.schedule(uri, delay, lambda: self.check(uri))

    def recheck_all(self) -> None:
        """Check every open document again (its configuration or settings changed)."""
        for uri in list(self.opened.values()):
            if self.is_open(uri):
                self.schedule(uri, 0)

    async def check(self, uri: str) -> None:
        """Check the open document's current version and publish, unless it moved on."""
        if not self.is_open(uri):
            return
        doc = self.workspace.get_text_document(uri)
        path = to_fs_path(uri) if uri.startswith("file:") else None
        fmt = format_of(doc.language_id, path)
        if fmt is None:
            return
        version, text = doc.version, doc.source
        try:
            checked = await self.worker.run(
                check_document, uri, path, _fs(self.folder_of(uri)), text, version, fmt,
                self.settings_for(uri), self.configs, self.encoding)
        except ConfigError as exc:
            self.show_once(str(exc))
            self._drop(uri, version)
            return
        except Exception as exc:  # a bug in a check: log it, keep serving
            self.log_to_client(f"plainlsc: checking {uri} failed: {type(exc).__name__}: "
                               f"{exc}\n{traceback.format_exc()}", types.MessageType.Error)
            self._drop(uri, version)
            return
        self.show_once(None)
        if not self.is_open(uri) or self.workspace.get_text_document(uri).version != version:
            return  # stale: a newer version is on its way
        self.checked[uri] = checked
        self.publish(uri, version, checked.diagnostics)
        self.protocol.notify(STATUS_NOTIFICATION, status.scores_payload(
            uri, version, checked.report.scores))

    def _drop(self, uri: str, version: int | None) -> None:
        """Clear a document's diagnostics when it could not be checked (old ones would point
        at text that has changed)."""
        self.checked.pop(uri, None)
        if self.is_open(uri) and self.workspace.get_text_document(uri).version == version:
            self.publish(uri, version, [])

    def current(self, uri: str) -> Checked | None:
        """The last check of ``uri`` if it is of the text the editor has now."""
        checked = self.checked.get(uri)
        if checked is None or not self.is_open(uri):
            return None
        doc = self.workspace.get_text_document(uri)
        return checked if doc.version == checked.version and doc.source == checked.text else None

    # -- settings -----------------------------------------------------------------------
    def take_settings(self, scope: str, raw: Any, initial: bool = False) -> None:
        """Use the settings a client sent for ``scope`` ("" for the whole editor). Those sent
        with ``initialize`` stay underneath whatever the client's configuration says later."""
        table = settings_table(raw)
        if initial:
            self.initial = table
        parsed, problems = ClientSettings.parse({**self.initial, **table})
        self.settings[scope] = parsed
        for problem in problems:
            self.log_to_client(f"plainlsc: {problem}", types.MessageType.Warning)

    async def pull_settings(self) -> None:
        """Ask the client for ``plainlsc`` settings, for the whole editor and each folder."""
        caps = self.client_capabilities.workspace
        if caps is None or not caps.configuration:
            return
        scopes = ["", *(f.uri for f in self.workspace.folders.values())]
        items = [types.ConfigurationItem(section="plainlsc", scope_uri=s or None)
                 for s in scopes]
        try:
            values = await self.workspace_configuration_async(
                types.ConfigurationParams(items=items))
        except Exception as exc:  # a client that cannot answer: keep what we have
            self.log_to_client(f"plainlsc: could not read settings: {exc}",
                               types.MessageType.Warning)
            return
        for scope, value in zip(scopes, values):
            if value is not None or scope == "":
                self.take_settings(scope, value)

    # -- the word list --------------------------------------------------------------------
    def accept_editor(self, checked: Checked) -> actions.AcceptEditor:
        """How "Add WORD to the team word list" edits this document's configuration."""
        def edit(word: str) -> types.WorkspaceEdit | None:
            path = checked.config.path
            if path is not None:
                return self._edit_config(path, word)
            return self._new_config(checked.uri, word)
        return edit

    def _edit_config(self, path: Path, word: str) -> types.WorkspaceEdit | None:
        uri = from_fs_path(str(path))
        if uri is None:
            return None
        if self.is_open(uri):
            text = self.workspace.get_text_document(uri).source
        else:
            from plainlsc.bounded import MAX_CONFIG_BYTES, read_text_bounded

            try:  # a configuration file is read within the same bounds as everywhere else
                text = read_text_bounded(path, "configuration", MAX_CONFIG_BYTES)
            except ConfigError:
                return None
        found = accept_edit(text, path.name == "pyproject.toml", word)
        if found is None:
            return None
        offset, inserted = found
        at = types.Position(*LineIndex(text, self.encoding).position(offset))
        return types.WorkspaceEdit(changes={uri: [
            types.TextEdit(types.Range(at, at), inserted)]})

    def _new_config(self, uri: str, word: str) -> types.WorkspaceEdit | None:
        """A new ``.plainlsc.toml`` in the document's workspace folder (if the client can
        create files)."""
        edit_caps = (self.client_capabilities.workspace or types.WorkspaceClientCapabilities()
                     ).workspace_edit
        ops = (edit_caps.resource_operations or []) if edit_caps else []
        # The workspace folder holding the document, else the document's own folder.
        folder = _fs(self.folder_of(uri, strict=True)) or (
            str(Path(to_fs_path(uri) or "").parent) if uri.startswith("file:") else None)
        if types.ResourceOperationKind.Create not in ops or not edit_caps or \
                not edit_caps.document_changes or not folder:
            return None
        target = from_fs_path(str(Path(folder) / ".plainlsc.toml"))
        if target is None:
            return None
        start = types.Position(0, 0)
        return types.WorkspaceEdit(document_changes=[
            types.CreateFile(uri=target, options=types.CreateFileOptions(
                ignore_if_exists=True)),
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=target,
                                                                            version=None),
                edits=[types.TextEdit(types.Range(start, start), new_config_text(word))]),
        ])


def _fs(uri: str | None) -> str | None:
    return to_fs_path(uri) if uri and uri.startswith("file:") else None


def _warm() -> None:
    """Load spaCy, the rules and the word lists before the first document arrives."""
    from plainlsc.pipeline import _warm as warm_pipeline
    from plainlsc.text import segment

    segment.FREEZE_HEAP = True  # our own process, as in the command line
    warm_pipeline(None)


def build() -> PlainlscServer:
    """The server with every feature registered."""
    from plainlsc.lsp.features import register

    server = PlainlscServer()
    register(server)
    return server


def serve() -> None:
    """Run the server over standard input and output until the client says exit."""
    server = build()
    server.worker.submit(_warm)
    server.start_io()


__all__ = ["PlainlscServer", "build", "serve"]
