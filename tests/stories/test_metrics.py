import pytest

from backstory.stories import score_clusters


def test_metrics_bcubed_on_a_hand_worked_example() -> None:
    # Gold: {a,b,c} and {d,e}; predicted: {a,b} and {c,d,e}.
    # Precision per item: a 1, b 1, c 1/3, d 2/3, e 2/3 -> 11/15.
    # Recall per item:    a 2/3, b 2/3, c 1/3, d 1, e 1 -> 11/15.
    gold = {"a": "X", "b": "X", "c": "X", "d": "Y", "e": "Y"}
    predicted = {"a": "1", "b": "1", "c": "2", "d": "2", "e": "2"}
    scores = score_clusters(gold, predicted)
    assert scores.bcubed_precision == pytest.approx(11 / 15)
    assert scores.bcubed_recall == pytest.approx(11 / 15)
    assert scores.bcubed_f1 == pytest.approx(11 / 15)


def test_metrics_perfect_and_all_in_one() -> None:
    gold = {"a": "X", "b": "X", "c": "Y"}
    perfect = score_clusters(gold, {"a": "p", "b": "p", "c": "q"})
    assert perfect.bcubed_f1 == pytest.approx(1.0)
    assert perfect.ari == pytest.approx(1.0)
    lumped = score_clusters(gold, {"a": "p", "b": "p", "c": "p"})
    # precision: a,b 2/3, c 1/3 -> 5/9; recall 1.
    assert lumped.bcubed_precision == pytest.approx(5 / 9)
    assert lumped.bcubed_recall == pytest.approx(1.0)
