"""Skill-extraction benchmark against SkillSpan's human-labelled test split.

Run: ``CORPUS_DIR=../shared/corpus .venv/bin/python -m bench.skills``

Scoring (documented in docs/skills-and-analysis.md):
* Each SkillSpan sentence is rebuilt by joining its tokens with single spaces; gold spans are the BIO spans of
  ``tags_knowledge`` (technologies, tools, fields: what a taxonomy can name) and ``tags_skill`` (mostly soft or
  task phrases: "work in large collaborative teams").
* A predicted mention is correct when it overlaps any gold span, knowledge or skill (precision).
* Recall is the share of gold *knowledge* spans overlapped by at least one mention: the fair number for a
  taxonomy matcher. Recall over knowledge+skill spans is printed too.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import corpus_dir, row
from jobs.skills import extract_skills

TARGET_PRECISION = ">= 0.80"
TARGET_RECALL = ">= 0.65"


def _spans(tags: list[str], offsets: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    current: list[int] | None = None
    for tag, (start, end) in zip(tags, offsets, strict=True):
        if tag == "B" or (tag == "I" and current is None):
            if current:
                spans.append((current[0], current[1]))
            current = [start, end]
        elif tag == "I" and current is not None:
            current[1] = end
        else:
            if current:
                spans.append((current[0], current[1]))
            current = None
    if current:
        spans.append((current[0], current[1]))
    return spans


def load_sentences(path: Path) -> list[dict]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            offsets, pos = [], 0
            for tok in row["tokens"]:
                offsets.append((pos, pos + len(tok)))
                pos += len(tok) + 1
            out.append(
                {
                    "text": " ".join(row["tokens"]),
                    "knowledge": _spans(row["tags_knowledge"], offsets),
                    "skill": _spans(row["tags_skill"], offsets),
                }
            )
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(sentences: list[dict]) -> dict:
    predicted = correct = exact = 0
    gold_k = hit_k = gold_all = hit_all = 0
    false_pos: dict[str, int] = {}
    for sent in sentences:
        mentions = [(m.start, m.end, m.surface) for m in extract_skills(sent["text"])]
        gold = sent["knowledge"] + sent["skill"]
        for start, end, surface in mentions:
            predicted += 1
            if any(_overlaps((start, end), g) for g in gold):
                correct += 1
                exact += (start, end) in gold
            else:
                false_pos[surface] = false_pos.get(surface, 0) + 1
        for g in sent["knowledge"]:
            gold_k += 1
            hit_k += any(_overlaps((s, e), g) for s, e, _ in mentions)
        for g in gold:
            gold_all += 1
            hit_all += any(_overlaps((s, e), g) for s, e, _ in mentions)
    return {
        "predicted": predicted,
        "precision": correct / predicted if predicted else 0.0,
        "exact_precision": exact / predicted if predicted else 0.0,
        "recall_knowledge": hit_k / gold_k if gold_k else 0.0,
        "recall_all": hit_all / gold_all if gold_all else 0.0,
        "gold_knowledge": gold_k,
        "gold_all": gold_all,
        "top_false_positives": sorted(false_pos.items(), key=lambda kv: -kv[1])[:25],
    }


def throughput(texts: list[str], seconds: float = 1.0) -> tuple[float, float]:
    """Texts per second and characters per second over repeated passes."""
    extract_skills(texts[0])  # build the automaton outside the timing
    done = chars = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text in texts:
            extract_skills(text)
            done += 1
            chars += len(text)
    elapsed = time.perf_counter() - start
    return done / elapsed, chars / elapsed


def run() -> dict:
    corpus = corpus_dir()
    if corpus is None:
        return {}
    sentences = load_sentences(corpus / "jobs" / "skillspan" / "test.json")
    result = score(sentences)
    # Throughput on posting-sized texts: SkillSpan sentences glued into ~3,000-character documents.
    docs, buf = [], []
    for sent in sentences:
        buf.append(sent["text"])
        if sum(len(b) for b in buf) > 3000:
            docs.append(" ".join(buf))
            buf = []
    per_sec, chars_per_sec = throughput(docs)
    print(
        f"SkillSpan test: {len(sentences)} sentences, {result['predicted']} mentions; "
        f"precision {result['precision']:.3f} (exact-span {result['exact_precision']:.3f}); "
        f"recall knowledge {result['recall_knowledge']:.3f} of {result['gold_knowledge']}, "
        f"knowledge+skill {result['recall_all']:.3f} of {result['gold_all']}"
    )
    print(f"throughput: {per_sec:,.0f} postings/s of ~3k chars ({chars_per_sec / 1e6:.1f} M chars/s)")
    print("most frequent unmatched mentions:", result["top_false_positives"])
    return {
        "skills.skillspan.precision": row(result["precision"], "", TARGET_PRECISION),
        "skills.skillspan.recall": row(result["recall_knowledge"], "", TARGET_RECALL),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
