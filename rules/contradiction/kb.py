"""The dated knowledge base: who held which office when, and anchor events.

The built-in data lives in ``data/*.yaml``; newsrooms add their own files
(club managers, council leaders, company chiefs) under ``knowledge-base:`` in
``.newslint.yaml``. Everything is validated on load: unknown fields, bad
dates, a start that is not before the end and overlapping tenures of a
single-holder role are errors that name the file and the entry.

The merged result is cached per process, keyed by the tuple of user files.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

DATA = Path(__file__).resolve().parent / "data"
BUILTIN_FILES = ("orgs_roles.yaml", "people.yaml", "tenures.yaml", "events.yaml")

OPEN_END = dt.date(9999, 12, 31).toordinal()
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when libyaml is there

TOP_KEYS = {"snapshot", "orgs", "roles", "people", "tenures", "events"}
ORG_KEYS = {"name", "words"}
ROLE_KEYS = {"org", "titles", "single_holder", "state"}
PERSON_KEYS = {"name", "aliases"}
TENURE_KEYS = {"person", "role", "start", "end", "acting", "source"}
EVENT_KEYS = {"date", "names", "since", "source"}


class KnowledgeBaseError(ValueError):
    """A knowledge-base file that cannot be used; the message names file and entry."""


def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Zelenskyy’s' -> 'zelenskyy's'."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class Org:
    id: str
    name: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Role:
    id: str
    org: str | None
    titles: tuple[str, ...]
    single_holder: bool = True
    state: str = "in office"


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Tenure:
    person: str
    role: str
    start: int  # date ordinals, half-open [start, end)
    end: int
    acting: bool
    source: str
    origin: str  # the file it came from


@dataclass(frozen=True)
class Event:
    id: str
    date: int
    names: tuple[str, ...]
    since: tuple[str, ...]
    source: str


@dataclass
class KnowledgeBase:
    snapshot: dt.date | None = None
    orgs: dict[str, Org] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    tenures: list[Tenure] = field(default_factory=list)
    events: dict[str, Event] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    # -- indexes, built by finish() ----------------------------------------
    alias_index: dict[str, tuple[str, ...]] = field(default_factory=dict)
    title_roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    org_words: dict[str, str] = field(default_factory=dict)
    spans: dict[tuple[str, str], tuple[tuple[int, int], ...]] = field(default_factory=dict)
    roles_of: dict[str, frozenset[str]] = field(default_factory=dict)
    title_pattern: re.Pattern | None = None
    title_anchors: tuple[str, ...] = ()  # one lower-case word of every title, found with str.find first
    max_alias_words: int = 1

    def finish(self) -> "KnowledgeBase":
        aliases: dict[str, set[str]] = {}
        for person in self.people.values():
            for alias in (person.name, *person.aliases):
                aliases.setdefault(fold(alias), set()).add(person.id)
        self.alias_index = {k: tuple(sorted(v)) for k, v in aliases.items()}
        self.max_alias_words = max((len(k.split()) for k in self.alias_index), default=1)
        titles: dict[str, set[str]] = {}
        for role in self.roles.values():
            for title in role.titles:
                titles.setdefault(fold(title), set()).add(role.id)
        self.title_roles = {k: tuple(sorted(v)) for k, v in titles.items()}
        self.org_words = {}
        for org in self.orgs.values():
            for word in (org.name, *org.words):
                self.org_words.setdefault(fold(word), org.id)
        spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
        roles_of: dict[str, set[str]] = {}
        for tenure in self.tenures:
            spans.setdefault((tenure.person, tenure.role), []).append((tenure.start, tenure.end))
            roles_of.setdefault(tenure.person, set()).add(tenure.role)
        self.spans = {k: tuple(sorted(v)) for k, v in spans.items()}
        self.roles_of = {k: frozenset(v) for k, v in roles_of.items()}
        # Longest titles first so "Secretary of State" wins over "Secretary".
        ordered = sorted({t for role in self.roles.values() for t in role.titles}, key=lambda t: (-len(t), t))
        alternation = "|".join(_title_regex(t) for t in ordered) or r"(?!x)x"
        self.title_pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)
        self.title_anchors = anchors(ordered)
        return self

    def people_named(self, text: str) -> tuple[str, ...]:
        return self.alias_index.get(fold(text), ())

    def roles_titled(self, title: str) -> tuple[str, ...]:
        return self.title_roles.get(fold(title), ())


def anchors(phrases: Iterable[str]) -> tuple[str, ...]:
    """The last word of each phrase, lower-cased: cheap to find with str.find before any regex runs."""
    found = set()
    for phrase in phrases:
        words = re.findall(r"[^\W_]+", phrase.lower())
        if words:
            found.add(words[-1])
    return tuple(sorted(found))


_WORD_START = re.compile(r"(?<![\w'\u2019.-])[\w.]")


def find_anchored(pattern: re.Pattern, text: str, lower: str, anchor_words: Iterable[str], reach: int = 45):
    """Matches of ``pattern`` that contain an anchor word, leftmost-longest, without overlaps.

    The anchors are found with ``str.find`` (fast); the pattern is only tried,
    anchored, at the word starts just before each anchor. This keeps a large
    alternation of titles or event names from being tried at every offset.
    """
    hits: list[int] = []
    size = len(lower)
    for word in anchor_words:
        pos = lower.find(word)
        while pos != -1:
            end = pos + len(word)
            # Whole words only: "pm" in "development" is no anchor.
            if (pos == 0 or not lower[pos - 1].isalnum()) and (end == size or not lower[end].isalnum()):
                hits.append(pos)
            pos = lower.find(word, end)
    if not hits:
        return []
    hits.sort()
    out: list[re.Match] = []
    for pos in hits:
        if out and pos < out[-1].end():
            continue
        best = None
        floor = out[-1].end() if out else 0
        for start in _WORD_START.finditer(text, max(floor, pos - reach), pos + 1):
            match = pattern.match(text, start.start())
            if match is not None and match.end() > pos and (best is None or match.end() - match.start() > best.end() - best.start()):
                best = match
            if best is not None:
                break  # the leftmost start that covers the anchor wins
        if best is not None:
            out.append(best)
    return out


def _title_regex(title: str) -> str:
    # Spaces match any run of spaces; hyphen and space are interchangeable
    # in "Secretary-General" / "Secretary General".
    parts = re.split(r"[\s-]+", title.strip())
    return r"[\s-]+".join(re.escape(p).replace("'", "['\u2019]") for p in parts)


# --------------------------------------------------------------------------
# Loading and validation


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise KnowledgeBaseError(f"{where}: {value!r} is not a date (use YYYY-MM-DD)")


def _strings(value: Any, where: str, *, required: bool = False) -> tuple[str, ...]:
    if value is None:
        if required:
            raise KnowledgeBaseError(f"{where}: needs at least one entry")
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise KnowledgeBaseError(f"{where}: must be a list of strings")
    out = tuple(str(v).strip() for v in value if str(v).strip())
    if required and not out:
        raise KnowledgeBaseError(f"{where}: needs at least one entry")
    return out


def _mapping(value: Any, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise KnowledgeBaseError(f"{where}: must be a mapping")
    return value


def _check_keys(entry: Any, allowed: set[str], where: str) -> dict:
    if not isinstance(entry, dict):
        raise KnowledgeBaseError(f"{where}: must be a mapping")
    unknown = sorted(set(map(str, entry)) - allowed)
    if unknown:
        raise KnowledgeBaseError(f"{where}: unknown field {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})")
    return entry


def merge_file(kb: KnowledgeBase, data: Any, label: str) -> None:
    """Validate one file's content and add it to ``kb`` (ids from earlier files may be referenced)."""
    if data is None:
        return
    if not isinstance(data, dict):
        raise KnowledgeBaseError(f"{label}: a knowledge-base file must be a mapping with {', '.join(sorted(TOP_KEYS))}")
    _check_keys(data, TOP_KEYS, label)
    if data.get("snapshot") is not None:
        snap = _date(data["snapshot"], f"{label}: snapshot")
        kb.snapshot = max(kb.snapshot, snap) if kb.snapshot else snap
    for key, entry in _mapping(data.get("orgs"), f"{label}: orgs").items():
        where = f"{label}: orgs.{key}"
        _check_keys(entry, ORG_KEYS, where)
        kb.orgs[str(key)] = Org(str(key), str(entry.get("name") or key), _strings(entry.get("words"), f"{where}.words"))
    for key, entry in _mapping(data.get("roles"), f"{label}: roles").items():
        where = f"{label}: roles.{key}"
        _check_keys(entry, ROLE_KEYS, where)
        org = entry.get("org")
        if org is not None and str(org) not in kb.orgs:
            raise KnowledgeBaseError(f"{where}.org: unknown organisation {org!r}; define it under orgs")
        kb.roles[str(key)] = Role(
            id=str(key),
            org=str(org) if org is not None else None,
            titles=_strings(entry.get("titles"), f"{where}.titles", required=True),
            single_holder=bool(entry.get("single_holder", True)),
            state=str(entry.get("state") or "in office"),
        )
    for key, entry in _mapping(data.get("people"), f"{label}: people").items():
        where = f"{label}: people.{key}"
        _check_keys(entry, PERSON_KEYS, where)
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise KnowledgeBaseError(f"{where}: needs a 'name'")
        kb.people[str(key)] = Person(str(key), name.strip(), _strings(entry.get("aliases"), f"{where}.aliases"))
    tenures = data.get("tenures") or []
    if not isinstance(tenures, list):
        raise KnowledgeBaseError(f"{label}: tenures must be a list")
    for index, entry in enumerate(tenures):
        where = f"{label}: tenures[{index}]"
        _check_keys(entry, TENURE_KEYS, where)
        for required in ("person", "role", "start"):
            if entry.get(required) in (None, ""):
                raise KnowledgeBaseError(f"{where}: needs '{required}'")
        role = str(entry["role"])
        if role not in kb.roles:
            raise KnowledgeBaseError(f"{where}.role: unknown role {role!r}; define it under roles")
        person = _person_ref(kb, str(entry["person"]), where)
        start = _date(entry["start"], f"{where}.start")
        end = _date(entry["end"], f"{where}.end") if entry.get("end") is not None else None
        if end is not None and start >= end:
            raise KnowledgeBaseError(f"{where}: start {start} must be before end {end}")
        kb.tenures.append(Tenure(
            person=person, role=role, start=start.toordinal(), end=end.toordinal() if end else OPEN_END,
            acting=bool(entry.get("acting", False)), source=str(entry.get("source") or ""), origin=label,
        ))
    for key, entry in _mapping(data.get("events"), f"{label}: events").items():
        where = f"{label}: events.{key}"
        _check_keys(entry, EVENT_KEYS, where)
        if entry.get("date") is None:
            raise KnowledgeBaseError(f"{where}: needs a 'date'")
        kb.events[str(key)] = Event(
            id=str(key), date=_date(entry["date"], f"{where}.date").toordinal(),
            names=_strings(entry.get("names"), f"{where}.names", required=True),
            since=_strings(entry.get("since"), f"{where}.since"), source=str(entry.get("source") or ""),
        )


