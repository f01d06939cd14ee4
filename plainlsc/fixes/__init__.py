"""Safe fixes: rewrites that need no judgement, applied to a draft without surprises.

A rule declares what is safe (its ``fix`` key, and ``fix=safe`` on word-list entries); the
checks attach a :class:`plainlsc.findings.Fix` to such findings. This package only chooses,
protects and applies them: :mod:`.choose` picks fixes that do not overlap, :mod:`.protect`
keeps Markdown and HTML markup, code and links out of reach, :mod:`.apply` edits the text,
and :mod:`.files` reads and writes a file keeping its encoding, BOM and line endings.
"""
