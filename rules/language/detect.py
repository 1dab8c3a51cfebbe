"""langdetect behind a seeded, lazily built factory, and language names and codes.

langdetect samples n-grams at random: unseeded, the same paragraph can come
back as "de 0.99" on one run and "de 0.86, nl 0.14" on the next. We build our
own ``DetectorFactory`` with ``set_seed(0)``; every detector it creates
re-seeds its generator before sampling, so a text always gets the same
answer, across calls and across processes, and other langdetect users in the
process keep their global settings. Loading the 55 profiles costs about
350 ms (measured: see docs/families/language.md), so it happens on the first
paragraph that the stopword check cannot decide, never at import.
"""

from __future__ import annotations

import re
from functools import lru_cache

SEED = 0
MAX_CHARS = 2000  # langdetect's verdict is settled long before this; cost grows with length

NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French", "gu": "Gujarati", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese",
    "kn": "Kannada", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian",
    "ml": "Malayalam", "mr": "Marathi", "ne": "Nepali", "nl": "Dutch", "no": "Norwegian", "pa": "Punjabi",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "so": "Somali", "sq": "Albanian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu",
    "th": "Thai", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
    "zh": "Chinese",
}
_BY_NAME = {name.lower(): code for code, name in NAMES.items()} | {
    "deutsch": "de", "français": "fr", "francais": "fr", "español": "es", "espanol": "es", "italiano": "it",
    "português": "pt", "portugues": "pt", "nederlands": "nl", "polski": "pl", "русский": "ru",
    "українська": "uk", "svenska": "sv", "dansk": "da", "norsk": "no", "türkçe": "tr", "čeština": "cs",
    "română": "ro",
}
# Old or regional codes, and languages langdetect files under a neighbour's code.
_ALIASES = {"iw": "he", "in": "id", "nb": "no", "nn": "no", "zh-cn": "zh", "zh-tw": "zh", "zh-hans": "zh",
            "zh-hant": "zh", "fil": "tl"}
# Close relatives that langdetect mixes up on real text: never a finding between them.
_RELATIVES = [frozenset({"no", "da"}), frozenset({"hr", "sr", "bs"}), frozenset({"id", "ms"}),
              frozenset({"cs", "sk"})]


def normalise(tag: str | None) -> str | None:
    """A declared language ("en-GB", "EN_us", "German", "nb") as a langdetect code, or None."""
    if not tag:
        return None
    tag = str(tag).strip().lower().replace("_", "-")
    if tag in _BY_NAME:
        return _BY_NAME[tag]
    if tag in _ALIASES:
        return _ALIASES[tag]
    primary = tag.split("-")[0]
    return _ALIASES.get(primary, primary) if re.fullmatch(r"[a-z]{2,3}", primary) else None


def same_language(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in _RELATIVES)


def name_of(code: str) -> str:
    return NAMES.get(code, code)


def is_known(code: str) -> bool:
    """Whether langdetect has a profile for the language (so a comparison means something)."""
    return code in NAMES or any(code in group and (group & NAMES.keys()) for group in _RELATIVES)


@lru_cache(maxsize=1)
def _factory():
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(SEED)
    return factory


@lru_cache(maxsize=4096)
def detect(text: str) -> tuple[tuple[str, float], ...]:
    """(language, probability) pairs, best first; empty when langdetect finds no features."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text[:MAX_CHARS])
    try:
        found = detector.get_probabilities()
    except LangDetectException:
        return ()
    return tuple((_ALIASES.get(item.lang, item.lang), item.prob) for item in found)


def profiles_loaded() -> bool:
    """For tests and benchmarks: whether any paragraph has needed langdetect yet."""
    return _factory.cache_info().currsize > 0