def _person_ref(kb: KnowledgeBase, ref: str, where: str) -> str:
    """A person id, or (in user files) a plain name that becomes its own entry."""
    if ref in kb.people:
        return ref
    if "_" in ref or not any(ch.isupper() for ch in ref):
        raise KnowledgeBaseError(f"{where}.person: unknown person {ref!r}; define it under people or write the full name")
    key = "name:" + fold(ref)
    if key not in kb.people:
        words = ref.split()
        aliases = (words[-1],) if len(words) > 1 else ()
        kb.people[key] = Person(key, ref.strip(), aliases)
    return key


def check_overlaps(kb: KnowledgeBase) -> None:
    """Single-holder roles: no two tenures may overlap (touching ends are a handover)."""
    by_role: dict[str, list[Tenure]] = {}
    for tenure in kb.tenures:
        if kb.roles[tenure.role].single_holder:
            by_role.setdefault(tenure.role, []).append(tenure)
    for role, tenures in by_role.items():
        tenures.sort(key=lambda t: t.start)
        for before, after in zip(tenures, tenures[1:]):
            if after.start < before.end:
                raise KnowledgeBaseError(
                    f"{after.origin}: tenures of {role} overlap: {kb.people[before.person].name} "
                    f"({_iso(before.start)} to {_iso(before.end)}) and {kb.people[after.person].name} "
                    f"(from {_iso(after.start)}); mark the role single_holder: false if that is intended"
                )


