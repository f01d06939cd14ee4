"""Shared by the language-server tests: a pytest-lsp client that records every notification,
and helpers that wait for diagnostics and apply edits the way an editor does."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

ROOT = Path(__file__).resolve().parent.parent
STATUS = "plainlsc/status"


def server_env() -> dict[str, str]:
    """The server runs this checkout's plainlsc, not an installed one."""
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path}


def recording_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every publishDiagnostics and status notification
    (its own keeps only the latest diagnostics per document)."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]
    client.statuses = []  # type: ignore[attr-defined]

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)  # type: ignore[attr-defined]

    def status(client: LanguageClient, params: Any) -> None:
        client.statuses.append(params)  # type: ignore[attr-defined]

    def register(client: LanguageClient, params: types.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    client.registrations = []  # type: ignore[attr-defined]
    features = {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
                STATUS: status, types.CLIENT_REGISTER_CAPABILITY: register}
    register_lsp_features(client, features)
    return client


def config(*command: str) -> ClientServerConfig:
    """Start ``plainlsc lsp`` (or ``command``) with this Python."""
    cmd = list(command) or [sys.executable, "-m", "plainlsc", "lsp"]
    return ClientServerConfig(server_command=cmd, client_factory=recording_client,
                              server_env=server_env())


async def published(client: LanguageClient, uri: str, version: int | None = None,
                    timeout: float = 90) -> types.PublishDiagnosticsParams:
    """Wait for diagnostics of ``uri`` (at ``version``, if given) and return them."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        for params in reversed(client.published):  # type: ignore[attr-defined]
            if params.uri == uri and (version is None or params.version == version):
                return params  # type: ignore[no-any-return]
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"no diagnostics for {uri} version {version}")
        await asyncio.sleep(0.02)


async def until(condition: Callable[[], bool], timeout: float = 90) -> None:
    """Wait until ``condition()`` holds (failing after ``timeout`` seconds)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out waiting for the server")
        await asyncio.sleep(0.02)


def open_doc(client: LanguageClient, uri: str, text: str, language: str = "markdown",
             version: int = 1) -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version,
                                             text=text)))


def change_doc(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


def utf16_position(text: str, offset: int) -> types.Position:
    """A position counted independently of the server: lines at \\r\\n, \\r or \\n, and
    characters as UTF-16 code units."""
    before = text[:offset].replace("\r\n", "\n").replace("\r", "\n")
    line = before.count("\n")
    column = before[before.rfind("\n") + 1:]
    return types.Position(line, len(column.encode("utf-16-le")) // 2)


def position_in(text: str, offset: int, encoding: str) -> types.Position:
    """Like :func:`utf16_position`, in the negotiated encoding ("utf-8", "utf-16", "utf-32")."""
    at = utf16_position(text, offset)
    before = text[:offset].replace("\r\n", "\n").replace("\r", "\n")
    column = before[before.rfind("\n") + 1:]
    if encoding == "utf-8":
        return types.Position(at.line, len(column.encode("utf-8", "surrogatepass")))
    return types.Position(at.line, len(column)) if encoding == "utf-32" else at


def offset_of(text: str, position: types.Position) -> int:
    """The inverse of :func:`utf16_position` (for the texts of these tests: \\n only)."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[:position.line])
    units = lines[position.line].encode("utf-16-le")[:2 * position.character]
    return start + len(units.decode("utf-16-le"))


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply text edits as an editor does (all ranges refer to the text before the edit)."""
    spans = sorted(((offset_of(text, e.range.start), offset_of(text, e.range.end), e.new_text)
                    for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def uri_of(path: Path) -> str:
    return path.resolve().as_uri()
