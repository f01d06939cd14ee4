"""The document's scores for an editor's status bar (``plainlsc/scores``, ``plainlsc/status``)."""

from __future__ import annotations

from typing import Any


def scores_payload(uri: str, version: int | None, scores: Any) -> dict[str, Any]:
    """A document's scores as the status request and notification send them: the four a
    status bar shows, named for JSON, then every score as ``plainlsc score`` gives it."""
    if scores is None:
        return {"uri": uri, "version": version, "readingAge": None, "fleschReadingEase": None,
                "words": 0, "sentences": 0, "scores": None}
    return {"uri": uri, "version": version, "readingAge": scores.reading_age,
            "fleschReadingEase": scores.flesch_reading_ease, "words": scores.words,
            "sentences": scores.sentences, "scores": scores.to_dict()}
