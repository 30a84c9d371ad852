"""Figures: what a number counts, read from the dependency parse (the counted noun,
the event verb, the subject, the changed quantity)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from newsweave.analyze.figures_vocab import (
    _CHANGE_VERBS,
    _DEAD_NOUNS,
    _EVENT_VERBS,
    _PERSON_NOUNS,
    _TOLL_NOUNS,
)

# ---------------------------------------------------------------------------------------
# Reading the parse (spaCy tokens are typed Any)
# ---------------------------------------------------------------------------------------


def _root(tokens: Any) -> Any:
    """The token of a span whose head lies outside it (the last one if none)."""
    inside = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return tokens[-1]


def _counted_noun(doc: Any, tokens: Any, root: Any, skip: int = 0) -> Any | None:
    """The noun a number counts: "173 people", "five factories", "dozens of protesters",
    "173 dead", "1.2 billion Mabenian francs", "a 30-year concession" (→ year); ``skip``
    characters of a hedge after the number ("sixty or more protesters") are passed over."""
    end = tokens[-1].i + 1
    if skip:
        stop = tokens[-1].idx + len(tokens[-1].text) + skip
        while end < len(doc) and doc[end].idx < stop:
            end += 1
    compound = _compound_head(doc, root, end)
    if compound is not None:
        return compound
    saw_of = False
    for j in range(end, min(len(doc), end + 5)):
        token = doc[j]
        if token.lower_ in _DEAD_NOUNS and j == end:
            return token
        if token.tag_ in ("NN", "NNS", "NNPS") or token.pos_ == "NOUN":
            linked = token.i == root.head.i or token.head.i == root.i or _is_ancestor(token, root)
            return token if linked or saw_of else None
        if token.lower_ == "of" and not saw_of and j == end:
            saw_of = True
        elif not (
            token.pos_ == "ADJ"
            or token.dep_ in ("amod", "compound")
            or token.text == "-"
            or (token.pos_ == "DET" and saw_of)
        ):
            return None
    return None


_COMPOUND_REACH = 6
"""How many tokens a compound counted noun may span after the number."""


def _compound_head(doc: Any, root: Any, end: int) -> Any | None:
    """The noun a number modifies across the words of a compound ("700 heart transplants",
    "460 Kia and Hyundai vehicles", "two new 737 Max jets", "eight million 250ml bottles"):
    the number's head, when it is a common noun right after it and every word between
    belongs to that noun's phrase. The token-by-token walk of :func:`_counted_noun` stops
    at the first noun of such a compound. The head must agree in number with the figure:
    in "a 12 page report" or "a 3 cylinder engine" the number measures the first word."""
    head = root.head
    owner = head
    if head.tag_ == "NNP":  # "90 Ford and Toyota pickups": the parse counts the first name
        head = next((c for c in head.conjuncts if c.i > head.i and c.tag_ == "NNS"), head)
    plural = head.tag_ == "NNS"
    if (
        root.dep_ != "nummod"
        or head.i < end
        or head.i - end >= _COMPOUND_REACH
        or head.tag_ not in ("NN", "NNS")
        or plural != (root.like_num and root.lower_ not in ("1", "one"))
        or head.lower_ in _DEAD_NOUNS
    ):
        return None
    between = doc[end : head.i]
    if len(between) == 0 or any(
        (t.is_punct and t.text != "-") or t.lower_ in ("times", "x") for t in between
    ):
        return None
    if not all(t.i == owner.i or _is_ancestor(head, t) or _is_ancestor(owner, t) for t in between):
        return None
    return head


def _anchor(noun: Any | None, tokens: Any, root: Any) -> Any:
    """The token whose place in the parse says what is counted: the counted noun, or the
    number itself for "dozens of people" and bare numbers."""
    if noun is None:
        return root
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and noun.head.head.i in {t.i for t in tokens}
    ):
        return root
    return noun


def _is_ancestor(candidate: Any, token: Any) -> bool:
    return any(a.i == candidate.i for a in token.ancestors)


def _compact(token: Any) -> str:
    """A noun with its compounds and adjectives, without determiners: "world cobalt output"."""
    left = token.i
    for child in sorted(token.lefts, key=lambda t: -t.i):
        if (
            child.i == left - 1
            and child.dep_ in ("compound", "amod", "nmod")
            and child.pos_ not in ("NUM", "SYM")
            and not child.like_num
            and child.text not in ("%", "$")
        ):
            left = child.i
        else:
            break
    return str(token.doc[left : token.i + 1].text)


def _with_prep(token: Any) -> str:
    """A noun with its compounds and its first prepositional phrase: "rise in the price of
    petrol"."""
    head = _compact(token)
    for child in token.rights:
        if child.dep_ == "prep":
            return f"{head} {_phrase_text(token.doc, child.i, child.right_edge.i + 1)}"
    return head


def _phrase_text(doc: Any, start: int, end: int) -> str:
    """doc[start:end] cut before the first verb or punctuation (parse attachments of a
    following clause are not part of the phrase)."""
    stop = start + 1
    while stop < end and doc[stop].pos_ not in ("VERB", "AUX", "PUNCT"):
        stop += 1
    return str(doc[start:stop].text)


