"""Chaining the mentions of one actor within a document.

"President Jane Roe" … "Roe" … "the president" (only when exactly one actor holds that
title), acronyms and their expansions, spelling variants ("Labour Organisation" / "Labor
Organization"), a misspelled surname. Never chains different people sharing a surname:
a bare surname goes to the only person named so far with that surname, else to the nearest
preceding full-name mention with it; different first names are different people; a person
never chains with a place or institution named after them (types never mix).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from newsweave.analyze.context import ActorLookup, Context
from newsweave.analyze.gazetteer import normalize, spelling_key
from newsweave.analyze.name_cues import cues
from newsweave.analyze.name_lexicon import FUNCTION_WORDS, KIN, PERSON_TITLES
from newsweave.analyze.name_people import is_given_name
from newsweave.analyze.names import STAGE, Candidate
from newsweave.analyze.titles import HONORIFICS, find_titles
from newsweave.model.facts import Actor, Mention, Title
from newsweave.model.ids import content_id

FUZZY_SURNAME = 85.0
"""rapidfuzz ratio above which an unknown bare name is a misspelling of a known surname."""

TITLE_HEADS = PERSON_TITLES - KIN - HONORIFICS
_TITLE_MENTION = re.compile(r"\b[Tt]he\s+(?P<former>(?:former|ex-)\s*)?(?P<head>[a-z]+)\b")


@dataclass
class _Chain:
    """A chain being built (local to one call)."""

    type: str
    members: list[Candidate] = field(default_factory=list)
    full: list[Candidate] = field(default_factory=list)
    """PERSON: mentions with a first name and a surname."""
    titles: list[Title] = field(default_factory=list)

    @property
    def surnames(self) -> set[str]:
        if self.full:
            return {s for c in self.full for s in family_names(c.text.split())}
        return {normalize(c.text) for c in self.members}

    @property
    def first_names(self) -> set[str]:
        return {normalize(c.text.split()[0]) for c in self.full}

    def last_full_before(self, offset: int) -> int:
        return max((c.start for c in self.full if c.start < offset), default=-1)


def family_names(words: Sequence[str]) -> set[str]:
    """The family names a full name may be shortened to: its last word, and for a
    two-part family name ("Ana María López Ruiz", "Luisa Ortega Prieto": the word before
    the last is no given name) the first family name and both together."""
    names = {normalize(words[-1])}
    if len(words) >= 3 and not is_given_name(words[-2]) and words[-2][:1].isupper():
        names.update((normalize(words[-2]), normalize(" ".join(words[-2:]))))
    return names


def actor_id(document_id: str, type_: str, name: str) -> str:
    """The in-document actor id."""
    return content_id("a", document_id, type_, name)


# ---------------------------------------------------------------- people


def _person_chains(cands: Iterable[Candidate]) -> list[_Chain]:
    chains: list[_Chain] = []
    for cand in cands:
        words = cand.text.split()
        chain = _full_match(chains, words) if len(words) >= 2 else _bare_match(chains, cand)
        if chain is None:
            chain = _Chain("PERSON")
            chains.append(chain)
        elif len(words) == 1:
            cand = replace(cand, source="alias" if cand.source == "ner" else cand.source)
        chain.members.append(cand)
        if len(words) >= 2:
            chain.full.append(cand)
    return _fold_first_names(chains)


def _fold_first_names(chains: list[_Chain]) -> list[_Chain]:
    """A bare first name named before the full name ("Gaston Yamboré's eldest son, Didier,
    …" … "Didier Yamboré") joins the only person with that first name, unless it is also
    someone's surname."""
    out: list[_Chain] = []
    for chain in chains:
        target = None
        names = {normalize(m.text) for m in chain.members}
        if not chain.full and len(names) == 1:
            name = next(iter(names))
            owners = [c for c in chains if c.full and name in c.first_names]
            surnames = [c for c in chains if c.full and name in c.surnames]
            target = owners[0] if len(owners) == 1 and not surnames else None
        if target is None:
            out.append(chain)
        else:
            target.members.extend(replace(m, source="alias") for m in chain.members)
    return out


def _full_match(chains: Sequence[_Chain], words: Sequence[str]) -> _Chain | None:
    """The chain of the same person: same full name, or same first name and surname; or
    the only chain so far known by that bare surname alone."""
    key = normalize(" ".join(words))
    first, last = normalize(words[0]), normalize(words[-1])
    for chain in chains:
        if any(normalize(c.text) == key for c in chain.full):
            return chain
        if chain.full and first in chain.first_names and last in chain.surnames:
            return chain
        if len(words) == 2 and key in chain.surnames:  # "López Ruiz" of "Ana López Ruiz"
            return chain
    bare = [c for c in chains if not c.full and last in c.surnames]
    named = [c for c in chains if c.full and last in c.surnames]
    return bare[0] if len(bare) == 1 and not named else None


def _bare_match(chains: Sequence[_Chain], cand: Candidate) -> _Chain | None:
    """A bare surname (or first name): the only person with it so far, else the one with
    the nearest preceding full-name mention; a misspelling of one known surname."""
    word = normalize(cand.text)
    same = [c for c in chains if word in c.surnames]
    if len(same) == 1:
        return same[0]
    if len(same) > 1:
        return max(same, key=lambda c: c.last_full_before(cand.start))
    by_first = [c for c in chains if word in c.first_names]
    if len(by_first) == 1:
        return by_first[0]
    fuzzy = [
        c
        for c in chains
        if c.full
        and len(word) >= 5
        and any(s[:1] == word[:1] and fuzz.ratio(s, word) >= FUZZY_SURNAME for s in c.surnames)
    ]
    return fuzzy[0] if len(fuzzy) == 1 else None


# ---------------------------------------------------------------- everything else


def _named_in_brackets(cand: Candidate, previous: Candidate) -> bool:
    """An acronym in brackets right after a name: "the Mobile Intervention Police (PIM)",
    whether the model found it on its own or the names stage added it (its letters may
    follow another language's word order)."""
    if cand.source == "alias":
        return True
    return (
        cand.start - previous.end == 2
        and cand.text.isupper()
        and " " not in cand.text
        and previous.type in ("ORG", "FAC", "EVENT", "LAW")
        and cand.type == previous.type
    )


def _other_key(cand: Candidate) -> str:
    if cand.place:
        return f"place:{cand.place}"
    if cand.type == "NORP" and cand.country:
        return f"country:{cand.country}"
    return spelling_key(cand.text)


def _acronyms(name: str) -> set[str]:
    """Initials of the capitalised words ("Movement for Democratic Renewal" → "MDR") and of
    the content words ("Alliance démocratique du Mabénia" → "ADM")."""
    capital = "".join(w[0] for w in name.split() if w[:1].isupper())
    content = "".join(w[0].upper() for w in name.split() if w.lower() not in FUNCTION_WORDS)
    return {capital, content}


def _other_chains(cands: Iterable[Candidate]) -> list[_Chain]:
    chains: list[_Chain] = []
    by_key: dict[tuple[str, str], _Chain] = {}
    previous: Candidate | None = None
    for cand in cands:
        key = (cand.type, _other_key(cand))
        chain = by_key.get(key)
        if chain is None and previous is not None and _named_in_brackets(cand, previous):
            chain = by_key.get((previous.type, _other_key(previous)))
        if chain is None:
            chain = _short_form(chains, cand)
        if chain is None:
            chain = _Chain(cand.type)
            chains.append(chain)
        by_key.setdefault(key, chain)
        chain.members.append(cand)
        previous = cand
    return _fold_short_forms(chains)


def _fold_short_forms(chains: list[_Chain]) -> list[_Chain]:
    """A one-word organisation chain named before its full name ("the Sentinel" …
    "The Amakoro Sentinel") joins the only longer chain of that type ending with it."""
    out: list[_Chain] = []
    for chain in chains:
        words = {spelling_key(m.text) for m in chain.members}
        target = None
        if chain.type in ("ORG", "FAC") and len(words) == 1 and " " not in next(iter(words)):
            word = next(iter(words))
            longer = [
                c
                for c in chains
                if c is not chain
                and c.type == chain.type
                and any(" " in m.text and _shortens(word, m.text) for m in c.members)
            ]
            target = longer[0] if len(longer) == 1 else None
        if target is None:
            out.append(chain)
        else:
            target.members.extend(chain.members)
    return out


def _shortens(key: str, name: str) -> bool:
    """Whether the one-word ``key`` is a short form of ``name``: its last word ("the
    Sentinel" of "The Amakoro Sentinel") or, for a company, its first ("Orvane" of "Orvane
    Resources Corp")."""
    words = spelling_key(name).split()
    if words[-1:] == [key]:
        return True
    return words[:1] == [key] and name.split()[-1] in cues().company_tails


def _short_form(chains: Sequence[_Chain], cand: Candidate) -> _Chain | None:
    """An acronym of one organisation's name, or the last word of exactly one longer name
    of the same type ("the Sentinel" → "The Amakoro Sentinel")."""
    text = cand.text
    if cand.type not in ("ORG", "FAC", "EVENT", "LAW") or " " in text:
        return None
    same = [c for c in chains if c.type == cand.type]
    if text.isupper():
        hits = [c for c in same if any(text in _acronyms(m.text) for m in c.members)]
        if len(hits) == 1:
            return hits[0]
    key = spelling_key(text)
    tails = [c for c in same if any(_shortens(key, m.text) for m in c.members if " " in m.text)]
    return tails[0] if len(tails) == 1 else None


# ---------------------------------------------------------------- title mentions


def _title_heads(chain: _Chain) -> set[tuple[str, bool]]:
    heads: set[tuple[str, bool]] = set()
    for title in chain.titles:
        words = title.text.lower().replace("ex-", "former ").split()
        if words and words[-1] in TITLE_HEADS:
            heads.add((words[-1], "former" in words))
    return heads


def _title_mentions(
    ctx: Context, chains: Sequence[_Chain], taken: Sequence[Candidate]
) -> list[tuple[_Chain, Candidate]]:
    """ "the president" → the only actor titled president (not "former president")."""
    text = ctx.document.text
    found: list[tuple[_Chain, Candidate]] = []
    heads = [(chain, _title_heads(chain)) for chain in chains]
    for match in _TITLE_MENTION.finditer(text):
        head, former = match.group("head"), bool(match.group("former"))
        if head not in TITLE_HEADS:
            continue
        owners = [c for c, h in heads if (head, False) in h or (former and (head, True) in h)]
        if len(owners) != 1 or owners[0].members[0].start > match.start():
            continue
        start, end = match.span()
        if any(c.start < end and start < c.end for c in taken):
            continue
        cand = Candidate(start, end, match.group(), "PERSON", "title", "PERSON")
        found.append((owners[0], cand))
    return found


# ---------------------------------------------------------------- actors


def _canonical(chain: _Chain) -> str:
    names = [m for m in chain.members if m.source not in ("title",)]
    best = max(names, key=lambda m: (len(m.text.split()), len(m.text), -m.start))
    return " ".join(best.text.replace("’", "'").split()) if chain.type != "PERSON" else best.text


def _actor(ctx: Context, chain: _Chain) -> tuple[Actor, list[Mention]]:
    name = _canonical(chain)
    ident = actor_id(ctx.document.id, chain.type, name)
    members = sorted(chain.members, key=lambda m: m.start)
    aliases = sorted({m.text for m in members if m.text != name and m.source != "title"})
    country = next((m.country for m in members if m.country), None)
    mentions = [
        Mention(
            ctx.span(m.start, m.end),
            chain.type,
            ident,
            m.source,
            ctx.evidence(m.start, m.end, STAGE),
        )
        for m in members
    ]
    actor = Actor(
        ident,
        name,
        chain.type,
        tuple(aliases),
        tuple(chain.titles),
        len(members),
        country,
        mentions[0].evidence,
    )
    return actor, mentions


def _attach_titles(ctx: Context, chains: Sequence[_Chain]) -> None:
    spans = [(m.start, m.end) for c in chains for m in c.members]
    found = find_titles(ctx, spans)
    for chain in chains:
        seen: set[str] = set()
        for member in chain.members:
            for title in found.get((member.start, member.end), ()):
                if title.text.lower() not in seen:
                    seen.add(title.text.lower())
                    chain.titles.append(title)


def build_actors(
    ctx: Context, candidates: Sequence[Candidate]
) -> tuple[tuple[Mention, ...], tuple[Actor, ...]]:
    """Chain the candidates into actors; every mention carries its actor id."""
    people = _person_chains(c for c in candidates if c.type == "PERSON")
    others = _other_chains(c for c in candidates if c.type != "PERSON")
    _attach_titles(ctx, people)
    for chain, cand in _title_mentions(ctx, people, candidates):
        chain.members.append(cand)
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    for chain in [*people, *others]:
        actor, found = _actor(ctx, chain)
        if actor.id in actors:
            actor = _merged(actors[actor.id], actor)
        actors[actor.id] = actor
        mentions.extend(found)
    ordered = sorted(actors.values(), key=lambda a: a.evidence.start if a.evidence else 0)
    return tuple(sorted(mentions, key=lambda m: m.span.start)), tuple(ordered)


def _merged(first: Actor, second: Actor) -> Actor:
    aliases = tuple(sorted(set(first.aliases) | set(second.aliases)))
    texts = {t.text.lower() for t in first.titles}
    titles = first.titles + tuple(t for t in second.titles if t.text.lower() not in texts)
    return replace(first, aliases=aliases, titles=titles, mentions=first.mentions + second.mentions)


# ---------------------------------------------------------------- resolver


def _last_proper(text: str) -> str | None:
    words = [w for w in re.findall(r"[\w’'-]+", text) if w[:1].isupper()]
    return normalize(words[-1]) if words else None


def make_resolver(
    mentions: Sequence[Mention], actors: Sequence[Actor], text: str | None = None
) -> ActorLookup:
    """Map a span (a speaker, a claimant) to an actor id: the actor of a mention
    overlapping it, else (when ``text``, the document's clean text, is given) the actor
    whose name or alias ends with the span's last capitalised word, the one mentioned
    nearest before the span when several do; else None."""
    spans = sorted(
        ((m.span.start, m.span.end, m.actor) for m in mentions if m.actor), key=lambda x: x[0]
    )
    by_last: dict[str, set[str]] = {}
    for actor in actors:
        for name in (actor.name, *actor.aliases):
            words = normalize(name).split()
            if words:
                by_last.setdefault(words[-1], set()).add(actor.id)

    def resolve(start: int, end: int) -> str | None:
        for s, e, actor in spans:
            if s < end and start < e:
                return actor
        word = _last_proper(text[start:end]) if text else None
        ids = by_last.get(word, set()) if word else set()
        if len(ids) <= 1:
            return next(iter(ids), None)
        before = [(s, a) for s, _, a in spans if a in ids and s < start]
        return max(before, key=lambda x: x[0])[1] if before else None

    return resolve
