"""Sentence ranking across sources: centrality, cross-outlet merging, confirmation, diversity.

scikit-learn supplies TF-IDF; the rest is small linear algebra written here because it is a few
lines on top of the matrix: cosine to the centroid plus a LexRank-style degree (Erkan and Radev,
2004) for centrality, connected groups of near-duplicate pairs from different outlets to merge the
same statement into one "fact" citing every outlet, and Maximal Marginal Relevance (Carbonell
and Goldstein, 1998) for diverse picks. The TF-IDF model is fitted once per request.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

#: Cosine above which two sentences are linked in the LexRank degree graph; 0.1 is the
#: threshold Erkan and Radev (2004) found best for degree centrality.
DEGREE_THRESHOLD = 0.1
#: TF-IDF cosine at or above which sentences from two outlets are the same statement. Set by
#: hand on the example stories: paraphrases of one wire sentence score 0.55-0.9, related but
#: different statements about the same event stay below 0.45.
DUPLICATE_COSINE = 0.55
#: Below DUPLICATE_COSINE but above this, rapidfuzz token_set_ratio decides (>= DUPLICATE_RATIO):
#: it catches one outlet quoting a shorter version of the other's sentence.
CANDIDATE_COSINE = 0.35
DUPLICATE_RATIO = 90.0
#: Score multiplier per additional outlet stating a fact (confirmation boost).
CONFIRMATION_BOOST = 0.25
#: Weight of a lead-position prior: news puts the main point first (the lead-3 baseline is
#: hard to beat in news summarisation), decaying as 1/(1 + position).
LEAD_BONUS = 0.4
#: Sentences shorter than this many words carry less information; their score is scaled by
#: sqrt(words / INFORMATIVE_WORDS) (short generic lines like "Officials declined to comment."
#: otherwise sit close to the centroid).
INFORMATIVE_WORDS = 18
#: Score factor for a sentence opening with a pronoun ("He said ...", "This means ..."):
#: out of its article it does not say who or what it is about.
DANGLING_PENALTY = 0.6
DANGLING = re.compile(
    r"^(?:[\"“‘']?(?:He|She|They|It|This|These|That|Those|His|Her|Their|Its|There)\b"
    # a speaker's own words cut from their quotation ("I'm sure I will be misunderstood."):
    # out of it, nobody knows who "I" is; with quotation marks the attribution says
    r"|(?:I|We|My|Our)(?:[’']\w+)?\b(?![^\"“”]*[\"“”]))"
)
#: Share of the centroid closeness taken from sentence embeddings when a local model is
#: configured: an even blend, since neither signal was tuned against the other here.
EMBEDDING_WEIGHT = 0.5
#: MMR trade-off between relevance and novelty; 0.7 is the usual summarisation setting.
MMR_LAMBDA = 0.7
_NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?")
#: Rows per block when computing sentence similarities, to bound memory on large stories
#: (a 200-article story of ~4,200 sentences: 512 rows peak at ~13 MiB in rank, 2048 at ~42).
_BLOCK = 512


#: A token as TfidfVectorizer's default pattern (r"(?u)\b\w\w+\b") reads it: a run of two or
#: more word characters. Written without the boundaries, which change nothing (the search
#: resumes after each whole run, so a match always starts and ends at one) but cost time: a
#: pattern that opens with a character class lets the regex engine skip to the next word
#: character instead of trying the pattern at every position.
_TOKEN = re.compile(r"\w\w+")


def features(text: str) -> list[str]:
    """The terms the ranking's TF-IDF model reads in ``text``: what the analyzer of
    ``TfidfVectorizer(stop_words="english", ngram_range=(1, 2))`` gives (lower-cased tokens
    less English stop words, then each pair of neighbours among them), spelt out because it
    runs on every sentence of a story and sklearn's costs several calls per sentence."""
    tokens = [w for w in _TOKEN.findall(text.lower()) if w not in ENGLISH_STOP_WORDS]
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


class _Vectorizer(TfidfVectorizer):
    """TfidfVectorizer reading terms with :func:`features` (the same terms, read faster)."""

    def build_analyzer(self) -> Callable[[str], list[str]]:
        return features


@dataclass(frozen=True)
class Fact:
    """One statement, possibly made by several outlets; ``members[0]`` is its best wording."""

    id: int
    members: tuple[int, ...]
    docs: tuple[int, ...]
    score: float


