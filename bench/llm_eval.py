"""Benchmark of the model composers: share of generated sentences kept, and time per story.

Usage::

    python bench/llm_eval.py --calibrate            # sweep verify.MIN_OVERLAP on the labelled set
    python bench/llm_eval.py                        # llama-cpp in-process on every example story
    python bench/llm_eval.py --composer openai --base-url http://127.0.0.1:8080/v1

``--calibrate`` needs no model: it runs verification on the 48 hand-labelled pairs of
``backstory.compose.llm.calibration`` (supported = positive for "keep") and prints, per
threshold, the precision/recall of *dropping* unsupported sentences, for the overlap test alone
and for the whole verifier. The story run composes each example story (the .txt articles of
``examples/<story>/``) with the model composer, the reply cache off, and prints per story and in
total: sentences generated, kept, dropped by reason, tokens, and seconds.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def calibrate() -> dict[str, object]:
    from backstory.compose.llm.calibration import PAIRS
    from backstory.compose.llm.prompt import GeneratedSentence, Passage
    from backstory.compose.llm.verify import overlap, verify_sentence
    from backstory.models import Citation

    rows = []
    for pair in PAIRS:
        passages = {
            i + 1: Passage(
                i + 1,
                Citation(source="s", quote=t, start=0, end=len(t)),
                "Outlet",
                pair.published_at,
            )
            for i, t in enumerate(pair.passages)
        }
        sentence = GeneratedSentence("x", pair.sentence, tuple(passages))
        structural = verify_sentence(sentence, passages, pair.published_at, min_overlap=0.0)
        rows.append((pair, overlap(pair.sentence, pair.passages), structural.kept))
    out: dict[str, object] = {"pairs": len(rows), "supported": sum(r[0].supported for r in rows)}
    # The overlap test on its own is judged on the pairs the date/number/name tests let through.
    print("threshold  overlap-only P/R (drop unsupported)   full verifier P/R   supported kept")
    sweep = []
    for step in range(0, 11):
        th = step / 10
        subset = [(p, ov) for p, ov, ok in rows if ok]
        tp = sum(1 for p, ov in subset if not p.supported and ov < th)
        fp = sum(1 for p, ov in subset if p.supported and ov < th)
        fn = sum(1 for p, ov in subset if not p.supported and ov >= th)
        full_drop = [(p, (not ok) or ov < th) for p, ov, ok in rows]
        ftp = sum(1 for p, d in full_drop if d and not p.supported)
        ffp = sum(1 for p, d in full_drop if d and p.supported)
        ffn = sum(1 for p, d in full_drop if not d and not p.supported)
        row = {
            "threshold": th,
            "overlap_precision": round(tp / (tp + fp), 3) if tp + fp else None,
            "overlap_recall": round(tp / (tp + fn), 3) if tp + fn else None,
            "full_precision": round(ftp / (ftp + ffp), 3) if ftp + ffp else None,
            "full_recall": round(ftp / (ftp + ffn), 3) if ftp + ffn else None,
            "supported_kept": sum(1 for p, d in full_drop if p.supported and not d),
        }
        sweep.append(row)
        print(
            f"{th:8.1f}   {row['overlap_precision']!s:>6} / {row['overlap_recall']!s:<6}"
            f"                    {row['full_precision']!s:>6} / {row['full_recall']!s:<6}"
            f"    {row['supported_kept']}/{out['supported']}"
        )
    out["sweep"] = sweep
    return out


def _read_txt(path: Path):  # the examples' .txt format: header block, blank line, body
    from backstory.models import Article, article_id

    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    url = meta.get("url")
    return Article(
        id=article_id(url or str(path)),
        title=meta.get("title", path.stem),
        text=body.strip(),
        outlet=meta.get("outlet", ""),
        url=url,
        published=datetime.fromisoformat(meta["published"]) if meta.get("published") else None,
    )


def stories() -> dict[str, list]:
    out = {}
    for folder in sorted(p for p in EXAMPLES.iterdir() if p.is_dir()):
        articles = [_read_txt(p) for p in sorted(folder.glob("*.txt"))]
        if articles:
            out[folder.name] = articles
    return out


def run_stories(composer_name: str, options: dict[str, object]) -> dict[str, object]:
    from backstory.analyse import analyse_article
    from backstory.compose import ComposeRequest, get_composer, load_audience

    composer = get_composer(composer_name, use_cache=False, **options)
    per_story = []
    totals: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for name, articles in stories().items():
        newest = max(a.published for a in articles if a.published)
        now = newest.astimezone(UTC) if newest.tzinfo else newest.replace(tzinfo=UTC)
        request = ComposeRequest(
            analyses=tuple(analyse_article(a) for a in articles),
            audience=load_audience("uk"),
            now=now.replace(hour=23, minute=0),
            explainer_id=f"x-{name}",
        )
        started = time.perf_counter()
        explainer = composer.compose(request)
        seconds = time.perf_counter() - started
        prov = explainer.provenance
        sentence_drops = [d for d in prov.dropped if d.text]
        kept = sum(
            len(explainer.standfirst) if k == "standfirst" else len(explainer.section(k).items)
            for k in prov.model_sections
        )
        generated = kept + len(sentence_drops)
        for d in prov.dropped:
            reasons[d.reason.split(":")[0]] += 1
        row = {
            "story": name,
            "generated": generated,
            "kept": kept,
            "model_sections": list(prov.model_sections),
            "prompt_tokens": prov.prompt_tokens,
            "completion_tokens": prov.completion_tokens,
            "seconds": round(seconds, 2),
        }
        per_story.append(row)
        totals.update(
            {
                "generated": generated,
                "kept": kept,
                "prompt_tokens": prov.prompt_tokens,
                "completion_tokens": prov.completion_tokens,
            }
        )
        totals["milliseconds"] += int(seconds * 1000)
        print(json.dumps(row), flush=True)
    n = len(per_story)
    summary = {
        "composer": composer_name,
        "model": explainer.provenance.model if per_story else None,
        "stories": n,
        "generated": totals["generated"],
        "kept": totals["kept"],
        "kept_share": round(totals["kept"] / totals["generated"], 3)
        if totals["generated"]
        else None,
        "dropped_by_reason": dict(reasons.most_common()),
        "seconds_per_story": round(totals["milliseconds"] / 1000 / n, 2) if n else None,
        "tokens_per_story": round((totals["prompt_tokens"] + totals["completion_tokens"]) / n)
        if n
        else None,
    }
    print(json.dumps(summary, indent=1))
    return {"summary": summary, "stories": per_story}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calibrate", action="store_true", help="sweep the overlap threshold")
    parser.add_argument("--composer", default="llama-cpp", choices=["llama-cpp", "openai"])
    parser.add_argument("--base-url", help="openai: server base URL (…/v1)")
    parser.add_argument("--model", help="openai: model name")
    parser.add_argument("--model-path", help="llama-cpp: GGUF file")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    if args.calibrate:
        result: dict[str, object] = calibrate()
    else:
        options: dict[str, object] = {}
        if args.composer == "openai":
            if args.base_url:
                options["base_url"] = args.base_url
            if args.model:
                options["model"] = args.model
        elif args.model_path:
            options["model_path"] = args.model_path
        result = run_stories(args.composer, options)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
