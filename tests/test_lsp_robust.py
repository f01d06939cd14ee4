"""The language server survives what editors and documents throw at it: a check that raises,
a request it does not know, a message that is not JSON, text with broken characters; and it
shuts down and exits cleanly when asked."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsp_support import config, open_doc, position_in, published
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient, client_capabilities

FAULTY = str(Path(__file__).parent / "lsp_faulty_server.py")
LETTER = ("Dear Ms Okafor,\n\nWe are writing in order to confirm your appointment at the "
          "eye clinic on Tuesday.\n")


@pytest_lsp.fixture(config=config(sys.executable, FAULTY))
async def client(lsp_client: LanguageClient, tmp_path: Path) -> Any:
    # Neovim offers UTF-8 positions first: the server takes them.
    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("neovim"), root_uri=tmp_path.as_uri()))
    lsp_client.encoding = result.capabilities.position_encoding
    yield
    await lsp_client.shutdown_session()


async def hover_works(client: LanguageClient, uri: str, text: str) -> None:
    """The server still answers: a hover on "in order to" explains the rule."""
    await published(client, uri)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        position=position_in(text, text.index("in order to") + 2,
                             client.encoding)))  # type: ignore[attr-defined]
    assert hover is not None and "wordy-phrase" in hover.contents.value


@pytest.mark.asyncio
async def test_an_error_inside_a_check_is_logged_and_other_documents_work(
        client: LanguageClient, tmp_path: Path) -> None:
    broken = (tmp_path / "broken.md").as_uri()
    open_doc(client, broken, f"# Notice\n\nCRASH-THIS-CHECK {LETTER}")
    assert list((await published(client, broken, 1)).diagnostics) == []
    assert any("a rule broke on purpose" in m.message and m.type == types.MessageType.Error
               for m in client.log_messages)
    good = (tmp_path / "letter.md").as_uri()
    open_doc(client, good, LETTER)
    assert [d.code for d in (await published(client, good, 1)).diagnostics] == ["wordy-phrase"]
    await hover_works(client, good, LETTER)


@pytest.mark.asyncio
async def test_garbage_requests_leave_the_server_answering(client: LanguageClient,
                                                           tmp_path: Path) -> None:
    with pytest.raises(JsonRpcException):
        await client.protocol.send_request_async("plainlsc/noSuchThing", {"x": 1})
    server = client._server  # type: ignore[attr-defined]
    bad_hover = (b'{"jsonrpc": "2.0", "id": "bad-hover", "method": "textDocument/hover", '
                 b'"params": {"textDocument": {"uri": 7}, "position": "top"}}')
    for body in (b"{this is not json", b"[]", bad_hover):  # not JSON; not a message; bad params
        server.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    await server.stdin.drain()
    uri = (tmp_path / "letter.md").as_uri()
    open_doc(client, uri, LETTER)
    await hover_works(client, uri, LETTER)


@pytest.mark.asyncio
async def test_text_with_broken_characters_is_checked(client: LanguageClient,
                                                      tmp_path: Path) -> None:
    # A lone surrogate (half an emoji, as a bad paste leaves it), a NUL and a BOM in the middle.
    text = "Dear \ud83d patient,\x00\n\nWe are writing \ufeffin order to confirm your visit.\n"
    uri = (tmp_path / "pasted.txt").as_uri()
    open_doc(client, uri, text, "plaintext")
    got = (await published(client, uri, 1)).diagnostics
    wordy = next(d for d in got if d.code == "wordy-phrase")
    assert client.encoding == "utf-8"  # type: ignore[attr-defined]
    assert wordy.range.start == position_in(text, text.index("in order to"), "utf-8")
    other = (tmp_path / "letter.md").as_uri()
    open_doc(client, other, LETTER)
    await hover_works(client, other, LETTER)


@pytest_lsp.fixture(config=config())
async def bare(lsp_client: LanguageClient) -> Any:
    """A server the test itself initializes; shut down afterwards if the test did not."""
    yield
    if lsp_client._server.returncode is None:  # type: ignore[attr-defined]
        await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_shutdown_then_exit_ends_the_server_with_code_0(bare: LanguageClient) -> None:
    await bare.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code")))
    await bare.shutdown_session()
    assert bare._server.returncode == 0  # type: ignore[attr-defined]


@pytest.mark.asyncio
async def test_settings_sent_with_initialize_hold_after_the_client_configuration(
        bare: LanguageClient, tmp_path: Path) -> None:
    # VS Code answers workspace/configuration (with nothing set): minLevel must survive that.
    await bare.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"), root_uri=tmp_path.as_uri(),
        initialization_options={"plainlsc": {"minLevel": "error"}}))
    uri = (tmp_path / "draft.md").as_uri()
    text = "As the [INSERT ROLE], we write in order to confirm your visit.\n"
    open_doc(bare, uri, text)
    await published(bare, uri, 1)
    await asyncio.sleep(2)  # the re-check after the settings were pulled has arrived by now
    assert [d.code for d in bare.diagnostics[uri]] == ["placeholder"]
