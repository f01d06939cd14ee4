"""Write findings back into Word documents: comments in the margin and tracked changes.

Comms teams pass drafts round as .docx files, and a reviewer's advice reaches a writer as
comments. This package maps a finding's source offsets (as :mod:`plainlsc.readers.docx` built
them) to the runs that hold those characters (:mod:`.textmap`), splits runs at the finding's
edges keeping their formatting (:mod:`.runs`), and adds comments (:mod:`.comments`, through
python-docx) or ``w:del``/``w:ins`` tracked changes (:mod:`.tracked`, raw OOXML, which
python-docx cannot write). :mod:`.command` ties it to the CLI. The input file is only read.
"""
