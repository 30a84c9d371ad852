"""The quotes stage on short texts, with the real spaCy pipeline."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsweave.analyze.context import ActorLookup, Context
from newsweave.analyze.nlp import load
from newsweave.analyze.prepare import context_for
from newsweave.analyze.quote_marks import content_of, paragraphs, quote_marks
from newsweave.analyze.quotes import STAGE, extract_quotes
from newsweave.model import Document, Role, Segment
from newsweave.model.facts import Quote


def context(text: str) -> Context:
    """A one-document context: each blank-line separated paragraph a body segment."""
    segments = tuple(Segment(Role.BODY, s, e) for s, e in paragraphs(text))
    return context_for(Document("dtest", "test", text, segments), load())


def no_actor(start: int, end: int) -> str | None:
    return None


def names(*known: str) -> Callable[[Context], ActorLookup]:
    """A lookup that knows the given names (by their text) as actors ``a:<name>``."""

    def build(ctx: Context) -> ActorLookup:
        def lookup(start: int, end: int) -> str | None:
            found = ctx.document.text[start:end]
            return f"a:{found}" if found in known else None

        return lookup

    return build


def quotes(text: str, resolve: Callable[[Context], ActorLookup] | None = None) -> list[Quote]:
    ctx = context(text)
    return list(extract_quotes(ctx, resolve(ctx) if resolve else no_actor))


def direct(found: list[Quote]) -> list[Quote]:
    return [q for q in found if q.direct]


def one(found: list[Quote], fragment: str) -> Quote:
    """The single quote whose text contains ``fragment``."""
    hits = [q for q in found if fragment in q.span.text]
    assert len(hits) == 1, [(q.span.text, q.speaker_text) for q in found]
    return hits[0]


# ---------------------------------------------------------------- quotation marks


def test_marks_curly_straight_nested_and_apostrophes() -> None:
    text = "“He said ‘no’ twice,” she said. \"Don't,\" he replied. The dockers' union."
    marks = quote_marks(text)
    assert [text[m.start : m.end] for m in marks] == ["“He said ‘no’ twice,”", '"Don\'t,"']
    assert text[slice(*content_of(text, marks[0]))] == "He said ‘no’ twice"


def test_marks_continue_into_next_paragraph_that_opens_with_a_quote() -> None:
    text = "She wrote: “First part.\n\n“Second part,” she added.\n\nNo quote here."
    marks = quote_marks(text)
    assert len(marks) == 1
    assert text[marks[0].start : marks[0].end] == "“First part.\n\n“Second part,”"


def test_unclosed_quote_stops_at_its_paragraph() -> None:
    text = "He said: “This never closes.\n\nThe next paragraph is narration."
    (mark,) = quote_marks(text)
    assert not mark.closed and text[mark.start : mark.end] == "“This never closes."


# ---------------------------------------------------------------- direct quotes


def test_curly_quote_with_speaker_after() -> None:
    found = quotes("“We will not give up the port without a fight,” Kara said on Monday.")
    q = one(found, "give up the port")
    assert q.direct and q.speaker_text == "Kara" and q.verb == "say"
    assert q.span.text == "We will not give up the port without a fight"
    assert q.evidence.start == q.span.start and q.evidence.stage == STAGE.name
    assert q.evidence.text.startswith("“We will not")


def test_straight_quote_with_inverted_cue() -> None:
    found = quotes('"The strike will go on until the contract is torn up," said Komla Kara.')
    q = one(found, "strike will go on")
    assert q.speaker_text == "Komla Kara" and q.verb == "say"


def test_told_outlet_and_two_sentence_quote() -> None:
    text = (
        '"We are not against reform. We are against theft dressed up as reform," Kara told Halyard.'
    )
    q = one(quotes(text), "theft dressed up")
    assert q.span.text.startswith("We are not against reform.")
    assert q.speaker_text == "Kara" and q.verb == "tell"


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("“The fund will be patient with the reforms,” Engström added.", "add"),
        ("“The violence could spread to the north of the country,” Engström warned.", "warn"),
        ("“Growth has been slower than we had expected,” Engström noted.", "note"),
        ("“The program is a chance for the whole country,” Engström wrote.", "write"),
        ("“We are ready to resume talks next week,” Engström said in a statement.", "say"),
    ],
)
def test_cue_verbs(sentence: str, verb: str) -> None:
    q = one(quotes(sentence), sentence[1:20])
    assert q.speaker_text == "Engström" and q.verb == verb and q.direct


def test_speaker_before_colon() -> None:
    q = one(quotes("The minister said: “The port will reopen on Monday morning.”"), "reopen")
    assert q.speaker_text == "The minister" and q.verb == "say"


def test_according_to() -> None:
    text = (
        "According to a senior official in the presidency, the dialogue is intended to "
        "give the government “breathing space” before the IMF mission arrives."
    )
    found = quotes(text)
    # the quoted words sit inside the reported clause: scare quotes, no quote of their own
    assert direct(found) == [], found
    q = one(found, "breathing space")
    assert not q.direct and q.span.text.startswith("the dialogue is intended")
    assert q.speaker_text == "a senior official in the presidency"
    assert q.verb == "according to"


def test_partial_quote_speaker_is_the_subject() -> None:
    text = "Ports Minister Clémence Attiogbé praised the 'historic' agreement on Friday."
    q = one(quotes(text), "historic")
    assert q.span.text == "historic" and q.direct and q.verb == "praise"
    assert q.speaker_text == "Ports Minister Clémence Attiogbé"


def test_nested_quote_stays_inside_the_outer_one() -> None:
    text = (
        "“They were shouting ‘Dossavi must go, Dossavi must go’ and then the shooting "
        "started,” said a student from the university."
    )
    found = direct(quotes(text))
    assert len(found) == 1
    assert "‘Dossavi must go, Dossavi must go’" in found[0].span.text
    assert found[0].speaker_text == "a student from the university"


def test_multi_paragraph_quote_is_one_quote() -> None:
    text = (
        "The newspaper set out its reasons, writing: “We recognise that many people "
        "distrust the candidate.\n\n“We are not blind to those flaws,” the newspaper wrote."
    )
    found = direct(quotes(text))
    assert len(found) == 1
    q = found[0]
    assert q.span.text.startswith("We recognise") and q.span.text.endswith("those flaws")
    assert "\n\n" in q.span.text
    assert (q.speaker_text or "").lower() == "the newspaper"


def test_unattributed_quote_inherits_its_neighbours_speaker() -> None:
    text = (
        "“The soldiers were going from street to street,” Kpodar said. "
        "“I have never seen anything like this in my whole life.”"
    )
    q = one(quotes(text), "never seen")
    assert q.speaker_text == "Kpodar"


def test_unnamed_speaker_kept_as_description() -> None:
    text = (
        "A shopkeeper at the central market said he had hidden eight people in his "
        "storeroom. “The soldiers were going from street to street,” he said."
    )
    found = quotes(text, names("Kpodar"))
    q = one(direct(found), "street to street")
    assert q.speaker is None
    assert q.speaker_text == "A shopkeeper at the central market"


def test_named_speaker_resolved_to_actor() -> None:
    text = (
        "British economist Ngozi Okafor has followed the talks.\n\n"
        "“The deal buys time, nothing more,” Okafor wrote."
    )
    q = one(quotes(text, names("Okafor")), "buys time")
    assert q.speaker == "a:Okafor" and q.speaker_text == "Okafor" and q.verb == "write"


def test_pronoun_resolved_to_the_one_person_before() -> None:
    text = (
        "Justine Ahlonko spoke at the party headquarters on Tuesday. "
        "“A dialogue is when two people talk,” she said."
    )
    q = one(quotes(text, names("Justine Ahlonko")), "two people talk")
    assert q.speaker_text == "Justine Ahlonko" and q.speaker == "a:Justine Ahlonko"


def test_pronoun_left_alone_when_ambiguous() -> None:
    text = "Komla Kara met Roger Tsatsu on Tuesday. “We agreed on nothing at all today,” he said."
    q = one(quotes(text), "agreed on nothing")
    assert q.speaker_text == "he"


def test_social_media_indirect_and_partial() -> None:
    text = (
        "Justine Ahlonko wrote on social media that the concession should be "
        "“frozen immediately” and referred to the auditor-general."
    )
    found = quotes(text)
    assert direct(found) == [], found  # “frozen immediately”: inside the reported clause
    reported = [q for q in found if not q.direct]
    assert reported and reported[0].span.text.startswith("the concession should be")
    assert reported[0].speaker_text == "Justine Ahlonko"


@pytest.mark.parametrize(
    ("text", "speaker", "verb", "clause"),
    [
        (
            "Kara said that the federation would meet on Saturday.",
            "Kara",
            "say",
            "the federation would meet on Saturday",
        ),
        (
            "The minister has publicly stated that the port will reopen next week.",
            "The minister",
            "state",
            "the port will reopen next week",
        ),
        (
            "Hounkpe told reporters the government was open to dialogue.",
            "Hounkpe",
            "tell",
            "the government was open to dialogue",
        ),
        (
            "The police denied that officers had fired live rounds.",
            "The police",
            "deny",
            "officers had fired live rounds",
        ),
    ],
)
def test_indirect_speech(text: str, speaker: str, verb: str, clause: str) -> None:
    found = quotes(text)
    assert not direct(found)
    (q,) = found
    assert not q.direct and q.span.text == clause
    assert q.speaker_text == speaker and q.verb == verb


def test_scare_quotes_and_titles_are_not_quotes() -> None:
    text = (
        "Ahlonko said her party would not attend the so-called “national dialogue”. "
        "The newly announced “national dialogue” is seen as a way to buy time. "
        "The army launched “Operation Sea Shield” in January. "
        "An intervention presented as a “rescue” of the constitution cannot be ruled out."
    )
    assert direct(quotes(text)) == []


def test_slogans_need_a_cue_verb() -> None:
    chanted = quotes("Protesters chanted “Dossavi must go” outside the palace.")
    q = one(direct(chanted), "Dossavi must go")
    assert q.speaker_text == "Protesters" and q.verb == "chant"
    on_placard = quotes("A placard at the march read: “Our petrol pays for their port.”")
    assert direct(on_placard) == []


@pytest.mark.parametrize(
    "text",
    [
        "TALLBRO, June 9 - Governor Edda Lunn said on Friday that the dam would be inspected.",
        "OSTRAVEN, Feb. 2 - Commissioner Piet Vark said the border would stay open.",
    ],
)
def test_dateline_fragment_is_never_the_speaker(text: str) -> None:
    (q,) = quotes(text)
    assert q.speaker_text is not None
    assert q.speaker_text.split()[-1] in ("Lunn", "Vark"), q.speaker_text
    assert "-" not in q.speaker_text and not q.speaker_text[0].isdigit()


def headline_quotes(text: str) -> list[Quote]:
    """Quotes of a text whose first paragraph is its headline."""
    spans = list(paragraphs(text))
    segments = tuple(
        Segment(Role.HEADLINE if i == 0 else Role.BODY, s, e) for i, (s, e) in enumerate(spans)
    )
    ctx = context_for(Document("dhead", "test", text, segments), load())
    return list(extract_quotes(ctx, no_actor))


def test_relative_pronoun_speaker_resolves_to_its_noun() -> None:
    text = (
        "The plan was drafted by Hana Brook, an engineer who argued that the old "
        "culvert could not carry another flood season."
    )
    (q,) = quotes(text)
    assert q.span.text.startswith("the old culvert could not carry")
    assert q.speaker_text == "an engineer"


def test_signed_quotes_take_the_name_after_the_dash() -> None:
    text = (
        "“The clinic closing means a two-hour bus ride for every check-up my mother "
        "needs.” ― Odile Marchetti\n\n"
        "“Nobody on the council has asked the people who actually use it.” — Sami Okafor, "
        "a nurse in Port Elden"
    )
    found = direct(quotes(text))
    assert [q.speaker_text for q in found] == ["Odile Marchetti", "Sami Okafor"]


def test_transcript_turns_are_quotes_of_their_speakers() -> None:
    text = (
        "HOLLAND: Minister, will the levy be raised again next spring?\n\n"
        "VERHOEVEN: We have no plan to raise it, and I said so in March.\n\n"
        "UPDATE: The ministry later confirmed the levy will stay at four percent."
    )
    found = {q.speaker_text: q.span.text for q in quotes(text)}
    assert found["HOLLAND"].startswith("Minister, will the levy")
    assert found["VERHOEVEN"].startswith("We have no plan")
    assert "UPDATE" not in found


def test_one_capitalised_opener_is_no_transcript() -> None:
    text = "BELOW: Some readers may find the images of the crash on the ring road distressing."
    assert quotes(text) == []


def test_headline_opening_with_its_speaker() -> None:
    text = (
        "Okafor: Harbour Levy Will Stay Until 2030\n\n"
        "The port authority chief spoke to traders on Tuesday."
    )
    (q,) = headline_quotes(text)
    assert q.speaker_text == "Okafor" and q.span.text == "Harbour Levy Will Stay Until 2030"


def test_unquoted_paragraph_after_a_cue_and_colon() -> None:
    text = (
        "The union's regional secretary, Bente Lund, added:\n\n"
        "Every depot on this line has lost staff since the merger, and the timetable "
        "pretends nothing has changed."
    )
    (q,) = quotes(text, names("Bente Lund"))
    assert q.direct and q.span.text.startswith("Every depot on this line")
    assert q.speaker == "a:Bente Lund"


def test_a_pronoun_after_a_run_of_quotes_is_the_last_speaker() -> None:
    """Journalists continue a speaker's run of quotes with "he said": the pronoun is the
    previous quote's speaker, even when that sentence named another person before it."""
    text = (
        "Fire chief Odile Marchetti said crews reached the warehouse within minutes.\n\n"
        "“The roof was already gone,” Marchetti said.\n\n"
        "Asked whether Tomas Berglund, the owner, had been warned, Marchetti said the "
        "inspection reports were still being read.\n\n"
        "“We will know more by Friday,” she said."
    )
    found = quotes(text)
    assert one(found, "We will know more").speaker_text == "Marchetti"


