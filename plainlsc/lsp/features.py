"""The protocol messages the server answers, each handed to :class:`PlainlscServer`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from lsprotocol import types

from plainlsc.lsp import actions, hover, status
from plainlsc.lsp.settings import is_config_file

if TYPE_CHECKING:
    from plainlsc.lsp.server import PlainlscServer


def register(server: PlainlscServer) -> None:
    """Register every feature on ``server``."""
    _documents(server)
    _configuration(server)
    _actions(server)
    _status(server)


def _documents(server: PlainlscServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PlainlscServer, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.opened[unquote(uri)] = uri
        ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PlainlscServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PlainlscServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri.startswith("file:") and is_config_file(uri):
            ls.configs.forget()
            ls.recheck_all()
        else:
            ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PlainlscServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.worker.cancel(uri)
        ls.checked.pop(uri, None)
        ls.opened.pop(unquote(uri), None)
        ls.publish(uri, None, [])

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: PlainlscServer, params: None) -> None:
        ls.worker.shutdown()


def _configuration(server: PlainlscServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: PlainlscServer, params: types.InitializeParams) -> None:
        ls.take_settings("", params.initialization_options, initial=True)

    @server.feature(types.INITIALIZED)
    async def initialized(ls: PlainlscServer, params: types.InitializedParams) -> None:
        await _watch_config_files(ls)
        await ls.pull_settings()
        ls.recheck_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: PlainlscServer,
                                       params: types.DidChangeConfigurationParams) -> None:
        if isinstance(params.settings, dict) and "plainlsc" in params.settings:
            ls.take_settings("", params.settings)
        await ls.pull_settings()
        ls.recheck_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: PlainlscServer,
                                 params: types.DidChangeWatchedFilesParams) -> None:
        if any(is_config_file(change.uri) for change in params.changes):
            ls.configs.forget()
            ls.recheck_all()


async def _watch_config_files(ls: PlainlscServer) -> None:
    """Ask the client to tell us when a configuration file changes on disk."""
    caps = ls.client_capabilities.workspace
    watched = caps.did_change_watched_files if caps else None
    if watched is None or not watched.dynamic_registration:
        return  # we still reload when the writer saves a configuration file in the editor
    options = types.DidChangeWatchedFilesRegistrationOptions(watchers=[
        types.FileSystemWatcher(glob_pattern=glob) for glob in _globs()])
    try:
        await ls.client_register_capability_async(types.RegistrationParams(registrations=[
            types.Registration(id="plainlsc-config-files",
                               method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                               register_options=options)]))
    except Exception as exc:
        ls.log_to_client(f"plainlsc: cannot watch configuration files: {exc}",
                         types.MessageType.Warning)


def _globs() -> tuple[str, ...]:
    from plainlsc.lsp.server import CONFIG_GLOBS

    return CONFIG_GLOBS


def _actions(server: PlainlscServer) -> None:
    kinds = [types.CodeActionKind.QuickFix, actions.FIX_ALL_KIND]

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=kinds))
    def code_action(ls: PlainlscServer,
                    params: types.CodeActionParams) -> list[types.CodeAction] | None:
        checked = ls.current(params.text_document.uri)
        if checked is None:
            return None
        index = checked.index
        start = index.offset(params.range.start.line, params.range.start.character)
        end = index.offset(params.range.end.line, params.range.end.character)
        target = actions.Target(checked.uri, checked.text, checked.format, index,
                                checked.version)
        return actions.code_actions(target, checked.findings, start, end,
                                    checked.diagnostic_for, ls.accept_editor(checked),
                                    params.context.only) or None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: PlainlscServer, params: types.HoverParams) -> types.Hover | None:
        checked = ls.current(params.text_document.uri)
        if checked is None:
            return None
        at = checked.index.offset(params.position.line, params.position.character)
        first_line = checked.index.line_end(0)
        under = [f for f in checked.findings if f.start <= at < f.end
                 or (f.end <= f.start and at <= first_line)]  # whole-document findings
        text = hover.hover_markdown(under, checked.specs)
        if text is None:
            return None
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                        value=text))


def _status(server: PlainlscServer) -> None:
    from plainlsc.lsp.server import SCORES_COMMAND, SCORES_REQUEST

    @server.feature(SCORES_REQUEST)
    async def scores(ls: PlainlscServer, params: Any) -> dict[str, Any] | None:
        return await _scores(ls, _uri_of(params))

    @server.command(SCORES_COMMAND)
    async def scores_command(ls: Any, *args: Any) -> dict[str, Any] | None:
        first = args[0] if args else None
        if isinstance(first, list) and first:  # pygls may pass the arguments as one list
            first = first[0]
        return await _scores(ls, _uri_of(first))


def _uri_of(params: Any) -> str | None:
    """The document a scores request is about: ``{"textDocument": {"uri": ...}}``, a
    ``{"uri": ...}`` or the URI itself."""
    if isinstance(params, str):
        return params
    document = getattr(params, "text_document", None) or getattr(params, "textDocument", None)
    if isinstance(params, dict):
        document = params.get("textDocument", params)
    uri = document.get("uri") if isinstance(document, dict) else getattr(document, "uri", None)
    if uri is None and isinstance(params, dict):
        uri = params.get("uri")
    return uri if isinstance(uri, str) else None


async def _scores(ls: PlainlscServer, uri: str | None) -> dict[str, Any] | None:
    """The scores of the open document's current text (checked now if need be)."""
    if uri is None or not ls.is_open(uri):
        return None
    if ls.current(uri) is None:
        await ls.check(uri)
    checked = ls.current(uri)
    if checked is None:
        return None
    return status.scores_payload(uri, checked.version, checked.report.scores)
