"""Text work shared by every stage: sentences and words (:mod:`~plainlsc.text.segment`),
linear-time patterns (:mod:`~plainlsc.text.patterns`) and the one definition of what in a
text is not prose (:mod:`~plainlsc.text.nonprose`)."""