def test_a_person_named_after_the_last_speaker_breaks_the_run() -> None:
    text = (
        "“The vote was fair,” said Ilse Brandauer, the council's chair.\n\n"
        "Her rival, Konrad Pichler, disputed the count on Tuesday.\n\n"
        "“Half the ballots were never opened,” he said."
    )
    found = quotes(text)
    assert one(found, "Half the ballots").speaker_text == "Konrad Pichler"


def test_a_nickname_in_quotation_marks_is_no_quote() -> None:
    text = (
        "Police said the suspect, a 31-year-old mechanic, goes by the nickname “Rusty” "
        "among his neighbours, and asked anyone who sees him to call 911."
    )
    assert not direct(quotes(text))


# ---------------------------------------------------------------- session 5: wider attribution


def test_signed_quotes_on_consecutive_lines_each_keep_their_own_signature() -> None:
    text = (
        "Readers answered our call.\n"
        "“The ferry timetable changed twice this winter and nobody told us.”"
        "―\u00a0Ines Dorado\u00a0\n"
        "”We pay more for less, and the council shrugs at every meeting.” ― Paolo Venn\n"
        "“I stopped taking the boat after the third cancellation in a week.” ― Mira Osei."
    )
    found = direct(quotes(text))
    assert one(found, "timetable").speaker_text == "Ines Dorado"
    assert one(found, "council shrugs").speaker_text == "Paolo Venn"  # ” typed to open
    assert one(found, "third cancellation").speaker_text == "Mira Osei"


