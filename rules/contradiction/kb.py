"""The dated knowledge base: who held which office when, and anchor events.

The built-in data lives in ``data/*.yaml``; newsrooms add their own files
(club managers, council leaders, company chiefs) under ``knowledge-base:`` in
``.newslint.yaml``. Everything is validated on load: unknown fields, bad
dates, a start that is not before the end and overlapping tenures of a
single-holder role are errors that name the file and the entry.

Parsing and validating the YAML costs tens of milliseconds, too much for a
one-file pre-commit run, so the built-in part ships a second time in a
derived form, generated from the YAML by ``python -m rules.contradiction.kb
--write-cache``: the merged, validated entries and the lookup indexes as
Python literals, read from their bytecode cache in about a millisecond.
``builtin_kb.py`` holds what the rules read while checking, and
``builtin_kb_entries.py`` the rest (orgs, people, tenures), loaded only when
something asks for it: user files that extend the data, the tests. Both
record a checksum of the YAML they came from; when the YAML has changed
since, the YAML is read instead, and the tests fail until the files are
regenerated.

The merged result is cached per process, keyed by the tuple of user files.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from rules.contradiction.scan import PhraseMatcher, anchors, find_anchored  # noqa: F401 - re-exported
from lint.values import Frozen, Value

_set = object.__setattr__  # how Frozen values set their fields

DATA = Path(__file__).resolve().parent / "data"
BUILTIN_FILES = ("orgs_roles.yaml", "people.yaml", "tenures.yaml", "events.yaml")
CACHE = Path(__file__).resolve().parent / "builtin_kb.py"  # and builtin_kb_entries.py beside it

if TYPE_CHECKING:
    import datetime as dt

# date(9999, 12, 31).toordinal(). The rules never import ``datetime`` on the way to
# a first finding (over a millisecond); only YAML loading and ``snapshot`` need it.
OPEN_END = 3652059

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
    text = text.replace("\u2019", "'")
    if text.isascii():  # NFKD leaves ASCII as it is, and it has no combining marks
        return " ".join(text.lower().split())
    import unicodedata  # only for text that needs it

    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


class Org(Frozen):
    __slots__ = ("id", "name", "words")

    def __init__(self, id: str, name: str, words: tuple[str, ...]) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "words", words)


class Role(Frozen):
    __slots__ = ("id", "org", "titles", "single_holder", "state")

    def __init__(self, id: str, org: str | None, titles: tuple[str, ...], single_holder: bool = True,
                 state: str = "in office") -> None:
        _set(self, "id", id)
        _set(self, "org", org)
        _set(self, "titles", titles)
        _set(self, "single_holder", single_holder)
        _set(self, "state", state)


class Person(Frozen):
    __slots__ = ("id", "name", "aliases")

    def __init__(self, id: str, name: str, aliases: tuple[str, ...]) -> None:
        _set(self, "id", id)
        _set(self, "name", name)
        _set(self, "aliases", aliases)


class Tenure(Frozen):
    __slots__ = ("person", "role", "start", "end", "acting", "source", "origin")

    def __init__(self, person: str, role: str, start: int, end: int, acting: bool, source: str, origin: str) -> None:
        _set(self, "person", person)
        _set(self, "role", role)
        _set(self, "start", start)  # date ordinals, half-open [start, end)
        _set(self, "end", end)
        _set(self, "acting", acting)
        _set(self, "source", source)
        _set(self, "origin", origin)  # the file it came from


class Event(Frozen):
    __slots__ = ("id", "date", "names", "since", "source")

    def __init__(self, id: str, date: int, names: tuple[str, ...], since: tuple[str, ...], source: str) -> None:
        _set(self, "id", id)
        _set(self, "date", date)
        _set(self, "names", names)
        _set(self, "since", since)
        _set(self, "source", source)


_LAZY_ENTRIES = frozenset({"orgs", "people", "tenures", "roles_of"})


class KnowledgeBase(Value):
    __slots__ = (
        "snapshot", "orgs", "roles", "people", "tenures", "events", "files",
        # -- indexes, built by finish() --------------------------------------
        "alias_index", "title_roles", "org_words", "spans", "roles_of", "title_pattern", "title_anchors",
        "max_alias_words",
    )

    def __init__(
        self,
        snapshot: dt.date | None = None,
        orgs: dict[str, Org] | None = None,
        roles: dict[str, Role] | None = None,
        people: dict[str, Person] | None = None,
        tenures: list[Tenure] | None = None,
        events: dict[str, Event] | None = None,
        files: tuple[str, ...] = (),
        alias_index: dict[str, tuple[str, ...]] | None = None,
        title_roles: dict[str, tuple[str, ...]] | None = None,
        org_words: dict[str, str] | None = None,
        spans: dict[tuple[str, str], tuple[tuple[int, int], ...]] | None = None,
        roles_of: dict[str, frozenset[str]] | None = None,
        title_pattern: PhraseMatcher | None = None,  # every title, longest first
        title_anchors: tuple[str, ...] = (),  # one lower-case word of every title, found with str.find first
        max_alias_words: int = 1,
    ) -> None:
        self.snapshot = snapshot
        self.orgs = {} if orgs is None else orgs
        self.roles = {} if roles is None else roles
        self.people = {} if people is None else people
        self.tenures = [] if tenures is None else tenures
        self.events = {} if events is None else events
        self.files = files
        self.alias_index = {} if alias_index is None else alias_index
        self.title_roles = {} if title_roles is None else title_roles
        self.org_words = {} if org_words is None else org_words
        self.spans = {} if spans is None else spans
        self.roles_of = {} if roles_of is None else roles_of
        self.title_pattern = title_pattern
        self.title_anchors = title_anchors
        self.max_alias_words = max_alias_words

    def __getattr__(self, name: str):
        # Only reached for an unset field: the entries builtin() leaves in builtin_kb_entries.py.
        if name in _LAZY_ENTRIES:
            _load_entries(self)
            return object.__getattribute__(self, name)
        if name == "snapshot":  # a date, made when asked for: the rules never do
            import datetime as dt
            from rules.contradiction import builtin_kb as cache

            self.snapshot = dt.date.fromordinal(cache.SNAPSHOT) if cache.SNAPSHOT else None
            return self.snapshot
        raise AttributeError(f"{type(self).__qualname__!r} object has no attribute {name!r}")

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
        self.title_pattern = title_pattern(ordered)
        self.title_anchors = anchors(ordered)
        return self

    def people_named(self, text: str) -> tuple[str, ...]:
        return self.alias_index.get(fold(text), ())

    def roles_titled(self, title: str) -> tuple[str, ...]:
        return self.title_roles.get(fold(title), ())


def title_pattern(ordered: Iterable[str]) -> PhraseMatcher:
    """Every title, case-insensitively, in the order given (longest first)."""
    return PhraseMatcher(_title_words(t) for t in ordered)


def _title_words(title: str) -> list[str]:
    # Spaces match any run of spaces; hyphen and space are interchangeable
    # in "Secretary-General" / "Secretary General".
    return re.split(r"[\s-]+", title.strip())


# --------------------------------------------------------------------------
# Loading and validation


def _date(value: Any, where: str) -> dt.date:
    import datetime as dt

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
    from rules.contradiction.dates import iso

    return "present" if ordinal >= OPEN_END else iso(ordinal)


def read_yaml(path: str) -> Any:
    import yaml  # only when YAML is really read: user files, or a stale cache

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when libyaml is there
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=loader)  # noqa: S506 - a safe loader
    except OSError as exc:
        raise KnowledgeBaseError(f"{path}: cannot read knowledge-base file: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else path
        raise KnowledgeBaseError(f"{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}") from None


def build_from_yaml() -> KnowledgeBase:
    """The built-in knowledge base, parsed and validated from ``data/*.yaml``."""
    kb = KnowledgeBase()
    for name in BUILTIN_FILES:
        merge_file(kb, read_yaml(str(DATA / name)), f"newslint:{name}")
    check_overlaps(kb)
    return kb.finish()


def build(user_files: Iterable[str] = ()) -> KnowledgeBase:
    user_files = tuple(user_files)
    kb = builtin()
    if not user_files:
        return kb
    for path in user_files:
        merge_file(kb, read_yaml(path), path)
    check_overlaps(kb)
    kb.files = user_files
    return kb.finish()


@lru_cache(maxsize=8)
def load(user_files: tuple[str, ...] = ()) -> KnowledgeBase:
    """The merged knowledge base, loaded once per process per list of user files."""
    return build(user_files)


# --------------------------------------------------------------------------
# The derived form of the built-in files (builtin_kb.py, builtin_kb_entries.py)


def source_checksum() -> int:
    """CRC-32 of the built-in YAML files, in order: what the derived form was made from."""
    import zlib

    crc = 0
    for name in BUILTIN_FILES:
        crc = zlib.crc32((DATA / name).read_bytes(), crc)
    return crc


def builtin() -> KnowledgeBase:
    """A fresh copy of the built-in knowledge base (callers may extend it).

    Read from the derived form when it was made from the YAML as it is now,
    from the YAML otherwise. The entries the rules never read while checking
    (orgs, people, tenures and the roles of each person: they are there to
    validate and extend the data) stay in builtin_kb_entries.py until first
    used, see KnowledgeBase.__getattr__.
    """
    try:
        from rules.contradiction import builtin_kb as cache
    except ImportError:
        return build_from_yaml()
    if cache.SOURCE_CRC != source_checksum():
        return build_from_yaml()
    kb = KnowledgeBase.__new__(KnowledgeBase)  # orgs, people, tenures and roles_of left unset
    # snapshot left unset too: made by KnowledgeBase.__getattr__ when asked for
    kb.roles = {row[0]: Role(*row) for row in cache.ROLES}
    kb.events = {row[0]: Event(*row) for row in cache.EVENTS}
    kb.files = ()
    kb.alias_index = dict(cache.ALIAS_INDEX)
    kb.title_roles = dict(cache.TITLE_ROLES)
    kb.org_words = dict(cache.ORG_WORDS)
    kb.spans = dict(cache.SPANS)
    kb.title_pattern = PhraseMatcher(cache.TITLE_PHRASES)
    kb.title_anchors = cache.TITLE_ANCHORS
    kb.max_alias_words = cache.MAX_ALIAS_WORDS
    return kb


def _load_entries(kb: KnowledgeBase) -> None:
    """Fill in the entries builtin() left out."""
    from rules.contradiction import builtin_kb, builtin_kb_entries as cache

    if cache.SOURCE_CRC != builtin_kb.SOURCE_CRC:  # regenerated by halves: take everything from the YAML
        full = build_from_yaml()
        kb.orgs, kb.people, kb.tenures, kb.roles_of = full.orgs, full.people, full.tenures, full.roles_of
        return
    kb.orgs = {row[0]: Org(*row) for row in cache.ORGS}
    kb.people = {row[0]: Person(*row) for row in cache.PEOPLE}
    kb.tenures = [Tenure(*row) for row in cache.TENURES]
    kb.roles_of = {person: frozenset(roles) for person, roles in cache.ROLES_OF.items()}


def cache_sources(kb: KnowledgeBase, checksum: int) -> dict[str, str]:
    """The text of builtin_kb.py and builtin_kb_entries.py for ``kb`` (built from the YAML whose checksum is given)."""

    def rows(name: str, items: Iterable[tuple]) -> str:
        return f"{name} = (\n" + "".join(f"    {row!r},\n" for row in items) + ")\n"

    def mapping(name: str, items: dict) -> str:
        return f"{name} = {{\n" + "".join(f"    {k!r}: {v!r},\n" for k, v in items.items()) + "}\n"

    def module(what: str, parts: list[str]) -> str:
        head = (
            f'"""{what}: GENERATED from data/*.yaml, do not edit.\n\n'
            "Regenerate both files with `python -m rules.contradiction.kb --write-cache` after changing\n"
            "the YAML; tests/rules/test_contradiction.py checks that they match it.\n"
            '"""\n\n'
            "# fmt: off\n"
        )
        return "\n".join([head, f"SOURCE_CRC = {checksum!r}\n", *parts])

    runtime = [
        f"SNAPSHOT = {kb.snapshot.toordinal() if kb.snapshot else None!r}\n",
        rows("ROLES", ((r.id, r.org, r.titles, r.single_holder, r.state) for r in kb.roles.values())),
        rows("EVENTS", ((e.id, e.date, e.names, e.since, e.source) for e in kb.events.values())),
        mapping("ALIAS_INDEX", kb.alias_index),
        mapping("TITLE_ROLES", kb.title_roles),
        mapping("ORG_WORDS", kb.org_words),
        mapping("SPANS", kb.spans),
        rows("TITLE_PHRASES", kb.title_pattern.phrases),
        f"TITLE_ANCHORS = {kb.title_anchors!r}\n",
        f"MAX_ALIAS_WORDS = {kb.max_alias_words!r}\n",
    ]
    entries = [
        rows("ORGS", ((o.id, o.name, o.words) for o in kb.orgs.values())),
        rows("PEOPLE", ((p.id, p.name, p.aliases) for p in kb.people.values())),
        rows("TENURES", ((t.person, t.role, t.start, t.end, t.acting, t.source, t.origin) for t in kb.tenures)),
        mapping("ROLES_OF", {k: tuple(sorted(v)) for k, v in kb.roles_of.items()}),
    ]
    return {
        "builtin_kb.py": module("The built-in knowledge base as the rules read it", runtime),
        "builtin_kb_entries.py": module("The built-in knowledge base: the entries the rules only read to extend it",
                                        entries),
    }


def write_cache() -> list[Path]:
    sources = cache_sources(build_from_yaml(), source_checksum())
    out = []
    for name, text in sources.items():
        path = CACHE.with_name(name)
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def user_files(config) -> tuple[str, ...]:
    """The run's ``knowledge-base:`` files, resolved against the config file's folder."""
    if config is None:
        return ()
    out = []
    for path in config.knowledge_base or ():
        out.append(config.resolve(path))
    return tuple(out)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--write-cache"]:
        sys.exit("usage: python -m rules.contradiction.kb --write-cache")
    for path in write_cache():
        print(f"wrote {path}")
