"""The contradiction family (CON): knowledge base, time-window reasoning and the four rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from lint.model import Severity
from rules.contradiction import kb as kbmod
from rules.contradiction.dates import find_dates, parse_meta_date
from tests.helpers import lint_string

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
DATA = ROOT / "rules" / "contradiction" / "data"


def con(text: str, select: str = "CON", name: str = "a.txt", config: str = ""):
    return [d for d in lint_string(text, select, name=name, config=config) if d.category == "contradiction"]


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# Knowledge base: schema and content


@pytest.fixture(scope="module")
def builtin():
    return kbmod.build()


def test_builtin_kb_has_enough_verified_tenures(builtin):
    start, end = dt.date(2009, 1, 1).toordinal(), dt.date(2026, 12, 31).toordinal()
    in_range = [t for t in builtin.tenures if t.start < end and t.end > start]
    assert len(in_range) >= 150
    assert all(t.source.strip() for t in builtin.tenures), "every tenure needs a source note"
    assert builtin.snapshot == dt.date(2026, 1, 15)


def test_builtin_kb_covers_the_required_offices(builtin):
    roles = {t.role for t in builtin.tenures}
    for role in ("us_president", "us_secretary_of_state", "us_secretary_of_defense", "uk_prime_minister",
                 "uk_foreign_secretary", "de_chancellor", "fr_president", "jp_prime_minister", "cn_president",
                 "in_prime_minister", "br_president", "ar_president", "mx_president", "id_president", "za_president",
                 "kr_president", "tr_president", "sa_king", "ru_president", "ua_president", "it_prime_minister",
                 "ca_prime_minister", "au_prime_minister", "nato_secretary_general", "un_secretary_general",
                 "eu_commission_president", "eu_council_president"):
        assert role in roles, role


def test_builtin_tenures_start_before_they_end_and_never_overlap(builtin):
    for tenure in builtin.tenures:
        assert tenure.start < tenure.end, tenure
    kbmod.check_overlaps(builtin)  # raises on an overlap


@pytest.mark.parametrize("name", kbmod.BUILTIN_FILES)
def test_builtin_files_use_only_known_fields(name):
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    assert set(data) <= kbmod.TOP_KEYS
    for entry in (data.get("orgs") or {}).values():
        assert set(entry) <= kbmod.ORG_KEYS
    for entry in (data.get("roles") or {}).values():
        assert set(entry) <= kbmod.ROLE_KEYS
    for entry in (data.get("people") or {}).values():
        assert set(entry) <= kbmod.PERSON_KEYS
    for entry in data.get("tenures") or []:
        assert set(entry) <= kbmod.TENURE_KEYS
    for entry in (data.get("events") or {}).values():
        assert set(entry) <= kbmod.EVENT_KEYS


def test_known_handover_dates(builtin):
    spans = builtin.spans
    assert spans[("jens_stoltenberg", "nato_secretary_general")] == (
        (dt.date(2014, 10, 1).toordinal(), dt.date(2024, 10, 1).toordinal()),)
    trump_elect = spans[("donald_trump", "us_president_elect")]
    assert (dt.date(2024, 11, 6).toordinal(), dt.date(2025, 1, 20).toordinal()) in trump_elect


def _user_file(tmp_path: Path, body: str) -> str:
    path = tmp_path / "kb.yaml"
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_unknown_field_is_an_error_naming_it(tmp_path):
    path = _user_file(tmp_path, "tenures:\n  - {person: Jo Bloggs, role: uk_prime_minister, start: 2030-01-01, salary: 1}\n")
    with pytest.raises(kbmod.KnowledgeBaseError, match="unknown field 'salary'"):
        kbmod.build([path])


def test_start_not_before_end_is_an_error(tmp_path):
    path = _user_file(tmp_path, "tenures:\n  - {person: Jo Bloggs, role: uk_prime_minister, start: 2031-01-01, end: 2030-01-01}\n")
    with pytest.raises(kbmod.KnowledgeBaseError, match="must be before end"):
        kbmod.build([path])


def test_overlapping_single_holder_tenures_are_an_error(tmp_path):
    path = _user_file(tmp_path, "tenures:\n  - {person: Jo Bloggs, role: uk_prime_minister, start: 2020-01-01, end: 2021-01-01}\n")
    with pytest.raises(kbmod.KnowledgeBaseError, match="overlap"):
        kbmod.build([path])


def test_unknown_role_and_person_id_are_errors(tmp_path):
    path = _user_file(tmp_path, "tenures:\n  - {person: Jo Bloggs, role: mayor_of_nowhere, start: 2020-01-01}\n")
    with pytest.raises(kbmod.KnowledgeBaseError, match="unknown role"):
        kbmod.build([path])
    path = _user_file(tmp_path, "tenures:\n  - {person: jo_blogs, role: uk_prime_minister, start: 2040-01-01}\n")
    with pytest.raises(kbmod.KnowledgeBaseError, match="unknown person"):
        kbmod.build([path])


MANAGERS = """
orgs:
  rovers: {name: Rovers, words: [Rovers, Rovers']}
roles:
  rovers_manager: {org: rovers, titles: [manager, boss]}
tenures:
  - {person: Pat Quinn, role: rovers_manager, start: 2018-01-01, end: 2023-06-30, source: test}
  - {person: Dee Shah, role: rovers_manager, start: 2023-07-01, source: test}
"""


def test_user_knowledge_base_from_config_flags_a_stale_manager(tmp_path):
    path = _user_file(tmp_path, MANAGERS)
    text = "---\ndate: 2025-04-01\n---\n# Derby preview\n\nRovers manager Pat Quinn named an unchanged side.\n"
    found = con(text, "CON001", name="a.md", config=f"knowledge-base: [{path}]\n")
    assert [(d.rule, d.line, d.severity) for d in found] == [("CON001", 6, Severity.ERROR)]
    assert '"Rovers manager Pat Quinn" (in office until 2023-06-30)' in found[0].message
    assert "the article's date (2025-04-01)" in found[0].message
    # Without the user file nobody knows Pat Quinn: no finding.
    assert con(text, "CON001", name="a.md") == []


def test_knowledge_base_is_loaded_lazily_and_once(tmp_path):
    path = _user_file(tmp_path, MANAGERS)
    kbmod.load.cache_clear()
    import rules.contradiction  # noqa: F401 - importing the family must not load the data

    assert kbmod.load.cache_info().currsize == 0
    config = f"knowledge-base: [{path}]\n"
    for _ in range(3):
        con("Rovers manager Dee Shah spoke.\n\nMore text here.", "CON001", config=config)
    info = kbmod.load.cache_info()
    assert info.currsize == 1 and info.misses == 1 and info.hits >= 2


def test_broken_user_file_is_reported_once_by_the_engine(tmp_path):
    path = _user_file(tmp_path, "tenures: [\n")
    found = lint_string("Headline\n\nText.", "CON", config=f"knowledge-base: [{path}]\n")
    crashes = [d for d in found if d.category == "internal"]
    assert len(crashes) == 1 and "invalid YAML" in crashes[0].message and "CON001" in crashes[0].message


# --------------------------------------------------------------------------
# Dates


def test_find_dates_formats():
    text = "On February 20, 2025 and 3 May 2017, in December 2021, as of early 2025, in 2014 and 2008-04-03."
    found = [(d.text, d.precision) for d in find_dates(text)]
    assert found == [
        ("February 20, 2025", "day"), ("3 May 2017", "day"), ("December 2021", "month"),
        ("early 2025", "part"), ("2014", "year"), ("2008-04-03", "day"),
    ]
    assert [d.text for d in find_dates("It cost 2014 pounds, or 20.5%, in 2,014 cases")] == ["2014"]


@pytest.mark.parametrize("value", [dt.date(2024, 3, 2), dt.datetime(2024, 3, 2, 9, 30), "2024-03-02",
                                   "2024-03-02T09:30:00Z", "March 2, 2024", "2 March 2024"])
def test_front_matter_date_forms(value):
    assert parse_meta_date(value) == dt.date(2024, 3, 2)
    assert parse_meta_date("soon") is None


# --------------------------------------------------------------------------
# CON001 role-tenure-conflict


def test_seed_000_stoltenberg_is_an_error_with_the_president_elect_as_related():
    found = con(seed("000"), "CON001")
    assert len(found) == 1
    diag = found[0]
    assert (diag.line, diag.severity) == (12, Severity.ERROR)
    assert diag.message.startswith(
        '"Secretary-General Jens Stoltenberg" (in office until 2024-10-01) conflicts with '
        '"President-elect Donald Trump" (2024-11-06 to 2025-01-20)'
    )
    assert 1 in [r["line"] for r in diag.related]


@pytest.mark.parametrize("prefix", ["001", "002", "003", "004"])
def test_consistent_seeds_raise_no_contradiction(prefix):
    assert con(seed(prefix)) == []


PM_ARTICLE = "---\ndate: {date}\n---\n# Waiting lists\n\nPrime Minister Boris Johnson said lists would fall.\n"


@pytest.mark.parametrize("date", ["2024-03-02", '"March 2, 2024"'])
def test_front_matter_date_alone_makes_an_error(date):
    found = con(PM_ARTICLE.format(date=date), "CON001", name="a.md")
    assert [(d.line, d.severity) for d in found] == [(6, Severity.ERROR)]
    assert "(in office until 2022-09-06) conflicts with the article's date (2024-03-02)" in found[0].message
    assert found[0].related and found[0].related[0]["line"] == 2


def test_front_matter_date_within_the_tenure_is_clean():
    assert con(PM_ARTICLE.format(date="2021-06-01"), "CON001", name="a.md") == []


def test_president_elect_after_the_inauguration_is_flagged():
    text = ("Pentagon review\n\nDefense Secretary Pete Hegseth ordered a review.\n\n"
            "Secretary of State Marco Rubio backed it.\n\nAides to President-elect Donald Trump declined to comment.\n")
    found = con(text, "CON001")
    assert [(d.line, d.severity) for d in found] == [(7, Severity.ERROR)]
    assert found[0].message.startswith('"President-elect Donald Trump" (president-elect until 2025-01-20)')


def test_one_clue_against_a_weak_one_is_only_a_warning():
    text = ("---\ntitle: x\n---\n# Kyiv\n\nOfficials spoke as Ukraine approached the third anniversary of the "
            "full-scale invasion.\n\nChancellor Friedrich Merz promised more air defence.\n")
    found = con(text, "CON001", name="a.md")
    assert [(d.line, d.severity) for d in found] == [(6, Severity.WARNING)]
    assert "(falls on 2025-02-24)" in found[0].message


@pytest.mark.parametrize("text", [
    # historical framing
    "---\ndate: 2025-05-20\n---\n# Inquiry\n\nThen-Prime Minister Boris Johnson was warned in 2020.\n\n"
    "Former Secretary-General Jens Stoltenberg stood by his decisions.\n",
    # a dated paragraph narrates its own time
    "---\ndate: 2026-06-23\n---\n# Ten years on\n\nIn June 2016, Prime Minister David Cameron called the vote. "
    "He resigned the morning after.\n",
    # quoted speech from an unknown time
    '---\ndate: 2025-05-20\n---\n# Memories\n\n"Prime Minister Boris Johnson came to Kyiv," the mayor said.\n',
    # past-tense narration of a year inside the tenure, and an office tied to an era
    "---\ndate: 2025-03-10\n---\n# Review\n\nPrime Minister Boris Johnson's government introduced the rules in 2020.\n\n"
    "The Biden administration's Defense Secretary Lloyd Austin had approved the deal.\n",
    # an era or a first term is history
    "---\ndate: 2025-03-10\n---\n# Deal\n\nTrump's first-term Secretary of State Mike Pompeo and Obama-era Defense "
    "Secretary Ash Carter signed the letter.\n",
    # no date evidence at all
    "Rail plan\n\nPrime Minister Boris Johnson said the timetable would end cancellations.\n",
    # two clues that disagree with nothing else to go on: a tie, not a finding
    "Talks\n\nPrime Minister Boris Johnson met Chancellor Friedrich Merz.\n",
])
def test_historical_and_undecidable_mentions_are_clean(text):
    assert con(text, "CON001", name="a.md") == []


def test_handover_week_is_not_flagged():
    text = ("---\ndate: 2024-10-03\n---\n# New chief\n\nSecretary-General Jens Stoltenberg handed over on Tuesday.\n")
    assert con(text, "CON001", name="a.md") == []


def test_words_that_make_another_office_drop_the_mention():
    text = ("---\ndate: 2024-03-02\n---\n# Budget\n\nShadow Chancellor George Osborne, Deputy Prime Minister Nick Clegg "
            "and Home Secretary Theresa May spoke, as did how good a prime minister Gordon Brown would make.\n")
    assert con(text, "CON", name="a.md") == []


# --------------------------------------------------------------------------
# CON002 role-date-conflict


def test_title_tied_to_an_explicit_date_outside_the_tenure():
    found = con("Visit\n\nIn March 2025, NATO Secretary-General Jens Stoltenberg visited Kyiv.\n", "CON002")
    assert [(d.rule, d.line, d.severity) for d in found] == [("CON002", 3, Severity.ERROR)]
    assert 'does not fit the date "March 2025"' in found[0].message
    assert found[0].related[0]["line"] == 3


@pytest.mark.parametrize("sentence", [
    "In 2019, Prime Minister Boris Johnson promised to get Brexit done.",
    "Prime Minister Keir Starmer said the 2008 crash still shaped the economy.",
    "By 2030, Prime Minister Keir Starmer wants every home to have a smart meter.",
    "In 2016, Britain voted to leave; today Prime Minister Keir Starmer is rebuilding ties.",
    "Since 2014, President Vladimir Putin has rejected every proposal.",
    "In 2019, Britain held an election. Prime Minister Keir Starmer said on Monday that times had changed.",
])
def test_dates_that_do_not_date_the_title(sentence):
    assert con(f"Headline\n\n{sentence}\n", "CON002") == []


# --------------------------------------------------------------------------
# CON003 title-drift


def test_president_elect_and_president_for_the_same_person():
    text = "Advisers\n\nPresident-elect Joe Biden named advisers.\n\nPresident Joe Biden said the team would focus on jobs.\n"
    found = con(text, "CON003")
    assert [(d.line, d.severity) for d in found] == [(5, Severity.WARNING)]
    assert found[0].related[0]["line"] == 3


def test_inauguration_story_lowers_drift_to_info():
    text = ("Inauguration\n\nPresident-elect Joe Biden arrived at the Capitol.\n\nHe was sworn in at noon, and "
            "President Joe Biden then signed orders.\n")
    assert [d.severity for d in con(text, "CON003")] == [Severity.INFO]


def test_offices_held_together_are_no_drift():
    text = "Two jobs\n\nSecretary of State Marco Rubio flew to Brussels. National Security Adviser Marco Rubio chaired a call.\n"
    assert con(text, "CON003") == []


def test_generic_two_portfolios_are_info_only():
    text = "Budget\n\nHealth Minister Anna Kovac spoke.\n\nCritics spoke. Finance Minister Anna Kovac disagreed.\n"
    found = con(text, "CON003")
    assert [(d.line, d.severity) for d in found] == [(5, Severity.INFO)]
    assert "two minister posts" in found[0].message


# --------------------------------------------------------------------------
# CON004 casualty-figure-mismatch


def test_same_toll_stated_twice_with_different_values():
    text = ("Blast\n\nA car bomb killed 12 people at the market, police said.\n\n"
            "The governor visited the site, where the bomb killed 15 people.\n")
    found = con(text, "CON004")
    assert [(d.line, d.severity) for d in found] == [(5, Severity.WARNING)]
    assert '"killed 15 people" conflicts with "killed 12 people"' in found[0].message


@pytest.mark.parametrize("text", [
    "Strikes\n\nA strike killed 12 people in Kharkiv.\n\nAnother strike killed 15 people in Odesa.\n",
    "Toll\n\nThe blast killed 12 people.\n\nThe death toll later rose to 15 people killed.\n",
    "War\n\nThe three-year war is nearing its third year; 20% of the land, a fifth, is occupied.\n",
    "Same\n\nThe bomb killed 12 people.\n\nPolice said the bomb killed twelve people.\n",
])
def test_figures_that_do_not_contradict(text):
    assert con(text, "CON004") == []


def test_hedged_figures_are_info():
    text = "Blast\n\nThe bomb killed at least 12 people.\n\nThe bomb killed 15 people, police said.\n"
    assert [d.severity for d in con(text, "CON004")] == [Severity.INFO]


# --------------------------------------------------------------------------
# Start-up cost: the derived knowledge base, lazy patterns, quick checks


FAMILY = ROOT / "rules" / "contradiction"


def _same_entries(a: kbmod.KnowledgeBase, b: kbmod.KnowledgeBase) -> None:
    assert a == b  # every field, entry and index, compared by value
    # Order matters too: titles are tried longest first, roles and events in file order.
    for name in ("orgs", "roles", "people", "events", "alias_index", "title_roles", "org_words", "spans"):
        assert list(getattr(a, name).items()) == list(getattr(b, name).items()), name
    assert a.title_pattern.phrases == b.title_pattern.phrases


def test_shipped_derived_kb_matches_the_yaml():
    from rules.contradiction import builtin_kb, builtin_kb_entries

    checksum = kbmod.source_checksum()
    hint = "data/*.yaml changed: run `python -m rules.contradiction.kb --write-cache`"
    assert builtin_kb.SOURCE_CRC == checksum == builtin_kb_entries.SOURCE_CRC, hint
    from_yaml = kbmod.build_from_yaml()
    for name, text in kbmod.cache_sources(from_yaml, checksum).items():
        assert (FAMILY / name).read_text(encoding="utf-8") == text, hint
    _same_entries(kbmod.builtin(), from_yaml)
    # The entries the rules never read while checking load on first use.
    lazy = kbmod.builtin()
    assert lazy.tenures == from_yaml.tenures and lazy.people == from_yaml.people
    assert lazy.orgs == from_yaml.orgs and lazy.roles_of == from_yaml.roles_of


def test_stale_derived_kb_falls_back_to_the_yaml(monkeypatch):
    monkeypatch.setattr(kbmod, "source_checksum", lambda: -1)
    _same_entries(kbmod.builtin(), kbmod.build_from_yaml())


def test_importing_the_family_loads_no_data_and_compiles_no_pattern():
    import subprocess
    import sys

    code = (
        "import sys, lint.engine, rules.contradiction\n"
        "from rules.contradiction import drift, numbers, scan, tenure\n"
        "heavy = [m for m in sys.modules if m.startswith('rules.contradiction.') and m.rsplit('.', 1)[1] not in\n"
        "         ('drift', 'numbers', 'scan', 'tenure')]\n"
        "compiled = [f'{mod.__name__}.{name}' for mod in (drift, numbers, scan, tenure)\n"
        "            for name, value in vars(mod).items() if isinstance(value, scan.LazyPattern) and 'match' in vars(value)]\n"
        "print(heavy, compiled)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[] []"


def _phrase_texts(phrases, rng):
    """The phrases as copy may write them: any case, other separators, curly apostrophes, glued to other words."""
    separators = [" ", "  ", "-", " - ", "\t", "\n", "\u00a0", "", "_", ".", ","]
    before = ["", " ", "the ", "x", "-", "_", "'", "\u2019", "(", "ex-", "Vice "]
    after = ["", " ", "'s", "\u2019s", "-elect", "s", "_", ".", ",", " said", "x"]
    for words in phrases:
        for _ in range(3):
            written = []
            for word in words:
                word = "".join(ch.upper() if rng.random() < 0.3 else ch for ch in word)
                if rng.random() < 0.5:
                    word = word.replace("'", "\u2019")
                if rng.random() < 0.05:
                    word = word[:-1]
                written.append(word)
            text = "".join(w + (rng.choice(separators) if i < len(written) - 1 else "") for i, w in enumerate(written))
            yield rng.choice(before) + text + rng.choice(after) + " " + rng.choice(before) + text


@pytest.mark.parametrize("odd", ["", "\u0130", "\u0131", "\u017f", "\u212a"])
def test_phrase_matcher_matches_exactly_what_its_regex_matches(odd):
    import random

    from rules.contradiction.clues import _event_patterns
    from rules.contradiction.scan import PhraseMatcher

    kb = kbmod.load(())
    extra = PhraseMatcher([["U.S.", "President"], ["9/11", "attacks"], ["a'b", "c"], ["-elect"], ["Prıme"]])
    rng = random.Random(7)
    checked = 0
    for matcher in (kb.title_pattern, _event_patterns(kb)[0], extra):
        for text in _phrase_texts(matcher.phrases, rng):
            text = odd + text
            lower = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
            match_at = matcher.matcher(text, lower)
            for start in range(len(text) + 1):
                expected = matcher.pattern.match(text, start)
                found = match_at(start)
                assert (found and (found.start(), found.end(), found.group(0))) == (
                    expected and (expected.start(), expected.end(), expected.group(0))), (text, start)
                checked += 1
    assert checked > 10000


def test_long_s_in_a_casualty_noun_still_counts():
    # "ſ" matches "s" case-insensitively: the quick check for casualty nouns must not hide it.
    text = ("Blast\n\nA car bomb killed 12 civilian\u017f at the market.\n\n"
            "The governor visited the site, where the bomb killed 15 civilian\u017f.\n")
    assert [(d.rule, d.line) for d in con(text, "CON004")] == [("CON004", 5)]


def test_a_dated_mention_is_checked_without_gathering_date_clues():
    # No current title and no anniversary: nothing for CON001, but CON002 still sees the mention.
    from lint.engine import Linter
    from rules.contradiction.clues import gather

    text = "Visit\n\nIn March 2025, NATO Secretary-General Jens Stoltenberg visited Kyiv in 2025.\n"
    assert [d.rule for d in con(text)] == ["CON002"]
    article = Linter().load("a.txt", text)
    evidence = gather(article, kbmod.load(()))
    assert evidence.clues == [] and len(evidence.mentions) == 1


# -- start-up: no datetime import, no big pattern for the first article ---------------------


def test_day_ordinals_are_those_of_datetime():
    from rules.contradiction import dates

    assert dates.OPEN == kbmod.OPEN_END == dt.date(9999, 12, 31).toordinal()
    first, last = dt.date(1899, 12, 1).toordinal(), dt.date(2101, 3, 1).toordinal()
    for ordinal in [*range(first, last), 1, 2, 365, 366, dates.OPEN - 1, dates.OPEN]:
        day = dt.date.fromordinal(ordinal)
        assert dates.civil_date(ordinal) == (day.year, day.month, day.day)
        assert dates.day_ordinal(day.year, day.month, day.day) == ordinal
        assert dates.iso(ordinal) == day.isoformat()
    for year, month, day in [(2023, 2, 29), (1900, 2, 29), (2024, 4, 31), (2024, 13, 1), (2024, 0, 1),
                             (2024, 1, 0), (0, 1, 1), (10000, 1, 1)]:
        with pytest.raises(ValueError):
            dt.date(year, month, day)
        with pytest.raises(ValueError):
            dates.day_ordinal(year, month, day)
    for ordinal in (0, dates.OPEN + 1):
        with pytest.raises(ValueError):
            dates.civil_date(ordinal)


@pytest.mark.parametrize("day, years", [((2024, 2, 29), 1), ((2024, 2, 29), 4), ((2022, 2, 24), 3),
                                        ((2021, 12, 31), 2.5), ((2020, 3, 1), -1)])
def test_add_years_counts_calendar_years_as_datetime_does(day, years):
    from rules.contradiction.dates import add_years

    start = dt.date(*day)
    if float(years).is_integer():
        try:
            expected = start.replace(year=start.year + int(years))
        except ValueError:
            expected = start.replace(year=start.year + int(years), day=28)
        assert add_years(start.toordinal(), years) == expected.toordinal()
    else:
        assert add_years(start.toordinal(), years) == start.toordinal() + round(365.25 * years)


def test_checking_an_article_does_not_import_datetime():
    import subprocess
    import sys

    code = ("import sys; from lint.cli import main\n"
            "main(['--isolated', '--select', 'CON', 'seeds/000_182afac71b2eb861.txt'])\n")
    script = f"try:\n    {code.strip().replace(chr(10), chr(10) + '    ')}\nexcept SystemExit:\n    pass\n" \
             "import sys; print('datetime' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr
    assert kbmod.load(()).snapshot == dt.date(2026, 1, 15)  # made when asked for


def test_blocked_event_context_is_what_its_pattern_finds():
    import random

    from rules.contradiction.clues import _BLOCKED_EVENT_CONTEXT, _blocked_event_context

    pieces = ["fear", "Fears", "fearful", "threat", "risk", "possible", "possib", "Possibility", "prevented",
              "avoid", "deter", "warning", "eve", "Eve", "every", "if", "IF", "would", "could", "might", "the",
              "of", "a", "full-scale", "war", "invasion", "Russia\u2019s", "x_y", "42", " ", "  ", ", ", ". ",
              "\n", "\u2014", "\u201c", "\u00a0", "r\u0131sk", "\u0130f", "\u017fpectre", "caf\u00e9", "\u212aelvin"]
    rng = random.Random(7)
    checked = 0
    for _ in range(4000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", " ", "-", "'"]) for _ in range(rng.randint(0, 30)))
        for pos in {len(text), rng.randint(0, len(text))}:
            expected = _BLOCKED_EVENT_CONTEXT.search(text, max(0, pos - 60), pos) is not None
            assert _blocked_event_context(text, pos) == expected, (text, pos)
            checked += 1
    assert checked > 4000
