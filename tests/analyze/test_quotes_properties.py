"""Property test: the quotes stage never crashes on text full of quote marks, and every
span points into the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import context_for
from newsweave.analyze.quote_marks import paragraphs, quote_marks
from newsweave.analyze.quotes import extract_quotes
from newsweave.model import Document, Role, Segment

WORDS = st.sampled_from(
    [
        "said", "Kara", "the", "minister", "told", "Halyard", "according", "to", "he",
        "she", "wrote", "that", "so-called", "port", "“", "”", "‘", "’", '"', "'", ",",
        ".", ":", "\n\n", "A", "shopkeeper", "added", "deal", "historic", "praised",
    ]
)  # fmt: skip
TEXTS = st.lists(WORDS, min_size=1, max_size=60).map(" ".join) | st.text(
    alphabet=st.sampled_from("ab .,:“”‘’\"'\n"), max_size=80
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_quotes_never_crash_and_spans_point_into_the_text(text: str) -> None:
    segments = tuple(Segment(Role.BODY, s, e) for s, e in paragraphs(text))
    ctx = context_for(Document("dprop", "prop", text, segments), load())
    for mark in quote_marks(text):
        assert 0 <= mark.start < mark.end <= len(text)
    for q in extract_quotes(ctx, lambda s, e: None):
        assert 0 <= q.span.start < q.span.end <= len(text)
        assert text[q.span.start : q.span.end] == q.span.text
        assert q.evidence.start == q.span.start and q.evidence.end == q.span.end
        assert q.span.text in q.evidence.text or "\n" in q.span.text
