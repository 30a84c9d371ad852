"""From a stored Document to what the stages read: the masked text, its spaCy parse and
sentences.

Segments that do not feed extraction (bylines, bios, disclaimers, boilerplate) are replaced
by spaces of the same length, so spaCy's character offsets are clean-text offsets and no
fact can come from furniture. Captions are kept (they feed extraction, marked by their
segment role). A paragraph break always starts a new sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from newsweave.analyze.context import Context, ExtraPlace, doc_text
from newsweave.model import Document, Role

STORY_ROLES = frozenset({Role.HEADLINE, Role.STANDFIRST, Role.BODY, Role.CAPTION})
"""Segments that tell the story: events, quotes, figures and dates are read from these."""
ANALYSED_ROLES = STORY_ROLES | {Role.AUTHOR_BIO}
"""Segments parsed at all: an author's bio also says who the writer is and works for
("a former foreign editor with Radio Lagune"), read by the names and relations stages."""
BREAKS = "newsweave_paragraph_breaks"


def masked_text(document: Document) -> str:
    """``document.text`` with every non-analysed segment blanked (same length)."""
    chars = list(document.text)
    for segment in document.segments:
        if segment.role not in ANALYSED_ROLES:
            chars[segment.start : segment.end] = " " * (segment.end - segment.start)
    return "".join(chars)


def paragraph_breaks(doc: Any) -> Any:
    """spaCy component: a token after a blank line starts a sentence; tokens of the
    blanked furniture never do (they are whitespace), nor does the second word of a
    paragraph (the small parser cut "Sika | Amedzro is a writer" after a blanked box).

    The marks are written in one array: spaCy's ``token.is_sent_start`` setter scans the
    whole Doc each time (``has_annotation("DEP")``), which made this step quadratic in the
    number of paragraphs (a page of 100,000 tiny paragraphs never finished)."""
    from spacy.attrs import SENT_START

    if len(doc) < 2:
        return doc
    marks = doc.to_array([SENT_START]).astype("int64").reshape(-1)
    first = False
    previous = doc[0]
    for token in doc[1:]:
        if previous.is_space and "\n" in previous.text:
            marks[token.i] = 1
            first = True
        else:
            if token.is_space or (first and previous.is_alpha and not token.is_punct):
                marks[token.i] = -1
            first = False
        previous = token
    doc.from_array([SENT_START], marks.astype("uint64").reshape(-1, 1))
    return doc


def register_components() -> None:
    """Make the component known to spaCy (idempotent)."""
    from spacy.language import Language

    if BREAKS not in Language.factories:
        Language.component(BREAKS)(paragraph_breaks)


def sentences(doc: Any) -> tuple[tuple[int, int], ...]:
    """Sentence character ranges, trimmed of whitespace, never across a paragraph break.

    The small parser sometimes splits after a closing quote or inside an unpunctuated
    line; a piece that holds no letter, or that follows a piece without final punctuation
    and starts in lower case, is joined to the sentence before it.
    """
    text: str = doc_text(doc)
    pieces: list[tuple[int, int]] = []
    for sent in doc.sents:
        for start, end in _split_paragraphs(text, sent.start_char, sent.end_char):
            pieces.append((start, end))
    out: list[tuple[int, int]] = []
    for start, end in pieces:
        if out and _continues(text, out[-1], start, end):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return tuple(out)


def _split_paragraphs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    offset = start
    for part in text[start:end].split("\n\n"):
        stripped = part.strip()
        if stripped:
            lead = offset + len(part) - len(part.lstrip())
            yield (lead, lead + len(stripped))
        offset += len(part) + 2


def _continues(text: str, previous: tuple[int, int], start: int, end: int) -> bool:
    if "\n" in text[previous[1] : start]:
        return False  # a paragraph break lies between them
    piece = text[start:end]
    if not any(c.isalpha() for c in piece):
        return True
    last = text[previous[0] : previous[1]].rstrip()
    return not last.endswith((".", "!", "?", ":", '"', "”", "’", "'")) and piece[:1].islower()


def pipeline(nlp: Any) -> Any:
    """``nlp`` with the paragraph-break component before the parser."""
    register_components()
    if BREAKS not in nlp.pipe_names:
        nlp.add_pipe(BREAKS, before="parser")
    return nlp


def pieces(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut ``text`` into consecutive ranges of at most ``limit`` characters, each ending
    after a paragraph break when there is one (else after a line break, else after a space,
    else hard), so a long text is parsed piece by piece within spaCy's ``max_length``."""
    out: list[tuple[int, int]] = []
    start, size = 0, len(text)
    while size - start > limit:
        end = start + limit
        cut = -1
        for sep in ("\n\n", "\n", " "):
            found = text.rfind(sep, start + 1, end)
            if found > start:
                cut = found + len(sep)
                break
        if cut <= start:
            cut = end
        out.append((start, cut))
        start = cut
    out.append((start, size))
    return out


