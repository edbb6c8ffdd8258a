#!/usr/bin/env python3
"""Worst-case time of the ReDoS guard: catastrophic patterns against hostile inputs.

Prints, for each pattern, how long the guarded search ran before it stopped (or finished).
"""

from __future__ import annotations

import time

from lintnews.patterns import PatternTimeout, UserPattern, timeout

CASES = [
    (r"(a|a)*$", "a" * 40 + "b"),
    (r"(a|aa)+$", "a" * 60 + "b"),
    (r"(.*a){20}", "a" * 40),
    (r"^(\w+\s?)*$", "palabra " * 40 + "!"),
    (r"(a+)+$", "a" * 40 + "b"),
    (r"((ab)*|(ba)*)*c", "ab" * 40),
]


def main() -> None:
    print(f"guard: {timeout():g}s per search")
    worst = 0.0
    for pattern, text in CASES:
        start = time.perf_counter()
        try:
            UserPattern(pattern).search(text)
            outcome = "finished"
        except PatternTimeout:
            outcome = "stopped"
        elapsed = time.perf_counter() - start
        worst = max(worst, elapsed)
        print(f"{pattern!r:24} {outcome:8} {elapsed * 1000:8.1f} ms")
    print(f"worst case: {worst * 1000:.0f} ms")


if __name__ == "__main__":
    main()