@dataclass(frozen=True)
class Ranking:
    matrix: sparse.csr_matrix  # L2-normalised TF-IDF rows, one per sentence
    centrality: np.ndarray
    facts: tuple[Fact, ...]  # ordered by score, best first
    by_id: tuple[Fact, ...]  # indexed by Fact.id
    fact_of: tuple[int, ...]  # sentence index -> fact id
    vectorizer: TfidfVectorizer

    def fact_for(self, sentence: int) -> Fact:
        return self.by_id[self.fact_of[sentence]]


def figures_of(text: str) -> frozenset[str]:
    """The numerals written in a sentence ("20", "4.25", "1,200")."""
    return frozenset(m.replace(",", "") for m in _NUMERAL.findall(text))


def _links(
    matrix: sparse.csr_matrix,
    elig: np.ndarray,
    doc_arr: np.ndarray,
    numerals: Sequence[frozenset[str]],
    texts: Sequence[str],
) -> tuple[np.ndarray, np.ndarray]:
    """LexRank degree of each sentence (eligible neighbours above DEGREE_THRESHOLD; -1 for an
    empty one) and, for each sentence, the smallest index of its group of near-duplicates
    across outlets (itself when it has none), from the eligible rows."""
    n = matrix.shape[0]
    degree = np.zeros(n, dtype=np.float64)
    pairs_left: list[np.ndarray] = []
    pairs_right: list[np.ndarray] = []
    elig_idx = np.flatnonzero(elig)
    sub = matrix[elig_idx]
    # Sentences writing the same numerals share an id, so pairs compare as arrays.
    numeral_ids: dict[frozenset[str], int] = {}
    numeral_of = np.array([numeral_ids.setdefault(f, len(numeral_ids)) for f in numerals])
    # The similarities stay sparse: only the pairs above the thresholds are ever read, so a
    # block of rows never becomes a dense rows x sentences matrix.
    for b0 in range(0, len(elig_idx), _BLOCK):
        block = sparse.csr_matrix(sub[b0 : b0 + _BLOCK] @ sub.T)
        rows = np.repeat(np.arange(block.shape[0]), np.diff(block.indptr))
        sims = block.data
        linked = np.bincount(rows[sims > DEGREE_THRESHOLD], minlength=block.shape[0])
        degree[elig_idx[b0 : b0 + _BLOCK]] = linked - 1  # less the sentence itself
        close = sims >= CANDIDATE_COSINE
        left, right = elig_idx[b0 + rows[close]], elig_idx[block.indices[close]]
        keep = (
            (left < right)
            & (doc_arr[left] != doc_arr[right])
            & (numeral_of[left] == numeral_of[right])
        )
        left, right = left[keep], right[keep]
        same = sims[close][keep] >= DUPLICATE_COSINE
        pairs_left.append(left[same])
        pairs_right.append(right[same])
        for i, j in zip(left[~same].tolist(), right[~same].tolist(), strict=True):
            if fuzz.token_set_ratio(texts[i], texts[j]) >= DUPLICATE_RATIO:
                pairs_left.append(np.array([i]))
                pairs_right.append(np.array([j]))
    return degree, _smallest_in_group(n, pairs_left, pairs_right)


def _smallest_in_group(
    n: int, left: Sequence[np.ndarray], right: Sequence[np.ndarray]
) -> np.ndarray:
    """For each sentence, the smallest index among the sentences linked to it by a chain of
    pairs (``left[k][m]``, ``right[k][m]``): the root a union-find that keeps the smaller
    index as root would give, found with one graph pass instead of a union per pair."""
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    rows = np.concatenate([np.asarray(a, dtype=np.int64) for a in left] or [np.zeros(0, int)])
    cols = np.concatenate([np.asarray(a, dtype=np.int64) for a in right] or [np.zeros(0, int)])
    graph = sparse.coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    smallest = np.full(labels.max() + 1, n, dtype=np.int64)
    np.minimum.at(smallest, labels, np.arange(n))
    return smallest[labels]


