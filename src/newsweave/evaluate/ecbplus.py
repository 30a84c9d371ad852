"""Cross-document entity coreference on ECB+ (``ecbplus/``), task ``coref``.

Gold: the entity mentions of ECB+ — tags starting with ``HUMAN_PART`` (PER, ORG, GPE, FAC,
VEH, MET, GENERIC), ``NON_HUMAN_PART`` and ``LOC`` (GEO, FAC, OTHER); actions and times are
left out (times are dates, not actors). A mention's gold chain is its ``CROSS_DOC_COREF``
instance, else its ``INTRA_DOC_COREF`` chain, else itself (a singleton). Only mentions
wholly inside the sentences listed in ``ECBplus_coreference_sentences.csv`` count; sentence 0
of the ``ecbplus`` files (the page URL) is not part of the text.

System: each document's tokens become one text (tokens joined by spaces, sentences as
paragraphs) that goes through the same spaCy pass and names stage as any article; the
actors are stored in a temporary store, geocoded (as the corpus step does before entities)
and resolved across ALL selected documents at once by
:func:`newsweave.resolve.entities.resolve_entities` (blocking, no topic given). The
system's chains are scored twice: on the WHOLE corpus, where a merge across topics is an
error as it is in an archive (rows ``whole_b3_f1``, ``whole_conll_f1``…), and with the chains
split by gold topic first (the usual "gold topics" setting, which never counts a cross-topic
merge; rows ``b3_f1``, ``conll_f1``…, the scoring the first floors were set on). ECB+ gold
chains never cross topics, so whole-corpus precision also counts true merges across topics
("Athens", "Intel", "Barack Obama" in two topics) as errors.

Alignment: each gold mention is paired one-to-one with the system mention that overlaps it
most (character IoU, greedy); scores are computed over the ALIGNED mentions only, so they
measure linking, not mention detection (``aligned`` reports the share of gold mentions
aligned). Metrics (implemented here): MUC, B³, CEAF-e and CoNLL F1 = their F1 mean;
singletons included. Second system ``same-name baseline``: aligned mentions with identical
normalised system mention text form one chain (across the corpus; within the topic for the
topic-split scoring).
"""

from __future__ import annotations

import csv
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsweave.analyze.gazetteer import Gazetteer, normalize
from newsweave.analyze.names import extract_actors
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import contexts
from newsweave.errors import NewsweaveError
from newsweave.evaluate.harness import Row
from newsweave.model import Document, Role, Segment, content_id
from newsweave.model.facts import DocAnalysis
from newsweave.resolve.entities import entity_of, resolve_entities
from newsweave.resolve.places import geocode_documents
from newsweave.store.analysis import save_analysis
from newsweave.store.sqlite import Store

TASK = "coref"
OURS, BASELINE = "newsweave", "same-name baseline"
SPLIT = " (topic split)"
ENTITY_TAGS = ("HUMAN_PART", "NON_HUMAN_PART", "LOC_")
TOPICS = 43

Cluster = frozenset[Hashable]


