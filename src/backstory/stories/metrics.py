"""Clustering quality: B-cubed precision/recall/F1 (Bagga and Baldwin, 1998) and ARI.

B-cubed is hand-written because no maintained library ships it; ARI comes from scikit-learn.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from sklearn.metrics import adjusted_rand_score


@dataclass(frozen=True)
class ClusterScores:
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    ari: float


def score_clusters(gold: Mapping[str, str], predicted: Mapping[str, str]) -> ClusterScores:
    """Scores of ``predicted`` (item -> cluster) against ``gold`` (item -> true class)."""
    items = sorted(gold)
    if not items:
        return ClusterScores(0.0, 0.0, 0.0, 0.0)
    pairs = Counter((gold[i], predicted[i]) for i in items)
    cluster_size = Counter(predicted[i] for i in items)
    class_size = Counter(gold[i] for i in items)
    precision = sum(n * n / cluster_size[c] for (_, c), n in pairs.items()) / len(items)
    recall = sum(n * n / class_size[g] for (g, _), n in pairs.items()) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    ari = adjusted_rand_score([gold[i] for i in items], [predicted[i] for i in items])
    return ClusterScores(precision, recall, f1, float(ari))
