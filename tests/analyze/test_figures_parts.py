"""Parts of figures stated in a sentence of their own (original sentences): a bare number
as the subject of "be" with a plural noun ("At least 30 were pilgrims"), a sentence that
refers back ("Of those, …", "N of the injured …") point at the figure of the sentence before
in the same paragraph; a passive count, a larger number, another paragraph or a percentage
do not. Real spaCy model."""

from __future__ import annotations

from newsweave.analyze.figures import extract_figures
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import context_for
from newsweave.model import Document, Role, Segment, content_id
from newsweave.model.facts import Figure
from newsweave.model.ids import fact_id


def _figures(text: str) -> tuple[str, dict[str, Figure]]:
    paragraphs, segments, at = text.split("\n\n"), [], 0
    for paragraph in paragraphs:
        segments.append(Segment(Role.BODY, at, at + len(paragraph)))
        at += len(paragraph) + 2
    document = Document(content_id("d", text), "test", text, tuple(segments))
    found = extract_figures(context_for(document, load(), ()), lambda s, e: None)
    return document.id, {f.span.text: f for f in found}


def _id(doc: str, figure: Figure) -> str:
    return fact_id("f", doc, figure.span.start, figure.span.end)


def test_a_bare_number_that_is_some_of_the_group_before() -> None:
    doc, found = _figures(
        "The ferry carried 212 passengers when it ran aground. At least 30 were pilgrims "
        "returning from the shrine."
    )
    part = found["At least 30"]
    assert part.part_of == _id(doc, found["212"])
    assert part.qualifier == "at_least"


def test_a_sentence_that_refers_back_to_the_group() -> None:
    doc, found = _figures(
        "Police detained 73 protesters near the ministry. Of those, 15 were released "
        "without charge on Sunday."
    )
    assert found["15"].part_of == _id(doc, found["73"])
    doc, found = _figures(
        "The bus crash injured 45 people on the coast road. Nine of the injured remain in "
        "intensive care, the hospital said."
    )
    assert found["Nine"].part_of == _id(doc, found["45"])


def test_no_part_for_a_passive_count_a_larger_number_or_another_paragraph() -> None:
    _, found = _figures("Forty workers walked out on Monday. Twelve were dismissed on Tuesday.")
    assert all(f.part_of is None for f in found.values())
    _, found = _figures("The club sold 300 tickets on Friday. Of those, 450 were resold.")
    assert all(f.part_of is None for f in found.values())
    _, found = _figures(
        "The ferry carried 212 passengers when it ran aground.\n\nAt least 30 were pilgrims."
    )
    assert all(f.part_of is None for f in found.values())
    _, found = _figures("Turnout was 61 percent. Of those, 4,000 were postal voters.")
    assert all(f.part_of is None for f in found.values())