# --------------------------------------------------------------------------- metrics


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _index(clusters: Sequence[Cluster]) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def _muc_side(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
    where = _index(response)
    num = den = 0
    for cluster in key:
        parts = {where.get(m, ("alone", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num / den if den else 0.0


def muc(key: Sequence[Cluster], response: Sequence[Cluster]) -> PRF:
    """MUC (Vilain et al. 1995): links kept."""
    return PRF(_muc_side(response, key), _muc_side(key, response))


def _b3_side(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
    where = _index(response)
    total = count = 0.0
    for cluster in key:
        for mention in cluster:
            other = where.get(mention)
            shared = len(cluster & response[other]) if other is not None else 1
            total += shared / len(cluster)
            count += 1
    return total / count if count else 0.0


def b_cubed(key: Sequence[Cluster], response: Sequence[Cluster]) -> PRF:
    """B³ (Bagga & Baldwin 1998): per-mention overlap of its key and response chains."""
    return PRF(_b3_side(response, key), _b3_side(key, response))


def _phi4(a: Cluster, b: Cluster) -> float:
    return 2 * len(a & b) / (len(a) + len(b))


def max_assignment(weights: Sequence[Sequence[float]]) -> float:
    """Largest total weight of a one-to-one assignment (Hungarian method, O(n³))."""
    if not weights or not weights[0]:
        return 0.0
    rows, cols = len(weights), len(weights[0])
    n = max(rows, cols)
    cost = [
        [-(weights[i][j] if i < rows and j < cols else 0.0) for j in range(n)] for i in range(n)
    ]
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [float("inf")] * (n + 1), [False] * (n + 1)
        while p[j0]:
            used[j0], i0, delta, j1 = True, p[j0], float("inf"), 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return -sum(cost[p[j] - 1][j - 1] for j in range(1, n + 1) if p[j])


def ceaf_e(key: Sequence[Cluster], response: Sequence[Cluster]) -> PRF:
    """Entity-based CEAF (Luo 2005, φ4): best one-to-one alignment of chains, solved per
    group of chains that share mentions."""
    total = 0.0
    for ks, rs in _overlap_groups(key, response):
        total += max_assignment([[_phi4(k, r) for r in rs] for k in ks])
    return PRF(total / len(response) if response else 0.0, total / len(key) if key else 0.0)


def _overlap_groups(
    key: Sequence[Cluster], response: Sequence[Cluster]
) -> Iterator[tuple[list[Cluster], list[Cluster]]]:
    """Connected groups of key and response chains linked by shared mentions."""
    parent = list(range(len(key) + len(response)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    where = _index(key)
    for j, cluster in enumerate(response):
        for mention in cluster:
            if mention in where:
                parent[find(len(key) + j)] = find(where[mention])
    groups: dict[int, tuple[list[Cluster], list[Cluster]]] = defaultdict(lambda: ([], []))
    for i, cluster in enumerate(key):
        groups[find(i)][0].append(cluster)
    for j, cluster in enumerate(response):
        groups[find(len(key) + j)][1].append(cluster)
    for ks, rs in groups.values():
        if ks and rs:
            yield ks, rs


def conll_f1(key: Sequence[Cluster], response: Sequence[Cluster]) -> float:
    """CoNLL F1: the mean of MUC, B³ and CEAF-e F1."""
    return (muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1) / 3


def clusters(labels: dict[Hashable, Hashable]) -> list[Cluster]:
    """Mentions grouped by label."""
    found: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, label in labels.items():
        found[label].add(mention)
    return [frozenset(c) for c in found.values()]


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldMention:
    id: tuple[str, str]
    """(document name, m_id)."""
    start: int
    end: int
    chain: str


@dataclass(frozen=True)
class GoldDocument:
    name: str
    """``1_10ecbplus``."""
    topic: str
    text: str
    mentions: tuple[GoldMention, ...]


def selected_sentences(data_dir: Path) -> dict[str, set[int]]:
    """Document name → sentence numbers whose annotation is complete."""
    found: dict[str, set[int]] = defaultdict(set)
    path = data_dir / "ecbplus" / "ECBplus_coreference_sentences.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return found


def _text(root: ET.Element, skip_url: bool) -> tuple[str, dict[str, tuple[int, int, int]]]:
    """The document text and token id → (start, end, sentence)."""
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int, int]] = {}
    offset, current = 0, None
    for token in root.iter("token"):
        sentence = int(token.get("sentence", "0"))
        if skip_url and sentence == 0:
            continue
        word = token.text or ""
        if current is not None:
            sep = "\n\n" if sentence != current else " "
            pieces.append(sep)
            offset += len(sep)
        current = sentence
        offsets[str(token.get("t_id"))] = (offset, offset + len(word), sentence)
        pieces.append(word)
        offset += len(word)
    return "".join(pieces), offsets


def _chains(root: ET.Element, name: str) -> dict[str, str]:
    """Mention id → chain id from the cross- and intra-document relations."""
    instance = {
        str(m.get("m_id")): str(m.get("instance_id"))
        for m in root.iter()
        if m.get("instance_id") is not None
    }
    chain: dict[str, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        target = rel.find("target")
        if target is None:
            continue
        tid = str(target.get("m_id"))
        if rel.tag == "CROSS_DOC_COREF":
            label = rel.get("note") or instance.get(tid) or f"{name}/{tid}"
        else:
            label = f"{name}/intra/{tid}"
            chain.setdefault(tid, label)
        for source in rel.findall("source"):
            chain.setdefault(str(source.get("m_id")), label)
    return chain


def read_document(path: Path, sentences: set[int]) -> GoldDocument:
    """One ECB+ file as text and gold entity mentions in its selected sentences."""
    root = ET.parse(path).getroot()
    name = path.stem
    text, offsets = _text(root, skip_url=name.endswith("ecbplus"))
    chain = _chains(root, name)
    mentions = []
    markables = root.find("Markables")
    for mark in markables if markables is not None else ():
        anchors = [offsets.get(str(a.get("t_id"))) for a in mark.findall("token_anchor")]
        if not mark.tag.startswith(ENTITY_TAGS) or not anchors or None in anchors:
            continue
        spans = [a for a in anchors if a is not None]
        if any(s[2] not in sentences for s in spans):
            continue
        m_id = str(mark.get("m_id"))
        start, end = min(s[0] for s in spans), max(s[1] for s in spans)
        mentions.append(GoldMention((name, m_id), start, end, chain.get(m_id, f"{name}/{m_id}")))
    return GoldDocument(name, name.split("_")[0], text, tuple(mentions))


def gold_documents(data_dir: Path, limit: int | None = None) -> list[GoldDocument]:
    """The documents with selected sentences of the first ``limit`` topics (by number)."""
    folder = data_dir / "ecbplus" / "ECB+"
    if not folder.is_dir():
        raise NewsweaveError("NW301", str(folder), "ECB+ folder not found")
    selected = selected_sentences(data_dir)
    topics = sorted((p for p in folder.iterdir() if p.is_dir()), key=lambda p: int(p.name))
    found = []
    for topic in topics[:limit]:
        for path in sorted(topic.glob("*.xml")):
            if path.stem in selected:
                found.append(read_document(path, selected[path.stem]))
    return found


# --------------------------------------------------------------------------- system


@dataclass(frozen=True)
class SystemMention:
    start: int
    end: int
    text: str
    actor: str | None


def as_document(gold: GoldDocument) -> Document:
    """The gold text as a Document whose whole text is body."""
    return Document(
        content_id("d", gold.name, gold.text),
        f"ecbplus:{gold.name}",
        gold.text,
        (Segment(Role.BODY, 0, len(gold.text)),),
        language="en",
    )


def system_mentions(
    golds: Sequence[GoldDocument], store: Store, tick: Callable[[], None] = lambda: None
) -> dict[str, list[SystemMention]]:
    """Run the names stage on every document, store the actors, resolve entities across
    all of them; the system mentions of each document with their actor ids."""
    gazetteer = Gazetteer.build()
    documents = [as_document(g) for g in golds]
    for doc in documents:
        store.add_document(doc, near_duplicate_threshold=1.1)
    found: dict[str, list[SystemMention]] = {}
    last = {g.topic: g.name for g in golds}
    for gold, ctx in zip(golds, contexts(documents, load(), batch_size=32), strict=True):
        mentions, actors = extract_actors(ctx, gazetteer)
        analysis = DocAnalysis(ctx.document.id, "coref-eval", mentions=mentions, actors=actors)
        save_analysis(store, analysis, ctx.document.text)
        found[gold.name] = [
            SystemMention(m.span.start, m.span.end, m.span.text, m.actor) for m in mentions
        ]
        if last[gold.topic] == gold.name:
            tick()
    geocode_documents(store, gazetteer)  # as the corpus step does: places first
    resolve_entities(store)
    return found


def align(
    gold: Sequence[GoldMention], system: Sequence[SystemMention]
) -> list[tuple[GoldMention, SystemMention]]:
    """One-to-one pairs of overlapping gold and system mentions, best overlap first."""
    scored = []
    for g in gold:
        for s in system:
            inter = min(g.end, s.end) - max(g.start, s.start)
            if inter > 0:
                union = max(g.end, s.end) - min(g.start, s.start)
                scored.append((inter / union, g.id, s.start, g, s))
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_gold: set[tuple[str, str]] = set()
    used_system: set[tuple[int, int]] = set()
    pairs = []
    for _iou, _, _, g, s in scored:
        if g.id not in used_gold and (s.start, s.end) not in used_system:
            used_gold.add(g.id)
            used_system.add((s.start, s.end))
            pairs.append((g, s))
    return pairs


@dataclass(frozen=True)
class Result:
    """Scores of one system."""

    system: str
    b3: PRF
    muc: PRF
    ceaf: PRF

    @property
    def conll(self) -> float:
        return (self.b3.f1 + self.muc.f1 + self.ceaf.f1) / 3


def score(system: str, key: Sequence[Cluster], response: Sequence[Cluster]) -> Result:
    return Result(system, b_cubed(key, response), muc(key, response), ceaf_e(key, response))


@dataclass(frozen=True)
class Evaluation:
    results: tuple[Result, ...]
    gold_mentions: int
    aligned: int
    documents: int


def evaluate(
    data_dir: Path, limit: int | None = None, tick: Callable[[], None] = lambda: None
) -> Evaluation:
    """Our entities and the same-name baseline on the first ``limit`` topics."""
    golds = gold_documents(data_dir, limit)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "ecb.db") as store:
        found = system_mentions(golds, store, tick)
        key: dict[Hashable, Hashable] = {}
        labels: dict[str, dict[Hashable, Hashable]] = defaultdict(dict)
        for gold in golds:
            for g, s in align(gold.mentions, found[gold.name]):
                key[g.id] = (gold.topic, g.chain)
                entity = (entity_of(store, s.actor) if s.actor else None) or s.actor or g.id
                text = normalize(s.text)
                labels[OURS][g.id] = entity
                labels[BASELINE][g.id] = text
                labels[OURS + SPLIT][g.id] = (gold.topic, entity)
                labels[BASELINE + SPLIT][g.id] = (gold.topic, text)
    gold_total = sum(len(g.mentions) for g in golds)
    systems = (OURS, BASELINE, OURS + SPLIT, BASELINE + SPLIT)
    results = tuple(score(name, clusters(key), clusters(labels[name])) for name in systems)
    return Evaluation(results, gold_total, len(key), len(golds))


def rows(evaluation: Evaluation) -> Iterator[Row]:
    """Per system, the topic-split scores under the metric names the floors were first set
    on (``b3_f1``, ``conll_f1``…) and the whole-corpus scores as ``whole_*`` (their own
    floors in ``floors.yaml``)."""
    results = {r.system: r for r in evaluation.results}
    for system in (OURS, BASELINE):
        for prefix, result in (("", results[system + SPLIT]), ("whole_", results[system])):
            yield Row(TASK, system, f"{prefix}b3_precision", result.b3.precision)
            yield Row(TASK, system, f"{prefix}b3_recall", result.b3.recall)
            yield Row(TASK, system, f"{prefix}b3_f1", result.b3.f1)
            yield Row(TASK, system, f"{prefix}muc_f1", result.muc.f1)
            yield Row(TASK, system, f"{prefix}ceafe_f1", result.ceaf.f1)
            yield Row(TASK, system, f"{prefix}conll_f1", result.conll)
    share = evaluation.aligned / evaluation.gold_mentions if evaluation.gold_mentions else 0.0
    yield Row(TASK, OURS, "aligned", share)


def run(data_dir: Path, limit: int | None, tick: Callable[[], None]) -> list[Row]:
    """The ``coref`` eval task (``limit`` counts topics)."""
    return list(rows(evaluate(data_dir, limit, tick)))
