"""Small real stores for resolve tests: short original articles (JSON Lines with their
publication dates) ingested, analysed and resolved with a made-up gazetteer."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from newsweave.analyze.gazetteer import Gazetteer, load_places_file
from newsweave.ingest.pipeline import ingest
from newsweave.pipeline import analyze_store
from newsweave.resolve.corpus import resolve_corpus
from newsweave.settings import Settings
from newsweave.store.sqlite import Store

GAZETTEER = """name,aliases,kind,lat,lon,country
Veldoria,Republic of Veldoria,country,12.00,30.00,XV
Tarven,Tarven City,city,11.20,30.40,XV
Esk Region,Esk,region,14.60,29.80,XV
Marrow Ford,,village,14.50,29.70,XV
Kelmark,,country,40.00,-20.00,XK
Ostby,,city,40.20,-20.10,XK
"""
"""Two made-up countries, far apart; Marrow Ford lies in the Esk region."""

Article = tuple[str, str, str]
"""(published ISO date, headline, body)."""


def write_articles(folder: Path, name: str, articles: Sequence[Article]) -> Path:
    """The articles as one JSON Lines file."""
    path = folder / f"{name}.jsonl"
    lines = [
        json.dumps({"title": title, "text": f"{title}\n\n{body}", "published": date})
        for date, title, body in articles
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def settings_for(folder: Path) -> Settings:
    places = folder / "places.csv"
    places.write_text(GAZETTEER, encoding="utf-8")
    return Settings().replace("analyze.gazetteer_files", (places,))


def add_articles(store: Store, folder: Path, name: str, articles: Sequence[Article]) -> None:
    """Ingest, analyse and resolve ``articles`` into ``store`` (as ``newsweave ingest``)."""
    settings = settings_for(folder)
    ingest([str(write_articles(folder, name, articles))], store, settings, follow_links=False)
    analyze_store(store, settings)
    resolve_corpus(store, Gazetteer.build(load_places_file(folder / "places.csv")))


def text_corpus_store(folder: Path, files: Mapping[str, str]) -> Store:
    """A new store at ``folder`` holding ``files`` (file name → plain text, the date in the
    name), ingested, analysed and resolved with the bundled gazetteer, as ``newsweave ingest
    FOLDER`` does. The caller closes it."""
    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    store = Store.open(folder / "store.db")
    ingest([str(corpus)], store, Settings(), follow_links=False)
    analyze_store(store, Settings())
    resolve_corpus(store, Gazetteer.build())
    return store
