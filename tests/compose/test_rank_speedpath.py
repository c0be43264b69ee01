"""The ranker's degree and near-duplicate groups, computed from sparse blocks and one graph
pass, are those of the plain computation (the similarities as one dense matrix, scanned pair by
pair into a union-find that keeps the smaller index as root); and its
TF-IDF terms, read by its own analyzer, are sklearn's."""

from __future__ import annotations

import numpy as np
import pytest
from rapidfuzz import fuzz
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from backstory.analyse.sentences import split_spans
from backstory.compose import rank as R


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # keep the smaller index as root so results do not depend on pair order
            self.parent[max(ra, rb)] = min(ra, rb)


def dense_links(matrix, elig, doc_arr, numerals, texts):  # the straightforward version
    n = matrix.shape[0]
    degree = np.zeros(n, dtype=np.float64)
    uf = _UnionFind(n)
    elig_idx = np.flatnonzero(elig)
    sub = matrix[elig_idx]
    block = (sub @ sub.T).toarray()
    degree[elig_idx] = (block > R.DEGREE_THRESHOLD).sum(axis=1) - 1
    rows, cols = np.nonzero(block >= R.CANDIDATE_COSINE)
    for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
        i, j = int(elig_idx[r]), int(elig_idx[c])
        if i >= j or doc_arr[i] == doc_arr[j] or numerals[i] != numerals[j]:
            continue
        if block[r, c] >= R.DUPLICATE_COSINE or (
            fuzz.token_set_ratio(texts[i], texts[j]) >= R.DUPLICATE_RATIO
        ):
            uf.union(i, j)
    return degree, uf


def _story(stories) -> tuple[list[str], list[int]]:
    texts: list[str] = []
    docs: list[int] = []
    articles = [a for arts in stories.values() for a in arts]
    # every article twice, as two outlets, plus a copy with one figure changed
    for copy in range(2):
        for d, a in enumerate(articles):
            for s, e in split_spans(a.text):
                texts.append(a.text[s:e])
                docs.append(2 * d + copy)
    texts += [
        "The Bank cut the rate to 4% on Thursday.",
        "The Bank cut the rate to 5% on Thursday.",
    ]
    texts += ["Officials said so.", "the and of", ""]
    docs += [900, 901, 902, 903, 904]
    return texts, docs


@pytest.mark.parametrize("block", [3, 64, 2048])
def test_sparse_links_are_the_dense_links(stories, monkeypatch, block: int) -> None:
    texts, docs = _story(stories)
    matrix = sparse.csr_matrix(
        TfidfVectorizer(
            stop_words="english", sublinear_tf=True, ngram_range=(1, 2), dtype=np.float32
        ).fit_transform(texts)
    )
    elig = np.array([len(t.split()) >= 4 or i % 3 == 0 for i, t in enumerate(texts)])
    doc_arr = np.asarray(docs)
    numerals = [R.figures_of(t) for t in texts]
    monkeypatch.setattr(R, "_BLOCK", block)
    degree, roots = R._links(matrix, elig, doc_arr, numerals, texts)
    want_degree, want_uf = dense_links(matrix, elig, doc_arr, numerals, texts)
    assert np.array_equal(degree, want_degree)
    groups = roots.tolist()
    assert groups == [want_uf.find(i) for i in range(len(texts))]
    assert len(set(groups)) < len(texts) * 0.6  # the copies really merged
    assert -1 in degree  # an empty eligible sentence keeps the dense result's -1


def test_rank_merges_outlets_but_not_different_figures() -> None:
    texts = [
        "The Bank of England cut interest rates to 4% on Thursday, its fifth cut.",
        "The Bank of England cut interest rates to 4% on Thursday, its fifth cut.",
        "The Bank of England cut interest rates to 5% on Thursday, its fifth cut.",
    ]
    ranking = R.rank(texts, [0, 1, 2], [0, 0, 0], [True, True, True])
    assert ranking.fact_of[0] == ranking.fact_of[1] != ranking.fact_of[2]


_TFIDF = {"stop_words": "english", "sublinear_tf": True, "ngram_range": (1, 2), "min_df": 1}


def test_features_are_sklearns_analyzer(stories) -> None:
    texts, _ = _story(stories)
    texts += [
        "Ünïcode wörds, naïve café: São Paulo’s 2.5% rise",  # non-ASCII word characters
        "a_b __ x y zz 9 99 I'm it's don't",  # underscores, one-letter words, contractions
        "THE Bank OF England’s MPC (Monetary Policy Committee)",  # case and stop words
        "ﬁnancial ſtatement \u212aelvin İstanbul",  # characters whose lower case differs in form
        "\u00a0tab\tand\nnewline-separated—dash–words",
    ]
    analyzer = TfidfVectorizer(**_TFIDF).build_analyzer()
    for text in texts:
        assert R.features(text) == analyzer(text), text


def test_ranking_matrix_is_sklearns(stories) -> None:
    texts, _ = _story(stories)
    want = sparse.csr_matrix(TfidfVectorizer(dtype=np.float32, **_TFIDF).fit_transform(texts))
    vectorizer = R._Vectorizer(dtype=np.float32, **_TFIDF)
    got = sparse.csr_matrix(vectorizer.fit_transform(texts))
    assert got.dtype == want.dtype
    assert np.array_equal(got.indptr, want.indptr)
    assert np.array_equal(got.indices, want.indices)
    assert np.array_equal(got.data, want.data)  # bit for bit, not approximately
    titles = ["Bank of England cuts rates", "CrowdStrike outage: what we know"]
    plain = TfidfVectorizer(dtype=np.float32, **_TFIDF).fit(texts)
    assert (vectorizer.transform(titles) != plain.transform(titles)).nnz == 0
