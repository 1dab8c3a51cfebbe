"""TYP002: one word of a multi-word name in the wrong case, a lowercase given name or title.

A mixin of the casing pass (``rules.typography.casing``).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from lint.model import Severity

from rules.typography import lexicon
from rules.typography.analysis import LazyPattern
from rules.typography.sentence_starts import capitalise

NAME_CASE_BREAK = "TYP002"

# Words that are capitalised at sentence starts all the time and are never the content word of a name.
_SENTENCE_OPENERS = frozenset(
    """he she it they we i you his her its their our my your but however although though while when if as so
    yet also still meanwhile this that these those there here what which who whom whose how why where after
    before during since until despite instead indeed now then only even just not no yes all both each every
    some many most more such other another one two three first last next""".split()
)
# The capitalised words (with lowercase particles between them) left and right of a capitalised word:
# the rest of its name ("Institute for the Study of War").
_PARTICLE = r"(?:(?:of|for|the|and|de|von|der|van|al|bin|du|la|le)[ \u00a0])?"
_PARTICLES_IN_RUNS = frozenset("of for the and de von der van al bin du la le".split())
_RUN_RIGHT = LazyPattern(rf"(?:[ \u00a0]{_PARTICLE}[A-Z][^\W\d_]*)+")


class NameBreaks:
    """TYP002 for the casing pass."""

    def gazetteer_names(self) -> None:
        an = self.an
        by_word = self.names.by_word
        candidates = {name for word in self.listed_lower & self.names.name_words for name in by_word[word]
                      if an.has_all_folded(name.lower_set)}
        for name in sorted(candidates, key=lambda n: (-len(n.words), n.words)):
            for spans in an.phrase_occurrences(name.lower):
                self._name_match(name, spans)

    def _name_match(self, name, spans) -> None:
        an = self.an
        text = an.text
        found = [text[s:e] for s, e in spans]
        broken = [k for k, canon in enumerate(name.words) if canon[0].isupper() and found[k][0].islower()]
        if not broken or an.protected(spans[0][0], spans[-1][1]):
            return
        if name.person:
            if len(broken) == 1 and name.lower[broken[0]] in self.common:
                # "Theresa may": only when the article writes "May" elsewhere.
                if not an.capitalised_count(name.lower[broken[0]]):
                    return
        else:
            right = [k for k, canon in enumerate(name.words) if k not in broken and canon[0].isupper()
                     and found[k][0].isupper() and not an.positional(spans[k][0])]
            if not right:
                return  # "cold war" may be generic; "Cold war" at a sentence start proves nothing
        for k in broken:
            start, end = spans[k]
            if start in self.taken:
                continue
            fixed = name.words[k]
            self.report(NAME_CASE_BREAK, start, end,
                        f"'{found[k]}' breaks the capitalisation of the name '{name.text}'; write '{fixed}'", fixed)

    def article_names(self) -> None:
        """Names the article itself capitalises at least twice ("Archyde News Editor"), met with one word lowercase."""
        an = self.an
        text = an.text
        skip = _never_broken()
        # Only a lowercase word whose capitalised form also occurs can be a break of this kind.
        tokens = an.tokens
        # A name must be seen capitalised twice, and more often capitalised than not ("shares"/"Shares" is no name).
        capitalised = set(map(str.capitalize, an.lower_distinct - skip)) & an.distinct
        counts = Counter(tokens) if capitalised else {}
        suspects = {w.lower() for w in capitalised if counts[w] >= max(2, counts[w.lower()])}
        if not suspects:
            return
        runs: Counter = Counter()
        forms: dict[tuple[str, ...], tuple[str, ...]] = {}
        seen: set[int] = set()
        for suspect in sorted(suspects):
            # The capitalised runs around each capitalised use of a suspect word ("News" in "Archyde News Editor").
            for start, end in an.occurrences(suspect.capitalize()):
                if an.in_heading(start):
                    continue
                run_start = _run_start(text, start)
                right = _RUN_RIGHT.match(text, end)
                run_end = right.end() if right else end
                if run_start in seen or (run_start == start and run_end == end):
                    continue
                seen.add(run_start)
                words = text[run_start:run_end].split()
                if an.positional(run_start):
                    words = words[1:]  # "The Kremlin" at a sentence start: "The" proves nothing
                while words and words[-1] in self.names.particles:
                    words.pop()
                if len(words) >= 2:
                    key = tuple(w.lower() for w in words)
                    runs[key] += 1
                    forms.setdefault(key, tuple(words))
        for key, count in sorted(runs.items()):
            if count < 2 or not suspects.intersection(key):
                continue
            canon = forms[key]
            for spans in an.phrase_occurrences(key):
                found = [text[s:e] for s, e in spans]
                broken = [k for k in range(len(key)) if canon[k][0].isupper() and found[k].islower()
                          and key[k] not in skip]
                right = [k for k in range(len(key)) if k not in broken and found[k][0].isupper()
                         and not an.positional(spans[k][0])]
                if not broken or not right or an.in_heading(spans[0][0]):
                    continue
                for k in broken:
                    start, end = spans[k]
                    if start not in self.taken and not an.attached(start, end):
                        self.report(NAME_CASE_BREAK, start, end,
                                    f"'{found[k]}' breaks the capitalisation of '{' '.join(canon)}', which the "
                                    f"article writes with capitals elsewhere; write '{canon[k]}'",
                                    canon[k], Severity.INFO)

    def given_names_and_titles(self) -> None:
        an = self.an
        names = self.names
        text = an.text
        listed = self.listed_lower
        for word in sorted((listed & names.given_names) | (listed & names.short_titles)):
            title = word in names.short_titles
            for start, end in an.occurrences(word):
                if start in self.taken:
                    continue
                nxt = an.next_word(end + 1 if title and text[end : end + 1] == "." else end)
                if nxt is None or not nxt[1][0].isupper() or an.attached(start, end):
                    continue
                fixed = capitalise(word)
                if title:
                    self.report(NAME_CASE_BREAK, start, end,
                                f"title '{word}' written in lowercase before the name '{nxt[1]}'; write '{fixed}'",
                                fixed)
                    continue
                if text[end : end + 1] == "." or not self._given_name_here(start, word, nxt[1]):
                    continue
                self.report(NAME_CASE_BREAK, start, end,
                            f"given name '{word}' written in lowercase before the surname '{nxt[1]}'; write '{fixed}'",
                            fixed)

    def _given_name_here(self, start: int, word: str, surname: str) -> bool:
        if word not in self.common:
            return True
        # "mark", "will", "bill": only after a title and before a known surname.
        prev = self.an.prev_word(start)
        titled = prev is not None and prev[1].lower() in self.names.titles
        known = surname.lower() in self.names.surnames or self.an.capitalised_count(surname.lower()) >= 2
        return titled and known


@lru_cache(maxsize=1)
def _never_broken() -> frozenset[str]:
    """Words never reported as a break of the article's own names: particles, role words, sentence openers."""
    names = lexicon.names()
    return names.particles | names.role_words | _SENTENCE_OPENERS


def _run_start(text: str, start: int) -> int:
    """Where the run of capitalised words (and particles between them) ending at ``start`` begins."""
    pos = start
    while True:
        word_start, word = _word_before(text, pos)
        if not word:
            return pos
        if word[0].isupper():
            pos = word_start
            continue
        if word in _PARTICLES_IN_RUNS:
            before_start, before = _word_before(text, word_start)
            if before and before[0].isupper():
                pos = before_start
                continue
        return pos


def _word_before(text: str, pos: int) -> tuple[int, str]:
    """The word that ends one space before ``pos``, or (pos, "")."""
    if pos < 2 or text[pos - 1] not in " \u00a0":
        return pos, ""
    end = pos - 1
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    if start > 0 and text[start - 1] not in " \u00a0\n\t\"\u201c\u2018(":
        return pos, ""  # "U.S. Special", "Russia’s Foreign": not a plain word
    return start, text[start:end]

