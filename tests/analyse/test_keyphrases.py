"""Key phrases and name spans."""

from __future__ import annotations

from backstory.analyse.keyphrases import keyphrases, named_entities

TEXT = (
    "The Bank of England cut Bank Rate to 4.25% on Thursday. The Monetary Policy Committee "
    "voted 5-4. Governor Andrew Bailey said the path was gradually downward.\n\n"
    "In Miami, Rustem Umerov met Steve Witkoff. CrowdStrike was not involved. "
    "Officials said little. MPC members were split. However, the MPC acted."
)


def test_named_entities_spans_and_offsets() -> None:
    found = named_entities(TEXT)
    names = [t for _, _, t in found]
    for expected in (
        "Bank of England",
        "Bank Rate",
        "Monetary Policy Committee",
        "Governor Andrew Bailey",
        "Miami",
        "Rustem Umerov",
        "Steve Witkoff",
        "CrowdStrike",
        "MPC",
    ):
        assert expected in names, names
    for s, e, t in found:
        assert TEXT[s:e] == t
    # Sentence openers and weekdays are not names.
    for not_name in ("The", "In", "However", "Officials", "Thursday", "The Bank of England"):
        assert not_name not in names


def test_single_sentence_initial_word_is_a_name_only_if_seen_elsewhere() -> None:
    text = "Labour won. Voters turned out. The result pleased Labour."
    names = [t for _, _, t in named_entities(text)]
    assert names.count("Labour") == 2
    assert "Voters" not in names


def test_keyphrases_rank_names_and_are_deterministic() -> None:
    texts = [
        TEXT,
        "The Bank of England held rates. Andrew Bailey said inflation would fall.",
        "Andrew Bailey and the Bank of England faced questions from MPs.",
    ]
    first = keyphrases(texts, top_k=5)
    assert first == keyphrases(texts, top_k=5)
    phrases = [p for p, _ in first]
    # The two actors named in every text, written as the sources write them.
    assert {"Bank of England", "Andrew Bailey"} <= set(phrases[:3])
    assert len(phrases) == 5
    scores = [s for _, s in first]
    assert scores == sorted(scores, reverse=True)
    # Reporting verbs are not key phrases.
    assert "said" not in phrases


def test_keyphrases_of_nothing() -> None:
    assert keyphrases([]) == []
    assert keyphrases(["", "   "]) == []
    assert keyphrases(["It is what it is."]) == []
