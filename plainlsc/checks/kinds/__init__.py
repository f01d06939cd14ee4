"""Rule kinds. Importing this package registers every kind with the registry."""

from plainlsc.checks.kinds import (  # noqa: F401
    acronyms,
    length,
    passive,
    phrases,
    reading,
    repetition,
    structure,
    you_and_we,
)
