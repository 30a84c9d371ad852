"""The example corpus through the real pipeline into a real store: a golden summary per
article (tests/cases/example_corpus/expected.json) plus the phenomena it was written for."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from newsweave.ingest.pipeline import ingest
from newsweave.model import Document, Role
from newsweave.settings import Settings
from newsweave.store.sqlite import Store
from tests.conftest import CASES, EXAMPLES, ROOT
from tests.ingest.test_golden_parse import describe

EXPECTED = CASES / "example_corpus" / "expected.json"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Document]:
    db = tmp_path_factory.mktemp("examples") / "examples.db"
    with Store.open(db) as store:
        report = ingest([str(EXAMPLES / "corpus")], store, Settings(), follow_links=False)
        assert report.ok, [o.error.line() for o in report.failed if o.error]
        again = ingest([str(EXAMPLES / "corpus")], store, Settings(), follow_links=False)
        assert {o.status for o in again.outcomes} == {"duplicate"}
        docs = {_name(d.source): d for d in store.iter_documents()}
    return docs


def _name(source: str) -> str:
    return str(Path(source).relative_to(ROOT / "examples" / "corpus"))


def _summary(doc: Document) -> dict[str, Any]:
    """The golden-case description without the segment texts: role counts instead."""
    summary = describe(doc)
    segments = summary.pop("segments")
    del summary["extra"]
    summary["near_duplicate"] = doc.near_duplicate_of is not None
    summary["roles"] = dict(sorted(Counter(role for role, _ in segments).items()))
    return summary


def test_golden_summary(corpus: dict[str, Document], update_golden: bool) -> None:
    got = {name: _summary(doc) for name, doc in sorted(corpus.items())}
    if update_golden or not EXPECTED.exists():
        EXPECTED.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n")
        if not update_golden:
            pytest.fail(f"wrote missing {EXPECTED}; review it and run again")
    assert got == json.loads(EXPECTED.read_text(encoding="utf-8"))


def test_every_article_has_title_date_and_body(corpus: dict[str, Document]) -> None:
    assert len(corpus) >= 20
    for name, doc in corpus.items():
        assert doc.title, name
        assert doc.published, name
        assert doc.language == "en", name
        assert doc.body_text, name


def test_syndicated_copy_is_linked_to_the_wire_original(corpus: dict[str, Document]) -> None:
    copy = corpus["2024-01-10_pan-african-monitor_syndicated-general-strike.html"]
    original = corpus["2024-01-09_halyard_general-strike-shuts-port.html"]
    assert copy.near_duplicate_of == original.id
    assert sum(1 for d in corpus.values() if d.near_duplicate_of) == 1


def test_caption_and_bio_dates_are_used_when_nothing_else_is_stated(
    corpus: dict[str, Document],
) -> None:
    shooting = corpus["2024-01-14_albion-herald_security-forces-open-fire.html"]
    # the page states no date; its file name (an archivist's date) comes before its
    # dated caption, and both say 14 January (session 7)
    assert shooting.date and shooting.date.inferred and shooting.date.source == "file-name"
    assert shooting.published and shooting.published.iso() == "2024-01-14"
    analysis = corpus["ggpf_mabenia-port-crisis-part-one.html"]
    assert analysis.date and analysis.date.source == "author-bio"
    assert analysis.date.evidence and "26 January 2024" in analysis.date.evidence.text


def test_plain_text_byline_gives_author_place_and_date(corpus: dict[str, Document]) -> None:
    blog = corpus["2024-01-12_notes-from-the-lagoon_city-holding-its-breath.txt"]
    assert blog.authors == ("Sika Amedzro",)
    assert blog.published and blog.published.iso() == "2024-01-12"
    assert blog.genre == "blog"


def test_genres(corpus: dict[str, Document]) -> None:
    genres = Counter(d.genre for d in corpus.values())
    assert genres["opinion"] >= 2 and genres["analysis"] >= 2 and genres["blog"] >= 1
    assert corpus["2024-01-20_albion-herald_opinion-ecowas-troops.html"].genre == "opinion"


def test_repeated_standfirst_is_one_segment(corpus: dict[str, Document]) -> None:
    for name in (
        "2024-01-16_continental-post_rights-group-toll-181.html",
        "2024-01-24_amakoro-sentinel_national-dialogue-toll-212.html",
    ):
        doc = corpus[name]
        standfirst = doc.role_text(Role.STANDFIRST)
        assert standfirst, name
        assert standfirst not in doc.body_text, name


def test_furniture_never_reaches_the_body(corpus: dict[str, Document]) -> None:
    for name, doc in corpus.items():
        for segment in doc.segments:
            text = doc.segment_text(segment).strip().lower()
            if segment.role is Role.BODY:
                assert text not in {"accept", "close", "share", "sign up"}, name
                assert not text.startswith(("sign up for", "share on", "we use cookies")), name
