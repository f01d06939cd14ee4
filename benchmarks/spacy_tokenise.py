"""Reference process for the speed benchmark: import spaCy and tokenise every file.

    python benchmarks/spacy_tokenise.py FOLDER_OR_FILE ...

Loads ``spacy.blank("en")`` and runs its tokenizer once over the whole text of every
``.txt``, ``.md`` and ``.html`` file found (folders are walked, hidden names skipped, sorted).
This is the floor any spaCy-based checker has to pay: interpreter start-up, the spaCy import,
reading the files and tokenising them. It prints the number of files and tokens.
"""

from __future__ import annotations

import os
import sys

EXTENSIONS = (".txt", ".md", ".html")


def files_of(paths: list[str]) -> list[str]:
    """The files of known extensions under ``paths``, in a stable order."""
    found: list[str] = []
    for path in paths:
        if not os.path.isdir(path):
            found.append(path)
            continue
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(os.path.join(root, n) for n in sorted(names)
                         if n.endswith(EXTENSIONS) and not n.startswith("."))
    return found


def main(argv: list[str]) -> int:
    if not argv:
        sys.stderr.write(__doc__ or "")
        return 2
    import spacy

    nlp = spacy.blank("en")
    tokens = 0
    files = files_of(argv)
    for path in files:
        with open(path, encoding="utf-8") as handle:
            tokens += len(nlp.tokenizer(handle.read()))
    print(f"{len(files)} files, {tokens} tokens")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
