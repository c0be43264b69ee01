"""Canonical URLs and exact/near-duplicate detection across ingested articles.

The URL rules are hand-written (rather than courlan's) so that the canonical form, and hence
every article id, is stable across library upgrades. Near-duplicates use datasketch's MinHash
with locality-sensitive hashing, so a batch of n articles costs about n lookups, not n².
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from datasketch import MinHash, MinHashLSH

from backstory.ingest.textnorm import words
from backstory.models import Article

#: Jaccard similarity of word 5-shingles above which two articles are the same story copy.
#: 0.8 is the usual near-duplicate cut for news (wire copy lightly edited by each outlet
#: scores 0.85-0.95; distinct articles on the same event score well under 0.3).
NEAR_DUPLICATE_THRESHOLD = 0.8
#: MinHash permutations: 128 gives a Jaccard estimate within about ±0.09 (1/sqrt(128)).
NUM_PERM = 128
#: Words per shingle.
SHINGLE_SIZE = 5
#: Fixed seed so the hashes, and so the decisions, are the same on every run.
MINHASH_SEED = 1

_TRACKING_PARAMS = frozenset(
    """fbclid gclid dclid gbraid wbraid msclkid yclid twclid igshid mc_cid mc_eid _ga _gl
    _hsenc _hsmi mkt_tok oly_anon_id oly_enc_id vero_id vero_conv spm s_cid cmpid ncid ocid
    ito sr_share at_medium at_campaign at_custom1 at_custom2 at_custom3 at_custom4 ref_src
    ref_url wt_mc wt.mc_id guccounter __twitter_impression smid smtyp cmp icid intcmp
    ns_mchannel ns_source ns_campaign ns_linkname ns_fee""".split()
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "at_")
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in _TRACKING_PARAMS or key.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The URL with its noise removed: lower-case scheme and host, no default port, no
    fragment, no tracking parameters (utm_*, fbclid, gclid ...), sorted query, no trailing
    slash. Two links to the same article give the same string."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{port}"
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    )
    path = parts.path or ""
    while path.endswith("/"):
        path = path[:-1]
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def _url_key(url: str) -> str:
    """Dedup key of a canonical URL: http/https and a leading ``www.`` do not matter."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    return urlunsplit(("", host, parts.path, parts.query, ""))


def text_hash(text: str) -> str:
    """Hash of the text's words, ignoring case, punctuation and spacing."""
    return hashlib.sha256(" ".join(words(text)).encode("utf-8", "surrogatepass")).hexdigest()


def _minhash(text: str) -> MinHash:
    tokens = words(text)
    if len(tokens) >= SHINGLE_SIZE:
        shingles = {
            " ".join(tokens[i : i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1)
        }
    else:
        shingles = set(tokens) or {""}
    mh = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    mh.update_batch([s.encode("utf-8", "surrogatepass") for s in shingles])
    return mh


def _better(kept: Article, new: Article) -> bool:
    """Whether ``new`` should replace ``kept``: only when kept is a blurb and new is not."""
    return kept.summary_only and not new.summary_only and len(new.text) > len(kept.text)


def deduplicate(articles: Sequence[Article]) -> tuple[list[Article], list[tuple[str, str]]]:
    """Drop exact duplicates (same canonical URL, same id, or same normalised text) and near
    duplicates (MinHash Jaccard >= NEAR_DUPLICATE_THRESHOLD). The first seen is kept, unless
    it is a feed blurb and the later copy is the full article.

    Returns the kept articles, in first-seen order, and (dropped origin or id, kept id) pairs.
    """
    kept: list[Article | None] = []
    by_key: dict[str, int] = {}
    hashes: dict[int, MinHash] = {}
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
    dropped: list[tuple[str, str]] = []

    def keys(article: Article) -> list[str]:
        out = [f"id:{article.id}", f"text:{text_hash(article.text)}"]
        for url in (article.canonical_url, article.url):
            if url:
                out.append(f"url:{_url_key(canonical_url(url))}")
        return out

    def index(slot: int, article: Article, mh: MinHash) -> None:
        for key in keys(article):
            by_key.setdefault(key, slot)
        hashes[slot] = mh
        lsh.insert(str(slot), mh)

    for article in articles:
        mh = _minhash(article.text)
        slot = next((by_key[k] for k in keys(article) if k in by_key), None)
        if slot is None:
            for candidate in sorted(lsh.query(mh), key=int):
                if hashes[int(candidate)].jaccard(mh) >= NEAR_DUPLICATE_THRESHOLD:
                    slot = int(candidate)
                    break
        if slot is None:
            kept.append(article)
            index(len(kept) - 1, article, mh)
            continue
        previous = kept[slot]
        assert previous is not None
        if _better(previous, article):
            kept[slot] = article
            lsh.remove(str(slot))
            index(slot, article, mh)
            dropped.append((previous.origin or previous.id, article.id))
            dropped[:] = [(d, article.id if k == previous.id else k) for d, k in dropped]
        else:
            dropped.append((article.origin or article.id, previous.id))
    return [a for a in kept if a is not None], dropped
