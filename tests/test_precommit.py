"""The pre-commit hook, for real: pre-commit installs plainlsc from this repository and runs it.

pre-commit clones a hook repository at a commit, so the test needs ``.pre-commit-hooks.yaml``
and the package in a commit. When this checkout is clean and its HEAD has the manifest, HEAD is
used as it is; otherwise the test commits a snapshot of the working tree (the files git would
commit: tracked and untracked, less what ``.gitignore`` excludes) to a scratch repository, so
the hook under test is always the one in the working tree.

The hook's environment is installed once for the module (pip, from the package index: a minute
or two the first time). The hooks then run with the network switched off (a new network
namespace when ``unshare`` allows it, and a proxy that goes nowhere in any case), to show that
plainlsc downloads nothing at run time.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("git") is None,
                                 reason="git is not installed; the pre-commit hook test needs it")]

ROOT = Path(__file__).resolve().parent.parent
INSTALL_TIMEOUT = 1800
RUN_TIMEOUT = 600

PLACEHOLDER_DOC = """# Your appointment

As a local Councillor and [INSERT ROLE] we want you to be involved.
"""
# Plain enough to pass at the default level (warning).
PLAIN_DOC = """# Your flu vaccine

We will give you your flu vaccine at the surgery. It takes a few minutes.

