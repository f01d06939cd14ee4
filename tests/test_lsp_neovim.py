"""A real editor: Neovim (headless) runs the README's set-up snippet, opens a Markdown page,
gets both findings at the right places, and applies the quick fix for "in order to"."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lsp_support import server_env

README = Path(__file__).resolve().parent.parent / "README.md"
PAGE = ("# Volunteer drivers 🚗\n\n"
        "As Zoë's [INSERT ROLE] 🙂, you can book a lift in order to reach your "
        "appointment.\n\nCall the surgery on weekdays.\n")

#: Runs after the snippet: open the page, wait for diagnostics, apply "Replace with “to”".
DRIVER = r"""
vim.cmd("filetype on")
vim.cmd("edit " .. vim.fn.fnameescape(PAGE))
local got = vim.wait(120000, function() return #vim.diagnostic.get(0) >= 2 end, 50)
local result = { waited = got, diagnostics = {} }
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(result.diagnostics, { code = d.code, lnum = d.lnum, col = d.col,
    end_lnum = d.end_lnum, end_col = d.end_col, source = d.source })
end
local client = vim.lsp.get_active_clients()[1]
vim.fn.search("in order to")
local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
params.context = { diagnostics = {} }
local response = client.request_sync("textDocument/codeAction", params, 30000, 0)
result.titles = {}
for _, action in ipairs((response and response.result) or {}) do
  table.insert(result.titles, action.title)
  if action.title == "Replace with “to”" then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  end
end
result.line = vim.api.nvim_buf_get_lines(0, 2, 3, false)[1]
local out = io.open(OUT, "w")
out:write(vim.fn.json_encode(result))
out:close()
vim.cmd("qall!")
"""


def readme_snippet() -> str:
    """The Neovim snippet exactly as the README gives it."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Neovim"):text.index("### Helix")]
    [lua] = re.findall(r"```lua\n(.*?)```", section, re.S)
    return lua


def byte_col(line: str, index: int) -> int:
    """Neovim's columns are byte offsets in the line's UTF-8."""
    return len(line[:index].encode("utf-8"))


@pytest.mark.skipif(shutil.which("nvim") is None,
                    reason="Neovim is not installed (apt-get install neovim; .ci/run does)")
def test_neovim_shows_both_findings_and_applies_the_quick_fix(tmp_path: Path) -> None:
    page = tmp_path / "volunteer-drivers.md"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "result.json"
    command = "{ " + ", ".join(json.dumps(p) for p in (sys.executable, "-m", "plainlsc",
                                                        "lsp")) + " }"
    snippet = readme_snippet()
    assert '{ "plainlsc", "lsp" }' in snippet
    init = tmp_path / "init.lua"
    init.write_text(snippet.replace('{ "plainlsc", "lsp" }', command), encoding="utf-8")
    driver = tmp_path / "driver.lua"
    driver.write_text(f"local PAGE = {json.dumps(str(page))}\n"
                      f"local OUT = {json.dumps(str(out))}\n{DRIVER}", encoding="utf-8")
    run = subprocess.run(["nvim", "--headless", "-n", "-i", "NONE", "-u", str(init),
                          "-c", f"luafile {driver}"], cwd=tmp_path, env=server_env(),
                         capture_output=True, text=True, timeout=240, check=False)
    assert out.exists(), f"Neovim wrote no result: {run.stderr[-2000:]}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["waited"], result
    line = PAGE.split("\n")[2]
    found = {d["code"]: d for d in result["diagnostics"]}
    assert set(found) == {"placeholder", "wordy-phrase"}
    for code, needle in (("placeholder", "[INSERT ROLE]"), ("wordy-phrase", "in order to")):
        start = line.index(needle)
        assert (found[code]["lnum"], found[code]["col"], found[code]["end_lnum"],
                found[code]["end_col"]) == (2, byte_col(line, start), 2,
                                            byte_col(line, start + len(needle)))
        assert found[code]["source"] == "plainlsc"
    assert "Replace with “to”" in result["titles"]
    assert result["line"] == line.replace("in order to", "to")