def _participle(verb: Any) -> str:
    """The participle of an event verb ("killed" for kill); "shot dead" keeps "dead"."""
    text = _EVENT_VERBS.get(verb.lemma_.lower())
    if text is None:
        text = verb.text.lower() if verb.tag_ in ("VBN", "VBD") else verb.lemma_.lower()
    for child in verb.rights:
        if child.dep_ in ("acomp", "oprd", "advmod") and child.lower_ in ("dead", "alive"):
            return f"{text} {child.lower_}"
    phrasal = _PHRASAL_EVENTS.get((verb.lemma_.lower(), _particle(verb)))
    return phrasal or str(text)


_PHRASAL_EVENTS = MappingProxyType(
    {
        ("take", "part"): "took part",
        ("force", "home"): "displaced",
        ("force", "flee"): "displaced",
        ("drive", "home"): "displaced",
    }
)
"""Verb + object/complement that say what happened to people: "took part" counts
participants, "forced from their homes" / "forced to flee" counts the displaced."""


def _particle(verb: Any) -> str:
    """The word that completes a phrasal event: the object ("part"), the noun of a "from"
    phrase ("homes" → home) or the verb of a "to" clause ("to flee")."""
    for child in verb.rights:
        if child.dep_ == "dobj":
            return str(child.lemma_.lower())
        if child.dep_ == "prep" and child.lower_ == "from":
            objects = [o for o in child.children if o.dep_ == "pobj"]
            if objects:
                return str(objects[0].lemma_.lower())
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            return str(child.lemma_.lower())
    return ""


def _subject_what(verb: Any) -> str | None:
    """What a clause is about from its subject: "the toll rose to 212" → killed."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
            compact = _compact(child)
            lower = compact.lower()
            for toll, meaning in _TOLL_NOUNS.items():
                if lower.endswith(toll) and meaning:
                    return meaning
            counted = _count_noun_what(child)
            if counted is not None:
                return counted
            lemma = verb.lemma_.lower()
            if lemma == "be":
                return compact
            return f"{compact} {lemma}" if lemma in _CHANGE_VERBS else None
    return None


def _count_noun_what(noun: Any) -> str | None:
    """What a count noun counts from what it is of: "the number of people killed in the
    floods has reached 31" → killed, "the count of the injured" → injured."""
    if noun.lower_ not in ("number", "count", "tally", "total", "figure"):
        return None
    for token in noun.subtree:
        if token.i == noun.i:
            continue
        if token.lower_ in _DEAD_NOUNS:
            return str(_DEAD_NOUNS[token.lower_])
        if token.pos_ == "VERB" and token.lemma_.lower() in _EVENT_VERBS:
            return _participle(token)
    return None


def _what(anchor: Any, noun: Any | None, percent: bool) -> str | None:
    """What the figure counts, read from how its noun (or the number) sits in the parse."""
    base = _noun_event(noun)
    own = base is not None and noun is not None and noun.i == anchor.i
    if own and (base == "killed" or anchor.dep_ == "conj"):
        # the counted word says what happened: "56 deaths and over 200 people injured"
        # (the dead stay dead), "ten are killed and about 50 hurt" (a count joined to
        # another keeps its own word); "detainees … were freed" counts the freed
        return base
    for child in anchor.children:
        if child.dep_ in ("acl", "relcl", "amod") and child.tag_ in ("VBN", "VBD"):
            return _join_what(noun, _participle(child))
    if percent:
        return _percent_what(anchor)
    dep, head = anchor.dep_, anchor.head
    if dep == "conj" and head.i != anchor.i:
        if head.pos_ in ("VERB", "AUX"):
            if base is not None and head.lemma_.lower() not in _EVENT_VERBS:
                return base
            return _join_what(noun, _participle(head))
        return _what(head, noun, percent) if head.pos_ in ("NOUN", "NUM") else base
    if dep in ("nsubj", "nsubjpass"):
        state = _state_what(head)
        if state is not None:
            return state
        if head.lemma_.lower() == "be":
            for child in head.children:
                if child.dep_ in ("attr", "acomp") and child.i != anchor.i:
                    return str(_DEAD_NOUNS.get(child.lower_, child.lemma_.lower()))
            return base
        return _join_what(noun, _participle(_raised_event(head)))
    if dep == "dobj" and head.pos_ == "VERB":
        lemma = head.lemma_.lower()
        if lemma in _EVENT_VERBS:
            return _join_what(noun, _participle(head))
        return base or _complement_what(head, noun) or _subject_what(head)
    if dep == "pobj":
        return _pobj_what(anchor, noun) or base
    if dep == "attr" and head.lemma_.lower() == "be":
        return _subject_what(head) or base
    return base