def _iso(ordinal: int) -> str:
    return "present" if ordinal >= OPEN_END else dt.date.fromordinal(ordinal).isoformat()


def read_yaml(path: str) -> Any:
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_LOADER)  # noqa: S506 - a safe loader
    except OSError as exc:
        raise KnowledgeBaseError(f"{path}: cannot read knowledge-base file: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else path
        raise KnowledgeBaseError(f"{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None


def build(user_files: Iterable[str] = ()) -> KnowledgeBase:
    kb = KnowledgeBase()
    for name in BUILTIN_FILES:
        merge_file(kb, read_yaml(str(DATA / name)), f"newslint:{name}")
    for path in user_files:
        merge_file(kb, read_yaml(path), path)
    check_overlaps(kb)
    kb.files = tuple(user_files)
    return kb.finish()


@lru_cache(maxsize=8)
def load(user_files: tuple[str, ...] = ()) -> KnowledgeBase:
    """The merged knowledge base, loaded once per process per list of user files."""
    return build(user_files)


def user_files(config) -> tuple[str, ...]:
    """The run's ``knowledge-base:`` files, resolved against the config file's folder."""
    if config is None:
        return ()
    out = []
    for path in config.knowledge_base or ():
        out.append(config.resolve(path))
    return tuple(out)
