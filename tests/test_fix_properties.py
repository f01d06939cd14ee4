"""Properties of fixing, on drafts hypothesis assembles from sentences we wrote.

Whatever the mix of sentences, line endings and capitals: fixing changes text only inside the
spans of findings that carry a safe fix, fixing a fixed text changes nothing, the fixed text
still reads as the same kind of document, and passive verbs and acronyms are left alone.
"""

from __future__ import annotations

import difflib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plainlsc.config import Config
from plainlsc.fixes.text import fix_text
from plainlsc.pipeline import check_text

SENTENCES = [
    "In order to book, call the surgery.",
    "Please arrive prior to your appointment.",
    "Dear Councillor Councillor Shah,",
    "The clinic was closed by the trust in May.",
    "Ask the ICB about the new service.",
    "Staff utilised the hall whilst the ward was painted.",
    "Bring your medicines, e.g. inhalers and tablets.",
    "What he had had for tea did not matter.",
    "Put the leaflets in order of date.",
    "A number of clinics have moved.",
    "The nurse said: \"Arrive prior to your slot.\"",
    "Please bring the the letter with you.",
    "Your GP will call you within two weeks.",
    "We facilitate a carers' group on Mondays.",
]
MARKDOWN_BITS = [
    "# Prior to your visit",
    "- in order to park, use the rear gate",
    "See [prior to surgery](https://example.org/prior-to) for advice.",
    "Type `in order to` in the box.",
    "```\nprior to in order to\n```",
]
HTML_BITS = [
    "<p>Please arrive prior to 9am.</p>",
    '<p><a href="https://example.org/x">in order to book</a> online.</p>',
    "<pre>the the prior to</pre>",
    "<h2>In order to help</h2>",
    "<p>Fish &amp; chips in order to celebrate.</p>",
]
CONFIG = Config()
JUDGEMENT = ("passive-voice", "acronym-undefined")


def _shout(text: str, how: int) -> str:
    return text.upper() if how == 1 else text.lower() if how == 2 else text


@st.composite
def drafts(draw: st.DrawFn) -> tuple[str, str]:
    """A draft in one of the three text formats."""
    fmt = draw(st.sampled_from(["text", "markdown", "html"]))
    pool = SENTENCES + (MARKDOWN_BITS if fmt == "markdown" else [])
    parts = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=8))
    how = draw(st.integers(0, 6))
    parts = [_shout(p, how) for p in parts]
    if fmt == "html":
        html = draw(st.lists(st.sampled_from(HTML_BITS), max_size=4))
        body = "\n".join([f"<p>{p}</p>" for p in parts] + html)
        return f"<html><body>\n{body}\n</body></html>\n", fmt
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    joiner = draw(st.sampled_from([" ", newline * 2]))
    return joiner.join(parts) + newline, fmt


def _changed_ranges(before: str, after: str) -> list[tuple[int, int]]:
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [(i1, i2) for op, i1, i2, _, _ in matcher.get_opcodes() if op != "equal"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts())
def test_only_fixable_spans_change(draft: tuple[str, str]) -> None:
    text, fmt = draft
    report = check_text(text, fmt, CONFIG)
    fixable = [(f.start, f.end) for f in report.findings if f.fix is not None and f.fix.safe]
    fixed = fix_text(text, fmt, CONFIG)
    for start, end in _changed_ranges(text, fixed.after):
        # A second pass may fix what the first revealed: widen to spans that touch.
        assert any(s <= start and end <= e for s, e in fixable) or any(
            s <= start <= e or s <= end <= e for s, e in fixable), (text, fixed.after)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts())
def test_fixing_twice_changes_nothing(draft: tuple[str, str]) -> None:
    text, fmt = draft
    once = fix_text(text, fmt, CONFIG).after
    assert fix_text(once, fmt, CONFIG).after == once


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drafts())
def test_fixed_text_still_parses_and_keeps_judgement_calls(draft: tuple[str, str]) -> None:
    text, fmt = draft
    before = check_text(text, fmt, CONFIG)
    after = check_text(fix_text(text, fmt, CONFIG).after, fmt, CONFIG)
    assert after.error is None
    assert after.scores is not None and before.scores is not None
    changed = _changed_ranges(text, fix_text(text, fmt, CONFIG).after)
    for f in before.findings:
        if f.rule in JUDGEMENT:  # a passive verb or an acronym: never edited
            assert not any(s < f.end and f.start < e for s, e in changed), f
    for rule in JUDGEMENT:
        assert sorted(f.match for f in after.findings if f.rule == rule) == \
            sorted(f.match for f in before.findings if f.rule == rule)
    fixable = sum(1 for f in before.findings if f.fix is not None and f.fix.safe)
    assert len(after.findings) <= len(before.findings)
    assert fixable == 0 or len(after.findings) < len(before.findings)
