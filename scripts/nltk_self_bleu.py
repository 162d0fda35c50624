#!/usr/bin/env python3
"""Reference self-BLEU values from NLTK, for SelfBleuNltkTest.

Writes experiments/src/test/resources/selfbleu-nltk.tsv: for a few sample sets, NLTK's leave-one-out
self-BLEU (sentence_bleu of each sample against all others, uniform weights 1/n over orders 1..n,
SmoothingFunction().method1, averaged with math.fsum) for max n = 1..5.

Needs NLTK (Debian: apt-get install -y python3-nltk). Run from the repository root:
    /usr/bin/python3 scripts/nltk_self_bleu.py
"""
import math
import random
import sys
from pathlib import Path

import nltk
from nltk.translate.bleu_score import SmoothingFunction, sentence_bleu

OUT = Path(__file__).resolve().parent.parent / "experiments/src/test/resources/selfbleu-nltk.tsv"
MAX_NS = (1, 2, 3, 4, 5)


def self_bleu(samples, max_n):
    smoothing = SmoothingFunction().method1
    weights = tuple(1.0 / max_n for _ in range(max_n))
    scores = []
    for i, hypothesis in enumerate(samples):
        references = samples[:i] + samples[i + 1:]
        scores.append(sentence_bleu(references, hypothesis, weights, smoothing_function=smoothing))
    return math.fsum(scores) / len(scores)


def random_set(rng, count, vocab, max_len):
    words = ["w%d" % v for v in range(vocab)]
    return [[rng.choice(words) for _ in range(rng.randint(0, max_len))] for _ in range(count)]


def sample_sets():
    rng = random.Random(20240601)
    return {
        "sentences": [s.split() for s in (
            "the cat sat on the mat",
            "the cat is on the mat",
            "there is a cat on the mat",
            "a dog sat on the log and the dog was happy",
            "it is a guide to action which ensures that the military always obeys the commands of the party",
        )],
        "repetitive": [s.split() for s in (
            "the the the the the the the", "the cat the cat the cat", "cat", "the", "mat mat",
        )],
        "short": [s.split() for s in ("", "a", "a b", "b a c", "c", "a b c d", "")],
        "identical": [["x", "y", "z", "x", "y"] for _ in range(4)],
        "disjoint": [["a", "b", "c"], ["d", "e", "f"], ["g", "h"]],
        "random_small_vocab": random_set(rng, 25, 6, 12),
        "random_mixed": random_set(rng, 40, 30, 20),
        "random_long": random_set(rng, 12, 200, 64),
    }


def main():
    lines = ["# self-BLEU reference values from NLTK %s (Python %s), written by scripts/nltk_self_bleu.py"
             % (nltk.__version__, sys.version.split()[0]),
             "# columns: set, max_n, self_bleu, then one column per sample (space-separated tokens)"]
    for name, samples in sample_sets().items():
        for max_n in MAX_NS:
            value = self_bleu(samples, max_n)
            lines.append("\t".join([name, str(max_n), repr(value)] + [" ".join(s) for s in samples]))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("wrote %s (%d rows)" % (OUT, len(lines) - 2))


if __name__ == "__main__":
    main()