def rank(
    texts: Sequence[str],
    docs: Sequence[int],
    positions: Sequence[int],
    eligible: Sequence[bool],
    embeddings: np.ndarray | None = None,
) -> Ranking:
    """Rank sentences ``texts`` (from document ``docs[i]`` at position ``positions[i]``).

    Ineligible sentences (boilerplate, fragments) get no centrality and never represent a fact.
    Two sentences that write different numerals are never merged: "20 points" and "28 points"
    are a disagreement to report, not one statement. ``embeddings`` (one unit row per sentence,
    from a local model; see compose/embeddings.py) add their own closeness to the centroid,
    weighted EMBEDDING_WEIGHT against TF-IDF's; merging and diversity stay on TF-IDF, whose
    thresholds were set by hand.
    """
    numerals = [figures_of(t) for t in texts]
    n = len(texts)
    vectorizer = _Vectorizer(
        stop_words="english", sublinear_tf=True, ngram_range=(1, 2), min_df=1, dtype=np.float32
    )
    try:
        matrix = sparse.csr_matrix(vectorizer.fit_transform(texts))
    except ValueError:  # every sentence is stop words only
        matrix = sparse.csr_matrix((n, 1), dtype=np.float32)
    elig = np.asarray(eligible, dtype=bool)
    doc_arr = np.asarray(docs)

    centroid = np.asarray(matrix[elig].sum(axis=0)).ravel() if elig.any() else np.zeros(1)
    norm = float(np.linalg.norm(centroid))
    to_centroid = matrix @ (centroid / norm) if norm else np.zeros(n)
    to_centroid = np.asarray(to_centroid).ravel()
    if embeddings is not None and elig.any():
        dense_centroid = embeddings[elig].sum(axis=0)
        dense_norm = float(np.linalg.norm(dense_centroid))
        if dense_norm:
            dense = np.clip(embeddings @ (dense_centroid / dense_norm), 0.0, None)
            to_centroid = (1 - EMBEDDING_WEIGHT) * to_centroid + EMBEDDING_WEIGHT * dense

    degree, roots = _links(matrix, elig, doc_arr, numerals, texts)
    if degree.max(initial=0) > 0:
        degree = degree / degree.max()
    pos = np.asarray(positions, dtype=np.float64)
    lead = 1.0 + LEAD_BONUS / (1.0 + pos)
    words = np.array([len(t.split()) for t in texts], dtype=np.float64)
    informative = np.sqrt(np.minimum(words / INFORMATIVE_WORDS, 1.0))
    dangling = np.array([DANGLING_PENALTY if DANGLING.match(t) else 1.0 for t in texts])
    centrality = (0.5 * to_centroid + 0.5 * degree) * lead * informative * dangling * elig

    groups: dict[int, list[int]] = {}
    for i, root in enumerate(roots.tolist()):
        groups.setdefault(root, []).append(i)
    facts: list[Fact] = []
    fact_of = [0] * n
    for root in sorted(groups):
        members = sorted(groups[root], key=lambda i: (-centrality[i], i))
        fid = len(facts)
        member_docs = tuple(sorted({int(doc_arr[i]) for i in members}))
        base = max(float(centrality[i]) for i in members)
        score = base * (1.0 + CONFIRMATION_BOOST * (len(member_docs) - 1))
        facts.append(Fact(fid, tuple(members), member_docs, score))
        for i in members:
            fact_of[i] = fid
    ordered = tuple(sorted(facts, key=lambda f: (-f.score, f.id)))
    return Ranking(matrix, centrality, ordered, tuple(facts), tuple(fact_of), vectorizer)


def mmr(
    ranking: Ranking,
    candidates: Sequence[Fact],
    k: int,
    lam: float = MMR_LAMBDA,
    weights: Sequence[float] | None = None,
) -> list[Fact]:
    """Pick ``k`` facts trading score against similarity to those already picked."""
    if k <= 0 or not candidates:
        return []
    cands = list(candidates)
    rel = np.array(
        [f.score * (weights[i] if weights is not None else 1.0) for i, f in enumerate(cands)]
    )
    if rel.max(initial=0) > 0:
        rel = rel / rel.max()
    rows = ranking.matrix[[f.members[0] for f in cands]]
    sim = (rows @ rows.T).toarray()
    chosen: list[int] = []
    best_sim = np.zeros(len(cands))
    available = np.ones(len(cands), dtype=bool)
    while len(chosen) < min(k, len(cands)):
        value = lam * rel - (1 - lam) * best_sim
        value[~available] = -np.inf
        pick = int(np.argmax(value))  # argmax takes the first maximum: deterministic
        chosen.append(pick)
        available[pick] = False
        best_sim = np.maximum(best_sim, sim[pick])
    return [cands[i] for i in chosen]