def _raised_event(verb: Any) -> Any:
    """The event verb a reporting verb raises its subject to: "two people are reported
    (believed, feared, said) to have been killed" → killed; else the verb itself."""
    if verb.lemma_.lower() not in _reporting_verbs():
        return verb
    for child in verb.children:
        if child.dep_ == "xcomp" and child.lemma_.lower() in _EVENT_VERBS:
            return child
    return verb


def _complement_what(verb: Any, noun: Any | None) -> str | None:
    """What the object's complement says happened to it: "recorded 24 people dead", "left
    300 families homeless" (the verb itself counts nothing)."""
    for child in verb.rights:
        if child.dep_ in ("oprd", "acomp") and child.pos_ in ("ADJ", "VERB"):
            return _join_what(noun, str(_DEAD_NOUNS.get(child.lower_, child.lower_)))
    return None


def _noun_event(noun: Any | None) -> str | None:
    if noun is None:
        return None
    return _DEAD_NOUNS.get(noun.lower_)


def _join_what(noun: Any | None, event: str) -> str:
    """Noun and event ("soldiers wounded"), just the event for people ("killed")."""
    if noun is None or noun.lower_ in _PERSON_NOUNS or noun.lower_ in _DEAD_NOUNS:
        return event
    return f"{noun.text.lower()} {event}"


def _pobj_what(anchor: Any, noun: Any | None) -> str | None:
    """What a number in a prepositional phrase counts: "a population of 6 million" →
    population; "the toll rose to 212" → killed."""
    prep = anchor.head
    target = prep.head
    if prep.lower_ in ("including", "among") and target.pos_ == "NOUN":
        event = _what(target, target, False)
        return _join_what(noun, event) if event and target.lower_ in _PERSON_NOUNS else event
    if prep.lower_ == "of" and target.pos_ in ("NOUN", "PROPN"):
        compact = _compact(target)
        for toll, meaning in _TOLL_NOUNS.items():
            if compact.lower().endswith(toll) and meaning:
                return meaning
        if target.lower_ in ("figure", "number", "total", "tally"):
            return None
        return compact
    if target.pos_ in ("VERB", "AUX"):
        return _object_toll(target) or _subject_what(target)
    return None


def _object_toll(verb: Any) -> str | None:
    """ "raised the death toll to 212", "revised its count of the dead to 212" → killed."""
    for child in verb.children:
        if child.dep_ != "dobj":
            continue
        compact = _compact(child).lower()
        if any(compact.endswith(toll) and meaning for toll, meaning in _TOLL_NOUNS.items()):
            return "killed"
        if child.lower_ in ("count", "tally", "figure", "number"):
            dead = [t.lower_ for t in child.subtree if t.lower_ in _DEAD_NOUNS]
            return _DEAD_NOUNS[dead[0]] if dead else None
    return None


def _percent_what(anchor: Any) -> str | None:
    """What a percentage is of: "38% rise in the price of petrol"; "4% of world cobalt
    output" → "share of world cobalt output"."""
    for child in anchor.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                tail = _phrase_text(anchor.doc, objects[0].left_edge.i, objects[0].right_edge.i + 1)
                return f"share of {tail}"
    head = anchor.head
    if anchor.dep_ in ("compound", "nummod", "amod", "nmod") and head.pos_ == "NOUN":
        return _with_prep(head)
    if head.pos_ in ("VERB", "AUX") and anchor.dep_ in ("dobj", "npadvmod", "attr"):
        return _subject_what(head)
    if anchor.dep_ == "pobj" and head.head.pos_ in ("VERB", "AUX"):
        return _subject_what(head.head)
    return None


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    """Verbs that raise a counted subject from the event (``figure_states.yaml``)."""
    path = resources.files("newsweave.analyze").joinpath("data/figure_states.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    return frozenset(str(w) for w in data["reporting_verbs"]["words"])


@lru_cache(maxsize=1)
def _states() -> tuple[frozenset[str], Mapping[str, str]]:
    """(state verbs, state noun → what) of ``analyze/data/figure_states.yaml``."""
    path = resources.files("newsweave.analyze").joinpath("data/figure_states.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    nouns = {
        str(word): str(what) for what, entry in data["states"].items() for word in entry["words"]
    }
    verbs = frozenset(str(w) for w in data["state_verbs"]["words"])
    return verbs, MappingProxyType(nouns)


def _state_what(verb: Any) -> str | None:
    """What a count of people in a state counts ("380 people remained in detention" →
    held): a state verb with "in" + a state noun (``figure_states.yaml``)."""
    verbs, nouns = _states()
    if verb.lemma_.lower() not in verbs:
        return None
    for child in verb.rights:
        if child.dep_ == "prep" and child.lower_ in ("in", "under", "behind"):
            for noun in child.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in nouns:
                    return nouns[noun.lemma_.lower()]
    return None


def state_quantity(words: Sequence[str]) -> str | None:
    """The state a question's words ask about ("how many remained in detention" → held):
    a form of a state verb and a state noun, else None."""
    verbs, nouns = _states()
    if not any(w.startswith(v) for w in words for v in verbs):
        return None
    return next((nouns[w] for w in words if w in nouns), None)