def contexts(
    documents: Iterable[Document],
    nlp: Any,
    *,
    batch_size: int = 16,
    n_process: int = 1,
    extra_places: tuple[ExtraPlace, ...] = (),
    chunk_chars: int = 100_000,
    batch_chars: int | None = None,
    on_piece: Callable[[], None] | None = None,
) -> Iterator[Context]:
    """Parse documents in batches (one spaCy pass each) and yield their contexts.

    A text longer than ``chunk_chars`` (capped at ``nlp.max_length``) is parsed in pieces
    cut at paragraph breaks and joined back into one Doc whose text is exactly the whole
    text, so every offset stays a clean-text offset. ``batch_chars`` (with one process)
    also closes a spaCy batch before it holds more than that many characters: spaCy's
    working memory grows with the tokens of a batch (about 3 KB per character of text for
    the small model's tok2vec), so a batch of long articles would otherwise take hundreds
    of MB. ``on_piece`` is called after each piece (a heartbeat for runners that watch for
    stuck workers)."""
    nlp = pipeline(nlp)
    limit = max(1, min(chunk_chars, int(nlp.max_length)))
    waiting: dict[int, list[Any]] = {}

    def texts() -> Iterator[tuple[str, tuple[int, int, Document]]]:
        for number, document in enumerate(documents):
            text = masked_text(document)
            ranges = pieces(text, limit)
            for index, (start, end) in enumerate(ranges):
                yield text[start:end], (number, len(ranges) - index - 1, document)

    if batch_chars is None or n_process != 1:
        parsed = nlp.pipe(texts(), as_tuples=True, batch_size=batch_size, n_process=n_process)
    else:
        parsed = _pipe_bounded(nlp, texts(), batch_size, batch_chars)
    for doc, (number, left, document) in parsed:
        if on_piece is not None:
            on_piece()
        parts = waiting.setdefault(number, [])
        parts.append(doc)
        if left:
            continue
        del waiting[number]
        whole = parts[0] if len(parts) == 1 else _join(parts)
        anchor = document.date.value if document.date else None
        yield Context(document, whole, sentences(whole), anchor, extra_places)


def _pipe_bounded(
    nlp: Any, texts: Iterable[tuple[str, Any]], batch_size: int, batch_chars: int
) -> Iterator[tuple[Any, Any]]:
    """``nlp.pipe`` over ``texts`` (text, context) in batches of at most ``batch_size``
    texts and ``batch_chars`` characters (a longer text is a batch of its own)."""
    for batch in char_batches(texts, batch_size, batch_chars):
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))


def char_batches(
    texts: Iterable[tuple[str, Any]], batch_size: int, batch_chars: int
) -> Iterator[list[tuple[str, Any]]]:
    """Consecutive batches of at most ``batch_size`` items and ``batch_chars`` characters
    of text (an item longer than that alone)."""
    batch: list[tuple[str, Any]] = []
    chars = 0
    for item in texts:
        size = len(item[0])
        if batch and (len(batch) >= batch_size or chars + size > batch_chars):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += size
    if batch:
        yield batch


def _join(parts: list[Any]) -> Any:
    from spacy.tokens import Doc

    return Doc.from_docs(parts, ensure_whitespace=False)


def context_for(document: Document, nlp: Any, extra_places: tuple[ExtraPlace, ...] = ()) -> Context:
    """One document's context (tests and small jobs)."""
    return next(contexts([document], nlp, extra_places=extra_places))