def test_a_short_quote_after_described_as_belongs_to_the_subject() -> None:
    text = "Councillor Bea Lund described the new parking rules as a “shambles” on Monday."
    assert one(quotes(text), "shambles").speaker_text == "Councillor Bea Lund"


def test_the_object_of_a_cue_is_no_speaker_unless_the_cue_follows_what_was_said() -> None:
    found = quotes("Keeps calling his opponents “cowards” at every stop in the valley.")
    assert all(q.speaker_text != "his opponents" for q in found)
    inverted = quotes("“We will reopen the mill by spring,” said the plant manager.")
    assert one(inverted, "mill").speaker_text == "the plant manager"


def test_beliefs_and_calls_for_are_attributed_to_their_holder() -> None:
    text = (
        "The harbour master believes the breakwater will not survive another storm. "
        "Fishermen have called for a full inspection of the northern pier before May."
    )
    found = quotes(text)
    assert one(found, "breakwater").speaker_text == "The harbour master"
    assert one(found, "inspection").speaker_text == "Fishermen"


def test_a_possessed_noun_of_saying_with_a_that_clause() -> None:
    text = "The mayor rejected the union's claim that the depot had been sold in secret."
    found = [q for q in quotes(text) if q.span.text.startswith("the depot")]
    assert [q.speaker_text for q in found] == ["the union"]


def test_she_is_not_resolved_to_a_man_by_his_given_name() -> None:
    text = (
        "The harbour commissioner is married to the surgeon Marc Aubert. "
        "“We will not sell the northern quay to anyone,” she said."
    )
    q = one(quotes(text), "northern quay")
    assert q.speaker_text == "she"
    assert "Marc Aubert" not in (q.speaker_text or "")
    found = quotes("Talks on the package agreed with the lenders resumed, officials said.")
    assert not any(q.verb == "agree" for q in found)
