"""«Có phải ý bạn là …?»: the one place that finds a near miss among known names.

A short list is compared word by word (difflib). A long one (a province's catalog holds ~20,000
procedure codes) is indexed once by every form with one character deleted, so each lookup costs
a few dictionary probes instead of a pass over the whole list: a run with many unknown codes stays
linear in its input.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable

CUTOFF = 0.6
SMALL = 200  # below this many choices, difflib's full comparison is cheap and finds more


def _deletes(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


class Suggester:
    """Near misses among a fixed set of names, each lookup independent of the set's size."""

    def __init__(self, choices: Iterable[str]):
        self.choices = sorted(set(choices))
        self._index: dict[str, list[str]] | None = None
        if len(self.choices) > SMALL:
            index: dict[str, list[str]] = defaultdict(list)
            for choice in self.choices:
                for form in _deletes(choice):
                    index[form].append(choice)
            self._index = dict(index)

    def closest(self, word: str) -> str | None:
        if self._index is None:
            close = difflib.get_close_matches(word, self.choices, n=1, cutoff=CUTOFF)
            return close[0] if close else None
        candidates = sorted({c for form in _deletes(word) for c in self._index.get(form, [])})
        scored = [(difflib.SequenceMatcher(None, word, c).ratio(), c) for c in candidates if c != word]
        best = max(scored, key=lambda pair: (pair[0], [-ord(ch) for ch in pair[1]]), default=None)
        return best[1] if best and best[0] >= CUTOFF else None

    def hint(self, word: str) -> str:
        """`; có phải ý bạn là «x»?` or nothing."""
        close = self.closest(word)
        return f"; có phải ý bạn là «{close}»?" if close else ""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """One lookup among `choices`: `; có phải ý bạn là «x»?` or nothing."""
    return Suggester(choices).hint(word)