Call us if you need to change the day.
"""
CODE = 'GREETING = "Dear [INSERT ROLE]"\n'


def git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True, timeout=RUN_TIMEOUT).stdout.strip()


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """An environment that keeps git and pre-commit away from the user's own settings."""
    home = tmp_path_factory.mktemp("precommit-env")
    gitconfig = home / "gitconfig"
    gitconfig.write_text("", encoding="utf-8")
    out = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "PRE_COMMIT", "SKIP"))}
    out.update({
        "GIT_CONFIG_GLOBAL": str(gitconfig),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
        "PRE_COMMIT_HOME": str(home / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
    })
    yield out
    # The hook's environment holds spaCy and friends: do not leave it behind in every run.
    shutil.rmtree(home / "pre-commit-home", ignore_errors=True)


def _offline_prefix() -> list[str]:
    """``unshare -rn`` (no network at all) when this machine allows it."""
    if shutil.which("unshare") is None:
        return []
    try:
        ok = subprocess.run(["unshare", "-rn", "true"], capture_output=True,
                            timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return ["unshare", "-rn"] if ok else []


def _offline_env(env: dict[str, str]) -> dict[str, str]:
    dead = "http://127.0.0.1:9"
    return {**env, "HTTP_PROXY": dead, "HTTPS_PROXY": dead, "http_proxy": dead,
            "https_proxy": dead, "ALL_PROXY": dead, "NO_PROXY": "", "no_proxy": "",
            "PIP_NO_INDEX": "1", "HF_HUB_OFFLINE": "1"}


def _hook_repo(env: dict[str, str], scratch: Path) -> tuple[str, str]:
    """(repository, rev) for pre-commit: this checkout's HEAD, or a snapshot of its tree."""
    def here(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=RUN_TIMEOUT)

    head = here("rev-parse", "--verify", "-q", "HEAD")
    status = here("status", "--porcelain", "--untracked-files=normal")
    in_head = here("cat-file", "-e", "HEAD:.pre-commit-hooks.yaml")
    if (head.returncode == 0 and status.returncode == 0 and not status.stdout.strip()
            and in_head.returncode == 0):
        return str(ROOT), head.stdout.strip()
    snapshot = scratch / "plainlsc-snapshot"
    listing = here("ls-files", "-z", "--cached", "--others", "--exclude-standard")
    if listing.returncode == 0:
        for name in filter(None, listing.stdout.split("\0")):
            source = ROOT / name
            if source.is_file():  # a tracked file deleted in the tree is not listed as a file
                (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, snapshot / name)
    else:  # not a git checkout (an unpacked source archive): copy the tree less the clutter
        shutil.copytree(ROOT, snapshot, ignore=shutil.ignore_patterns(
            ".git", ".venv", ".ci-venv", "__pycache__", ".*_cache", ".hypothesis", ".cache",
            "build", "dist", "*.egg-info", "corpus"))
    assert (snapshot / ".pre-commit-hooks.yaml").is_file()
    git("init", "-q", cwd=snapshot, env=env)
    git("add", "-A", cwd=snapshot, env=env)
    git("-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", "snapshot",
        cwd=snapshot, env=env)
    return str(snapshot), git("rev-parse", "HEAD", cwd=snapshot, env=env)


class Content:
    """A git repository of documents that uses the plainlsc hook."""

    def __init__(self, path: Path, env: dict[str, str], install_seconds: float) -> None:
        self.path = path
        self.env = env
        self.install_seconds = install_seconds
        self.offline = _offline_prefix()

    def write(self, name: str, text: str | bytes) -> Path:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
        return target

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """A command in the repository, with no network."""
        return subprocess.run([*self.offline, *args], cwd=self.path, env=_offline_env(self.env),
                              capture_output=True, text=True, timeout=RUN_TIMEOUT)

    def pre_commit(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run(sys.executable, "-m", "pre_commit", *args)

    def commits(self) -> int:
        out = subprocess.run(["git", "rev-list", "--count", "--all"], cwd=self.path,
                             env=self.env, capture_output=True, text=True, timeout=RUN_TIMEOUT)
        return int(out.stdout.strip() or 0)


@pytest.fixture(scope="module")
def content(env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Content]:
    """The documents' repository, with the hook's environment installed (once)."""
    scratch = tmp_path_factory.mktemp("precommit")
    repo, rev = _hook_repo(env, scratch)
    path = scratch / "documents"
    path.mkdir()
    git("init", "-q", cwd=path, env=env)
    git("config", "commit.gpgsign", "false", cwd=path, env=env)
    (path / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {repo}\n  rev: {rev}\n  hooks:\n  - id: plainlsc\n", encoding="utf-8")
    git("add", ".pre-commit-config.yaml", cwd=path, env=env)
    start = time.monotonic()
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install-hooks"], cwd=path,
                               env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
    seconds = time.monotonic() - start
    assert installed.returncode == 0, installed.stdout + installed.stderr
    hook = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=path, env=env,
                          capture_output=True, text=True, timeout=RUN_TIMEOUT)
    assert hook.returncode == 0, hook.stdout + hook.stderr
    print(f"\npre-commit install-hooks took {seconds:.0f} s (hook repository {repo} @ {rev[:12]})")
    yield Content(path, env, seconds)


def _docx(text: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph.strip().lstrip("# "))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_hook_takes_documents_and_leaves_other_files(content: Content) -> None:
    # Every file holds a placeholder; only the ones plainlsc reads may be passed to it. A file
    # of a type plainlsc cannot read would be named in an "unknown file type" error. (An
    # extensionless LICENSE is "plain-text" to pre-commit, hence no `types_or: [plain-text]`.)
    names = ["select/letter.md", "select/notes.txt", "select/page.html", "select/NOTICE.MD",
             "select/script.py", "select/LICENSE"]
    content.write(names[0], PLACEHOLDER_DOC)
    content.write(names[1], PLACEHOLDER_DOC)
    content.write(names[2], "<html><body><p>As a local Councillor and [INSERT ROLE] we want "
                            "you to be involved.</p></body></html>\n")
    content.write(names[3], PLACEHOLDER_DOC)
    content.write(names[4], CODE)
    content.write(names[5], PLACEHOLDER_DOC)
    result = content.pre_commit("run", "--files", *names)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    for name in names[:4]:
        assert any(line.startswith(f"{name}:") and "placeholder" in line
                   for line in out.splitlines()), f"{name} not checked:\n{out}"
    assert "script.py" not in out, out
    assert "LICENSE" not in out, out
    # Only the files plainlsc does not read: the hook is not run at all.
    result = content.pre_commit("run", "--files", names[4], names[5])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(no files to check)Skipped" in result.stdout, result.stdout


def test_hook_takes_word_documents(content: Content) -> None:
    # identify has no tag for .docx (only "binary"), so this is the `files` pattern at work.
    content.write("word/report.docx", _docx(PLACEHOLDER_DOC))
    content.write("word/plain.docx", _docx(PLAIN_DOC))
    result = content.pre_commit("run", "--files", "word/report.docx", "word/plain.docx")
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert any(line.startswith("word/report.docx:") and "placeholder" in line
               for line in out.splitlines()), out
    result = content.pre_commit("run", "--files", "word/plain.docx")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout, result.stdout


def test_run_refuses_a_placeholder_and_passes_plain_english(content: Content) -> None:
    content.write("run/bad.md", PLACEHOLDER_DOC)
    content.write("run/good.md", PLAIN_DOC)
    bad = content.pre_commit("run", "--files", "run/bad.md")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "run/bad.md:3:" in bad.stdout and "placeholder" in bad.stdout, bad.stdout
    assert "plainlsc (plain English)" in bad.stdout and "Failed" in bad.stdout
    good = content.pre_commit("run", "--files", "run/good.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout, good.stdout


def test_commit_with_a_placeholder_is_refused(content: Content) -> None:
    before = content.commits()
    content.write("commit/letter.md", PLACEHOLDER_DOC)
    content.run("git", "add", "commit/letter.md")
    refused = content.run("git", "commit", "-m", "Add the letter")
    out = refused.stdout + refused.stderr
    assert refused.returncode != 0, out
    assert "commit/letter.md" in out and "placeholder" in out, out
    assert content.commits() == before

    content.write("commit/letter.md", PLAIN_DOC)
    content.run("git", "add", "commit/letter.md")
    accepted = content.run("git", "commit", "-m", "Add the letter")
    out = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, out
    assert "plainlsc (plain English)" in out and "Passed" in out, out
    assert content.commits() == before + 1


# The README's snippet, as a team would paste it -------------------------------------------

README = ROOT / "README.md"
# Only warnings: "utilise" has a plainer word, and nothing is an error.
WARNINGS_DOC = """# Your flu vaccine

We will utilise the surgery on Saturday mornings for flu vaccines. It takes a few minutes.

Call us if you need to change the day.
"""


def _readme_snippet() -> tuple[str, str]:
    """(the README's ``.pre-commit-config.yaml``, its line that raises the bar)."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Pre-commit"):]
    section = section[:section.index("\n## ", 1)]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
    raise_bar = next(line for line in blocks[1].splitlines() if "--fail-on, warning" in line)
    return blocks[0], raise_bar.split("#")[0].rstrip()


@pytest.fixture(scope="module")
def from_readme(env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[tuple[Content, str]]:
    """A documents repository set up from the README's snippet, with ``repo:`` pointed at a
    local clone of this checkout (the README names the published repository)."""
    if subprocess.run(["git", "rev-parse", "--git-dir"], cwd=ROOT, env=env,
                      capture_output=True).returncode != 0:
        pytest.skip("not a git checkout: the README's rev cannot be looked up")
    config, raise_bar = _readme_snippet()
    rev = re.search(r"^\s*rev:\s*(\S+)", config, re.M)
    assert rev, config
    found = subprocess.run(["git", "cat-file", "-e", f"{rev.group(1)}:.pre-commit-hooks.yaml"],
                           cwd=ROOT, env=env, capture_output=True)
    assert found.returncode == 0, (f"README's rev {rev.group(1)} is not a commit of this "
                                   "repository with a .pre-commit-hooks.yaml")
    scratch = tmp_path_factory.mktemp("readme-hook")
    clone = scratch / "plainlsc-clone"
    git("clone", "-q", "--no-hardlinks", str(ROOT), str(clone), cwd=scratch, env=env)
    path = scratch / "documents"
    path.mkdir()
    git("init", "-q", cwd=path, env=env)
    git("config", "commit.gpgsign", "false", cwd=path, env=env)
    local = re.sub(r"(?m)^(\s*- repo:\s*)\S+", lambda m: m.group(1) + str(clone), config)
    (path / ".pre-commit-config.yaml").write_text(local, encoding="utf-8")
    git("add", ".pre-commit-config.yaml", cwd=path, env=env)
    for args in (["install-hooks"], ["install"]):
        done = subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=path, env=env,
                              capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
        assert done.returncode == 0, done.stdout + done.stderr
    yield Content(path, env, 0.0), raise_bar


def test_readme_hook_blocks_errors_and_lets_warnings_through(
        from_readme: tuple[Content, str]) -> None:
    content, raise_bar = from_readme
    before = content.commits()
    content.write("letters/invite.md", PLACEHOLDER_DOC)
    content.run("git", "add", "letters/invite.md")
    refused = content.run("git", "commit", "-m", "Add the invitation")
    out = refused.stdout + refused.stderr
    assert refused.returncode != 0, out
    assert "[INSERT ROLE]" in out and "placeholder" in out, out
    assert content.commits() == before

    content.write("letters/invite.md", WARNINGS_DOC)
    content.run("git", "add", "letters/invite.md")
    accepted = content.run("git", "commit", "-m", "Add the invitation")
    out = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, out
    assert "Passed" in out and "utilise" in out, out  # the warning is shown, not blocking
    assert content.commits() == before + 1

    # The README's way to raise the bar: the same warnings now block.
    config = content.path / ".pre-commit-config.yaml"
    text = config.read_text(encoding="utf-8")
    indent = re.match(r"\s*", raise_bar).group(0)  # type: ignore[union-attr]
    hook_line = next(line for line in text.splitlines() if "- id: plainlsc" in line)
    assert len(indent) > len(hook_line) - len(hook_line.lstrip()), raise_bar
    config.write_text(text.replace(hook_line, f"{hook_line}\n{raise_bar}"), encoding="utf-8")
    content.write("letters/invite.md", WARNINGS_DOC + "\nWe will utilise the hall too.\n")
    content.run("git", "add", "-A")
    refused = content.run("git", "commit", "-m", "More")
    out = refused.stdout + refused.stderr
    assert refused.returncode != 0, out
    assert "utilise" in out, out
    assert content.commits() == before + 1
