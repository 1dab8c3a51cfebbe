"""The expert family (EXP): introductions, gazetteer, interviews, persona tells, corpus templates."""

from __future__ import annotations

from pathlib import Path

import pytest

from lint.article import load_text
from lint.config import parse_config
from lint.engine import Linter, RunOptions
from lint.model import Severity
from rules.expert import RULES
from rules.expert.extract import analyse
from rules.expert.gazetteer import gazetteer, is_generic, org_key
from rules.expert.names import gender_mismatch, gendered_variants
from tests.helpers import lint_string

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_003 = SEEDS / "003_baa482db7a53bbda.txt"
SEED_004 = SEEDS / "004_dbda7665e3f63745.txt"


def _intros(text: str):
    return analyse(load_text("a.txt", "Headline\n" + text)).intros


def _only(diagnostics, code):
    return [d for d in diagnostics if d.rule == code]


# -- extraction ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, person, roles, affiliation, form",
    [
        ("Fiona Hill, a senior fellow at the Brookings Institution, said so.", "Fiona Hill", ("senior fellow",), "Brookings Institution", "appositive"),
        ("David Frost, director general of the British Chambers of Commerce, warned.", "David Frost", ("director general",), "British Chambers of Commerce", "appositive"),
        ("Moody's chief economist Mark Zandi said growth would slow.", "Mark Zandi", ("chief economist",), "Moody", "possessive"),
        ("Professor John Curtice of Strathclyde University said so.", "Prof. John Curtice", ("professor",), "Strathclyde University", "prenominal"),
        ("Dr Jane Doe of the Institute for Policy Research said so.", "Dr. Jane Doe", (), "Institute for Policy Research", "of"),
        ("Jane Roe of the Institute of Directors said so.", "Jane Roe", (), "Institute of Directors", "of"),
        ("\"It is hard,\" said a professor at the London School of Economics.", None, ("professor",), "London School of Economics", "nameless"),
        (
            "Interview with Dr. Elena Sokolov, Geopolitical Analyst and Senior Fellow at the Eastern European Policy Institute",
            "Dr. Elena Sokolov", ("geopolitical analyst", "senior fellow"), "Eastern European Policy Institute", "appositive",
        ),
        (
            "we sat down with Dr. Elena Ivanova, a leading geopolitical analyst and Senior Fellow at the Moscow Institute of International Relations. With over two decades of experience, she knows.",
            "Dr. Elena Ivanova", ("geopolitical analyst", "senior fellow"), "Moscow Institute of International Relations", "appositive",
        ),
        ("Trade Secretary Patricia Hewitt, a former economist at the Treasury, said so.", "Patricia Hewitt", ("former economist",), "Treasury", "appositive"),
    ],
)
def test_introductions_in_the_forms_news_uses(sentence, person, roles, affiliation, form):
    intros = _intros(sentence)
    assert len(intros) == 1, intros
    intro = intros[0]
    assert (intro.person.display if intro.person else None) == person
    assert intro.roles == roles
    assert intro.affiliation is not None and intro.affiliation.text == affiliation
    assert intro.form == form


def test_introduction_records_puffery_and_possessive_parts():
    intro = _intros("Senior fellow Fiona Hill of the Brookings Institution's Foreign Policy program said it.")[0]
    assert [p.text for p in intro.affiliation.parts] == ["Brookings Institution", "Foreign Policy"]
    leading = _intros("Dr. Jane Doe, a leading analyst at the Cato Institute, said so.")[0]
    assert leading.puffery == ("leading",)


def test_no_introduction_without_a_role_or_an_institution():
    assert _intros("Meanwhile, Russian Foreign Minister Sergei Lavrov dismissed the proposals.") == []
    assert _intros("The ministry called in an expert on Tuesday.") == []


# -- gazetteer ---------------------------------------------------------------------


def test_gazetteer_is_large_and_knows_aliases_and_spelling_variants():
    known = gazetteer()
    curated = sum(
        1 for line in (Path(__file__).resolve().parents[2] / "rules/expert/data/organisations.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    )
    assert curated >= 600
    assert known.entries > 10_000  # plus the university list
    for name, canonical in [
        ("Brookings", "Brookings Institution"),
        ("RAND", "RAND Corporation"),
        ("Chatham House", "Chatham House"),
        ("MGIMO", "Moscow State Institute of International Relations"),
        ("ISW", "Institute for the Study of War"),
        ("the LSE", "London School of Economics and Political Science"),
        ("Institute of Fiscal Studies", "Institute for Fiscal Studies"),  # function words do not matter
        ("Center for European Reform", "Centre for European Reform"),  # nor spelling
        ("Oxford University", "University of Oxford"),  # university word order
        ("Strathclyde University", "University of Strathclyde"),
    ]:
        assert known.canonical(org_key(name)) == canonical, name


def test_near_miss_names_the_real_institution_and_generic_names_are_recognised():
    known = gazetteer()
    assert known.near_miss(org_key("Moscow Institute of International Relations")) == (
        "Moscow State Institute of International Relations"
    )
    assert known.near_miss(org_key("Peterson Institute for Internatonal Economics")) == (
        "Peterson Institute for International Economics"
    )
    # Generic names are never near misses: they carry no proper word.
    assert known.near_miss(org_key("Centre for European Studies in Policy")) is None
    assert is_generic(org_key("Institute for European Economic Stability"))
    assert is_generic(org_key("Global Climate Resilience Observatory"))
    assert not is_generic(org_key("British Retail Consortium"))
    assert not is_generic(org_key("Policy Institute"))  # too short to judge


def test_gazetteer_loads_only_when_an_expert_is_introduced():
    gazetteer.cache_clear()
    lint_string("Rates Hold\nThe bank kept rates on hold, officials said.\n", "EXP")
    assert gazetteer.cache_info().currsize == 0
    lint_string("Rates Hold\nJane Doe, an economist at the Bank of England, said so.\n", "EXP")
    assert gazetteer.cache_info().currsize == 1


# -- names -----------------------------------------------------------------------


def test_slavic_gender_agreement():
    assert gender_mismatch("Elena", "Sokolov").expected == "Sokolova"
    assert gender_mismatch("Ivan", "Petrova").expected == "Petrov"
    assert gender_mismatch("Olga", "Kowalski").expected == "Kowalska"
    assert gender_mismatch("Elena", "Ivanova") is None
    assert gender_mismatch("Natalia", "Shevchenko") is None  # invariant Ukrainian surname
    assert gender_mismatch("Anna", "Kowalski") is None  # -ski is only checked with Slavic-only names
    assert gender_mismatch("Monica", "Lewinsky") is None
    assert gender_mismatch("Elena", "Martin") is None  # the -in class is not checked at all
    assert gendered_variants("Sokolov", "Sokolova")
    assert not gendered_variants("Smith", "Smith")


# -- EXP001 synthetic-interview ---------------------------------------------------------

INTERVIEW = """Grain Talks Stall
Shipping slowed again this week, port officials said.
Interview with Dr. Marta Kovacs, Senior Analyst at the Danube Trade Policy Centre
{label}: Good morning, Dr. Kovacs. Thank you for joining us today. What is holding up the talks?
Dr. Marta Kovacs: Thank you for having me. Certainly. The main obstacle is insurance.
{label}: Do you think a deal is possible this year?
Dr. Marta Kovacs: Absolutely. Both sides need the revenue.
{label}: What should readers watch for?
Dr. Marta Kovacs: The insurance market, mostly.
"""


def test_synthetic_interview_warns_on_the_header_line_and_lists_the_signals():
    found = _only(lint_string(INTERVIEW.format(label="Briefwire News Editor"), "EXP001"), "EXP001")
    assert len(found) == 1
    diag = found[0]
    assert (diag.line, diag.end_line, diag.severity) == (3, 3, Severity.WARNING)
    assert "labelled with the site's name ('Briefwire News Editor')" in diag.message
    assert "'Thank you for having me'" in diag.message
    assert "'Thank you for joining us'" in diag.message


def test_named_interviewer_without_a_closer_is_at_most_info():
    found = _only(lint_string(INTERVIEW.format(label="Sarah Mills"), "EXP001"), "EXP001")
    assert [d.severity for d in found] == [Severity.INFO]


def test_bare_site_label_needs_the_site_named_elsewhere():
    text = INTERVIEW.format(label="Briefwire")
    assert [d.severity for d in _only(lint_string(text, "EXP001"), "EXP001")] == [Severity.INFO]
    flagged = _only(lint_string(text + "Stay tuned to Briefwire for updates.\n", "EXP001"), "EXP001")
    assert [d.severity for d in flagged] == [Severity.WARNING]
    assert "('Briefwire')" in flagged[0].message and "reader-engagement closer ('Stay tuned to')" in flagged[0].message


def test_site_names_option_marks_a_bare_label():
    config = "rules:\n  EXP001:\n    site-names: [Briefwire]\n"
    found = _only(lint_string(INTERVIEW.format(label="Briefwire"), "EXP001", config=config), "EXP001")
    assert [d.severity for d in found] == [Severity.WARNING]


def test_ordinary_qa_is_not_flagged():
    text = (
        "Minister Defends Plan\nAn edited transcript of the interview follows.\n"
        "Q: What happens to the farm budget?\nA: It rises by four percent.\n"
        "Q: Is that enough?\nA: No, and I have said so.\nQ: Will you resign?\nA: I will not.\n"
    )
    assert _only(lint_string(text, "EXP001"), "EXP001") == []


# -- EXP002 unverifiable-affiliation ------------------------------------------------------


def test_generic_unknown_institution_is_a_warning_on_its_name():
    text = "Rates Hold\n\"Rates will stay on hold,\" said Dr. Jane Doe, a senior fellow at the Institute for European Economic Stability.\n"
    found = _only(lint_string(text, "EXP002"), "EXP002")
    assert len(found) == 1
    diag = found[0]
    assert diag.severity is Severity.WARNING and diag.line == 2
    assert text.split("\n")[1][diag.column - 1 : diag.end_column - 1] == "Institute for European Economic Stability"
    assert "generic composition" in diag.message


def test_near_miss_warning_names_the_real_institution():
    text = "Talks\nWe sat down with Dr. Irina Volkova, a senior fellow at the Moscow Institute of International Relations.\n"
    found = _only(lint_string(text, "EXP002"), "EXP002")
    assert len(found) == 1
    assert "close to 'Moscow State Institute of International Relations'" in found[0].message


@pytest.mark.parametrize(
    "sentence",
    [
        "\"Nobody expects a deal,\" said Fiona Hill, a senior fellow at the Brookings Institution.",
        "\"Markets have priced it in,\" said a professor at the London School of Economics.",
        "Moody's chief economist said the risk of a recession had risen.",
        "Dr. Ruth Allen, director of the Centre for Regional Policy Studies at the University of Oxford, said so.",
        "Mark Hale, an analyst at Capital Alpha Partners, said investors were not convinced.",
    ],
)
def test_real_or_distinctive_institutions_are_not_flagged(sentence):
    assert _only(lint_string("Headline\n" + sentence + "\n", "EXP002"), "EXP002") == []


def test_allow_list_clears_an_obscure_institution_and_a_person():
    text = "Talks\nDr. Jonas Weber, a senior fellow at the Institute for European Politics, said Berlin would wait.\n"
    assert len(_only(lint_string(text, "EXP002"), "EXP002")) == 1
    by_affiliation = "verified-experts:\n  - {name: Someone Else, affiliation: Institute for European Politics}\n"
    assert _only(lint_string(text, "EXP002", config=by_affiliation), "EXP002") == []
    by_name = "verified-experts:\n  - {name: Dr. Jonas Weber, affiliation: ''}\n"
    assert _only(lint_string(text, "EXP002", config=by_name), "EXP002") == []


# -- EXP003 persona-tells ---------------------------------------------------------------


def test_one_persona_signal_is_info_and_names_the_expected_form():
    text = "Storage\nDr. Elena Sokolov, a researcher at the University of Vienna, said storage was full.\n"
    found = _only(lint_string(text, "EXP003"), "EXP003")
    assert [(d.line, d.severity) for d in found] == [(2, Severity.INFO)]
    assert "expected 'Elena Sokolova'" in found[0].message


def test_two_signals_make_a_warning_with_the_forward_reference_as_related():
    text = (
        "Prices\nHow do Dr. Petrova's warnings change the outlook?\n"
        "Dr. Anna Petrova, a leading energy analyst at the Oxford Institute for Energy Studies, said prices would rise.\n"
        "With over two decades of experience, Dr. Petrova has advised three governments.\n"
    )
    found = _only(lint_string(text, "EXP003"), "EXP003")
    assert len(found) == 1
    diag = found[0]
    assert (diag.line, diag.severity) == (3, Severity.WARNING)
    assert "named as 'Dr. Petrova' before being introduced" in diag.message
    assert "puffed-up introduction ('leading', 'With over two decades of experience')" in diag.message
    assert [r["line"] for r in diag.related] == [2]


def test_house_style_puffery_alone_is_not_a_signal():
    lone = "Prices\nDr. Anna Petrova, a leading energy analyst at the Oxford Institute for Energy Studies, said so.\n"
    assert _only(lint_string(lone, "EXP003"), "EXP003") == []
    early = "Prices\nDr. Petrova's team found the flaw.\n" + lone.split("\n", 1)[1]
    found = _only(lint_string(early, "EXP003"), "EXP003")
    assert [d.severity for d in found] == [Severity.INFO]  # forward reference counts, "leading" does not
    assert "'leading'" in found[0].message


def test_inconsistent_surname_forms_are_reported():
    text = (
        "Recession\nDr. Olga Lebedeva, an economist at the Kiel Institute for the World Economy, expects a recession.\n"
        "Dr. Lebedev added that industry had cut its gas use.\n"
    )
    found = _only(lint_string(text, "EXP003"), "EXP003")
    assert len(found) == 1 and "named inconsistently ('Lebedev' / 'Lebedeva')" in found[0].message
    assert found[0].related[0]["line"] == 3


def test_persona_tells_leave_consistent_and_non_expert_names_alone():
    text = (
        "Petrov Warns\nDr. Ivan Petrov, an economist at the Higher School of Economics, said budgets were strained.\n"
        "Dr. Petrov said the state would borrow. Mr Ivanov and his wife, Mrs Ivanova, said bills had doubled.\n"
        "Maria Zakharova, a spokesperson for the ministry, dismissed the report.\n"
    )
    assert _only(lint_string(text, "EXP003"), "EXP003") == []


def test_verified_person_is_silenced():
    text = "Storage\nDr. Elena Sokolov, a researcher at the University of Vienna, said storage was full.\n"
    config = "verified-experts:\n  - {name: Elena Sokolov, affiliation: University of Vienna}\n"
    assert _only(lint_string(text, "EXP003", config=config), "EXP003") == []


# -- EXP004 persona-template-across-files ------------------------------------------------------


def _run(tmp_path, files: dict[str, str], config: str = ""):
    paths = []
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    linter = Linter(parse_config(config) if config else None, RunOptions(select=("EXP004",)))
    return linter.run(paths, jobs=1)


def test_persona_template_across_files_flags_the_later_file_with_a_related_location(tmp_path):
    report = _run(
        tmp_path,
        {
            "a.txt": "First\nSome text here.\nDr. Elena Sokolov, a senior fellow at the Baltic Security Forum, said so.\n",
            "b.txt": "Second\nDr. Elena Marsh, a senior fellow at the Centre for Eastern Studies, said so.\n",
        },
    )
    found = [d for d in report.diagnostics if d.rule == "EXP004"]
    assert len(found) == 1
    diag = found[0]
    assert diag.path.endswith("b.txt") and diag.line == 2 and diag.severity is Severity.WARNING
    assert "repeats the persona template of Dr. Elena Sokolov (senior fellow, Baltic Security Forum)" in diag.message
    assert diag.related[0]["path"].endswith("a.txt") and diag.related[0]["line"] == 3


def test_same_expert_at_the_same_institution_or_a_different_role_is_not_a_template(tmp_path):
    report = _run(
        tmp_path,
        {
            "a.txt": "First\nDr. John Smith, a senior fellow at the LSE, said so.\n",
            "b.txt": "Second\nDr. John Smith, senior fellow at the London School of Economics, said so.\n",
            "c.txt": "Third\nDr. John Baker, a lecturer at the University of Leeds, disagreed.\n",
        },
    )
    assert [d for d in report.diagnostics if d.rule == "EXP004"] == []


def test_verified_persona_is_left_out_of_the_corpus_pass(tmp_path):
    files = {
        "a.txt": "First\nDr. Elena Sokolov, a senior fellow at the Baltic Security Forum, said so.\n",
        "b.txt": "Second\nDr. Elena Marsh, a senior fellow at the Centre for Eastern Studies, said so.\n",
    }
    config = "verified-experts:\n  - {name: Elena Marsh, affiliation: Centre for Eastern Studies}\n"
    report = _run(tmp_path, files, config)
    assert [d for d in report.diagnostics if d.rule == "EXP004"] == []


# -- the seeds ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_report():
    return Linter(run=RunOptions(select=("EXP",))).run([str(SEEDS)], jobs=1)


def _seed_findings(report, path):
    return [d for d in report.diagnostics if d.path == str(path)]


def test_seed_003_interview_is_flagged_with_its_signals(seed_report):
    found = _seed_findings(seed_report, SEED_003)
    header = [d for d in found if d.line == 29 and d.severity >= Severity.WARNING]
    messages = " | ".join(d.message for d in header)
    assert {d.rule for d in header} == {"EXP001", "EXP002"}
    assert "site's name ('Archyde News Editor')" in messages and "'Thank you for having me'" in messages
    assert "'Eastern European Policy Institute'" in messages and "generic composition" in messages
    persona = [d for d in found if d.rule == "EXP003"]
    assert persona and "expected 'Elena Sokolova'" in persona[0].message
    assert all(d.line == 29 for d in found)


def test_seed_004_interview_is_flagged_with_its_signals(seed_report):
    found = _seed_findings(seed_report, SEED_004)
    by_rule = {d.rule: d for d in found}
    assert by_rule["EXP001"].line == 19 and "site's name ('Archyde')" in by_rule["EXP001"].message
    assert "reader-engagement closer" in by_rule["EXP001"].message
    assert by_rule["EXP002"].line == 23 and "Moscow State Institute of International Relations" in by_rule["EXP002"].message
    assert by_rule["EXP003"].severity is Severity.WARNING and "before being introduced" in by_rule["EXP003"].message
    assert by_rule["EXP004"].line == 23 and by_rule["EXP004"].related[0]["path"] == str(SEED_003)


def test_nothing_else_in_the_seeds_is_an_expert_warning(seed_report):
    allowed = {(SEED_003.name, 29), (SEED_004.name, 19), (SEED_004.name, 23)}
    stray = [
        f"{Path(d.path).name}:{d.line} {d.rule}"
        for d in seed_report.diagnostics
        if d.severity >= Severity.WARNING and (Path(d.path).name, d.line) not in allowed
    ]
    assert stray == []


# -- contract ------------------------------------------------------------------------------


def test_rules_are_documented_and_coded():
    codes = [rule.code for rule in RULES]
    assert codes == ["EXP001", "EXP002", "EXP003", "EXP004"]
    for rule in RULES:
        doc = rule.doc()
        assert rule.category == "expert"
        for section in ("What it does:", "Why is this bad?", "Example:"):
            assert section in doc, (rule.code, section)


def test_front_matter_site_name_marks_a_bare_label():
    body = INTERVIEW.format(label="Briefwire").split("\n", 1)[1].replace("\n", "\n\n")
    text = "---\ntitle: Grain Talks Stall\nsite: Briefwire\n---\n# Grain Talks Stall\n\n" + body
    found = _only(lint_string(text, "EXP001", name="a.md"), "EXP001")
    assert [d.severity for d in found] == [Severity.WARNING]
    assert found[0].line == 9  # the "Interview with ..." paragraph


# -- speed machinery: it must not change what the family finds -----------------------------
#
# rules.expert.patterns matches plain text with stdlib re and ASCII classes, and other text
# with the regex module; rules.expert.extract combines three compiled pieces in code where
# single patterns used to be; the gazetteer is searched in compiled files. These tests pin
# each of those to the behaviour it replaces.

SAMPLE_TEXTS = [
    SEED_003.read_text(encoding="utf-8"),
    SEED_004.read_text(encoding="utf-8"),
    INTERVIEW.format(label="Briefwire News Editor") + "Let us know your thoughts in the comments below.\n",
    "Rates\nMoody's chief economist Mark Zandi said so. Dr Jane Doe of the Institute for Policy Research agreed,\n"
    "as did Jane Roe of the Institute of Directors, senior fellow Fiona Hill of the Brookings Institution's Foreign\n"
    "Policy program, Prof. John O'Brien-Smith, a lecturer in law at St. Andrews University, and Dr. elena Ivanova,\n"
    "Geopolitical Analyst and Senior Fellow at the U.S. Treasury. We sat down with Dr. Ana de la Cruz Van Dyke Smith.\n"
    "Trade Secretary Patricia Hewitt, a former economist at the Treasury, and David Frost, director general of the\n"
    "British Chambers of Commerce, said so. Interview : Prof. Li, a leading economist at Harvard’s Kennedy School.\n",
]


def _analysis_tuple(analysis):
    def person(p):
        return None if p is None else (p.span, p.honorific, p.first, p.surname)

    intros = [
        (i.span, i.block, person(i.person), i.roles, i.puffery, i.affiliation and i.affiliation.parts, i.form)
        for i in analysis.intros
    ]
    mentions = [(m.span, m.block, m.honorific, m.first, m.surname) for m in analysis.mentions]
    return intros, mentions, [person(p) for p in analysis.interviewees]


def test_every_plain_character_is_alike_for_both_engines():
    regex = pytest.importorskip("regex")
    import re
    import unicodedata

    from rules.expert.patterns import plain_char

    # Planes 4 to 13 hold no character yet (so none is plain); the rest is checked one by one.
    assert regex.findall(r"[^\p{Cn}]", "".join(map(chr, range(0x40000, 0xE0000)))) == []
    codes = [*range(0x80, 0xD800), *range(0xE000, 0x40000), *range(0xE0000, 0x110000)]
    plain = "".join(chr(c) for c in codes if plain_char(chr(c)))
    assert len(plain) > 100_000
    assert regex.findall(r"[\p{L}\p{N}\p{M}\w]", plain) == []  # no letter, digit, mark or word character
    assert re.findall(r"\w", plain) == []
    assert regex.findall(r"\s", plain) == re.findall(r"\s", plain)
    assert regex.findall(r"(?i)[a-z]", plain) == re.findall(r"(?i)[a-z]", plain) == []
    assert plain.lower() == plain  # lowercasing plain text keeps every offset
    # In ASCII the engines differ on \x1c-\x1f only (re's \s), which is_plain rejects.
    ascii_chars = "".join(map(chr, range(128)))
    assert [c for c in ascii_chars if bool(regex.match(r"\s", c)) != bool(re.match(r"\s", c))] == list("\x1c\x1d\x1e\x1f")
    assert unicodedata.category("\u2019") == "Pf" and plain_char("\u2019") and not plain_char("\u00e9")


def test_plain_and_unicode_patterns_find_the_same_introductions(monkeypatch):
    pytest.importorskip("regex")
    from rules.expert import extract, interview
    from rules.expert.patterns import PatternPair, is_plain

    texts = SAMPLE_TEXTS + [
        "Headline\n" + row[0] + "\n" for row in test_introductions_in_the_forms_news_uses.pytestmark[0].args[1]
    ]
    assert all(is_plain(text) for text in texts)
    results = {}
    for engine in ("plain", "unicode"):
        monkeypatch.setattr(PatternPair, "for_article", lambda self, article, engine=engine: getattr(self, engine))
        results[engine] = [
            (_analysis_tuple(extract._analyse(load_text("a.txt", t))), interview._find(load_text("a.txt", t), ("Briefwire",)))
            for t in texts
        ]
    assert results["plain"] == results["unicode"]
    assert sum(len(r[0][0]) for r in results["plain"]) > 20  # the texts do exercise the extractor


def test_combined_pieces_match_the_patterns_they_replace():
    regex = pytest.importorskip("regex")
    from rules.expert import extract as x

    P = x.PATTERNS.unicode
    person = rf"(?:{x._PERSON_HON}|{x._PERSON_PLAIN})"
    left_appositive = regex.compile(rf"{person}\s*,\s*(?:(?:a|an|the)\s+)?$")
    left_possessive = regex.compile(rf"(?P<org>{x._ORG_RUN})\s*$")
    left_plain = regex.compile(rf"{x._PERSON_PLAIN}$")
    right_person = regex.compile(rf"\s*,?\s+{person}")
    affiliation = regex.compile(rf"\s*,?\s+(?P<prep>at|with|from|of|for)\s+(?:the\s+)?(?P<org>{x._ORG_RUN})")
    honorific_of = regex.compile(rf"{x._PERSON_HON}\s*,?\s+(?:of|at|from)\s+(?:the\s+)?(?P<org>{x._ORG_RUN})")
    header = regex.compile(
        r"(?i:\binterview(?:\s+with|\s*:)|\bsat\s+down\s+with|\bspoke\s+with|\btalked\s+with|"
        rf"\bin\s+conversation\s+with|\bq\s*&\s*a\s+with)\s+{person}"
    )

    def span(match, group=0):
        return None if match is None else match.span(group)

    checked = 0
    extra = [
        "Dr. Prof Smith Jones Brown of the Bank said so, said Mary Ann Smith, a fellow.",
        "In an interview with the minister. We spoke with Dr. Jane Doe. Interview: Sam Lee Hu and Q & A with Li Wei.",
    ]
    for text in SAMPLE_TEXTS + extra:
        assert [(s, e, span(p), span(o)) for s, e, p, o in x._honorific_of(P, text)] == [
            (m.start(), m.end(), (m.start(), m.end("name")), m.span("org")) for m in honorific_of.finditer(text)
        ]
        assert [m.span() for m in x._header_persons(P, text)] == [
            (m.start("hon") if m.group("hon") else m.start("pname"), m.end()) for m in header.finditer(text)
        ]
        for hi in range(1, len(text)):
            lo = max(0, hi - 120)
            if text[hi - 1] == " ":
                assert span(x._left_appositive(P, text, lo, hi)) == (
                    None if (m := left_appositive.search(text, lo, hi)) is None
                    else (m.start(), m.end("name") if m.group("name") else m.end("pname"))
                )
                assert span(x._left_possessive(P, text, max(0, hi - 80), hi)) == span(
                    left_possessive.search(text, max(0, hi - 80), hi), "org"
                )
                checked += 1
            if text[hi : hi + 1] == " " and text[hi - 1] != " ":
                assert span(x._left_plain(P, text, max(0, hi - 60), hi)) == span(left_plain.search(text, max(0, hi - 60), hi))
            lead = P.person_lead.match(text, hi)
            right = x._person_at(P, text, lead.end()) if lead else None
            expected = right_person.match(text, hi)
            assert (right is None) == (expected is None) and (right is None or right.end() == expected.end())
            org = x._org_after(P, P.affiliation_lead, text, hi)
            assert span(org) == span(affiliation.match(text, hi), "org")
    assert checked > 1000


def test_literal_searches_find_what_the_trigger_patterns_find():
    import re

    from rules.expert import extract as x
    from rules.expert.lexicon import lexicon

    alternation = lexicon().role_head_alternation
    heads = re.compile(rf"(?<![a-z])(?:{alternation})\b")
    heads_any_case = re.compile(rf"\b(?:{alternation})\b", re.I)
    honorifics = re.compile(r"(?<![a-z])(?:dr|prof|professor|doctor)\b")
    hints = re.compile(r"interview|(?:sat down|spoke|talked|conversation) with|q\s*&\s*a\b")
    triggers = x._triggers_for()
    extra = "xanalyst analysts head-hunter ahead dean_ 2expert political  scientist q &  a q&a5 drs dr. prof professor1"
    for text in SAMPLE_TEXTS + [extra]:
        lower = x._lowercase(text)
        assert triggers.role_heads(lower) == [m.span() for m in heads.finditer(lower)]
        assert x.honorific_spans(lower) == [m.span() for m in honorifics.finditer(lower)]
        assert x.header_hint_spans(lower) == [m.span() for m in hints.finditer(lower)]
        for lo in range(0, len(lower), 7):
            hi = min(len(lower), lo + 60)
            found = heads_any_case.search(text, lo, hi)
            assert triggers.search_role_head(lower, lo, hi) == (found.span() if found else None)


def test_case_insensitive_patterns_on_lowered_text_and_their_required_literals():
    regex = pytest.importorskip("regex")
    from rules.expert.lexicon import lexicon
    from rules.expert.patterns import LoweredPattern, compile_pattern, required_literals

    lex = lexicon()
    sources = [*lex.interview.answer_openers, *lex.interview.interviewer_stock, *lex.interview.closers]
    sources += [lex.interview.headers, lex.experience_pattern, lex.interview.site_context.format(site="briefwire")]
    texts = [line for text in SAMPLE_TEXTS for line in text.splitlines()] + [
        "THANK YOU FOR HAVING ME. It’s been a pleasure. Stay tuned to BriefWire! With more than 20 years of expertise.",
    ]
    matched = 0
    for source in sources:
        plain = compile_pattern(source, True)
        assert isinstance(plain, LoweredPattern), source
        reference = regex.compile(source, regex.I)
        literals = required_literals(source)
        for text in texts:
            expected = [(m.span(), m.group()) for m in reference.finditer(text)]
            assert [(m.span(), m.group()) for m in plain.finditer(text)] == expected
            for _, phrase in expected:
                matched += 1
                assert literals is None or any(literal in phrase.lower() for literal in literals), (source, phrase)
    assert matched > 10
    assert required_literals(r"\bthank(?:s| you) for joining us\b") == (" for joining us",)
    assert required_literals(r"colour?s|\bwith (?:over|some) years") == ("colou", " years")
    assert required_literals(r"^(?:absolutely|certainly)\s*[.!,]") is None


def test_gazetteer_files_are_compiled_from_the_sources():
    from rules.expert.build_gazetteer import compile_files
    from rules.expert.gazetteer import DATA, KEYS_FILE, WORDS_FILE

    keys, words = compile_files()
    assert keys == (DATA / KEYS_FILE).read_bytes(), "run python -m rules.expert.build_gazetteer"
    assert words == (DATA / WORDS_FILE).read_bytes(), "run python -m rules.expert.build_gazetteer"


def test_importing_the_family_is_cheap_and_plain_articles_need_no_regex_module():
    import subprocess
    import sys

    code = (
        "import sys, lint.engine, rules.expert\n"
        "from rules.expert.lexicon import lexicon\n"
        "from rules.expert.gazetteer import gazetteer\n"
        "assert not {'regex', 'yaml'} & set(sys.modules), 'heavy module imported'\n"
        "assert lexicon.cache_info().currsize == gazetteer.cache_info().currsize == 0, 'data loaded at import'\n"
        "from tests.helpers import lint_string\n"
        "import re._compiler as compiler\n"
        "compiled, original = [], compiler.compile\n"
        "compiler.compile = lambda p, flags=0: (compiled.append(p), original(p, flags))[1]\n"
        f"found = lint_string(open({str(SEED_004)!r}, encoding='utf-8').read(), 'EXP', name='a.txt')\n"
        "assert {d.rule for d in found} == {'EXP001', 'EXP002', 'EXP003'}, found\n"
        "assert compiled == [], f'patterns compiled at run time, not shipped: {compiled}'\n"
        "assert 'regex' not in sys.modules, 'plain text used the regex module'\n"
        "assert 'unicodedata' not in sys.modules, 'common typography needed a Unicode look-up'\n"
    )
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# -- start-up fast paths: each pinned to what it replaces ------------------------------------


def test_shipped_patterns_are_compiled_from_the_sources():
    import re
    import sys

    from rules.expert import build_patterns, compiled_patterns
    from rules.expert.patterns import LoweredPattern, plain_form, shipped_pattern

    sources = build_patterns.static_sources()
    assert sorted(compiled_patterns.PROGRAMS) == sources, "run python -m rules.expert.build_patterns"
    assert len(sources) > 50
    if compiled_patterns.PYTHON != sys.version_info[:2]:
        pytest.skip("programs built for another Python: patterns are compiled at run time")
    assert build_patterns.render() == build_patterns.TARGET.read_text(encoding="utf-8"), (
        "run python -m rules.expert.build_patterns"
    )
    for source, ignorecase in sources:
        ascii_form, flags, lowered = plain_form(source, ignorecase)
        shipped = shipped_pattern(source, ignorecase)
        assert isinstance(shipped, LoweredPattern) == lowered
        pattern = shipped._pattern if lowered else shipped
        expected = re.compile(ascii_form, flags)
        assert pattern == expected  # compares the pattern, the flags and the compiled code
        assert (pattern.groups, pattern.groupindex) == (expected.groups, expected.groupindex)


def test_patterns_are_compiled_when_the_programs_are_for_another_python(monkeypatch):
    from rules.expert import compiled_patterns, patterns
    from rules.expert.extract import _PERSON_HON

    monkeypatch.setattr(patterns, "_programs", None)
    monkeypatch.setattr(compiled_patterns, "PYTHON", (2, 7))
    assert patterns.shipped_programs() == {}
    compiled = patterns.compile_pattern(_PERSON_HON)
    monkeypatch.setattr(patterns, "_programs", None)
    monkeypatch.undo()
    assert compiled == patterns.compile_pattern(_PERSON_HON)


# The site-context pattern as it was written before the phrases became a list.
_SITE_CONTEXT = (
    r"\b(?:stay tuned to|follow|subscribe to|here at|readers of|exclusive(?:ly)? (?:for|to)|only on) {site}\b"
    r"|\b{site}(?: news| readers|'s readers|’s readers| exclusive)\b"
)


def test_site_phrases_find_what_the_site_pattern_finds():
    import re

    from rules.expert.interview import _holds_phrase
    from rules.expert.lexicon import lexicon

    lex = lexicon().interview
    texts = [
        "Stay tuned to Archyde for more.", "stay tuned to archyde2", "Follow Archyde.", "unfollow archyde",
        "Archyde news: the latest", "Archyde newsroom", "Archyde’s readers said", "archyde's readers",
        "exclusively for archyde", "exclusive to Archyde_", "only on News-24!", "follow news-24", "here at O'Reilly.",
        "readers of a&b today", "follow a&bc", "Exclusive for x.y", "x.y exclusive", "follow  archyde", "",
    ]
    sites = ["Archyde", "News-24", "O'Reilly", "a&b", "x.y", "arch"]
    checked = 0
    for site in sites:
        old = re.compile(_SITE_CONTEXT.format(site=re.escape(site.lower())))
        phrases = [phrase.format(site=site.lower()) for phrase in lex.site_phrases]
        for text in texts + [" ".join(texts)]:
            lower = text.lower()
            assert _holds_phrase(lower, phrases) == bool(old.search(lower)), (site, text)
            checked += bool(old.search(lower))
    assert checked >= 10
    regex = pytest.importorskip("regex")
    for site in sites:  # the Unicode form, one pattern built from the phrases
        old = regex.compile(_SITE_CONTEXT.format(site=regex.escape(site)), regex.I)
        new = regex.compile(lex.site_context.format(site=regex.escape(site)), regex.I)
        for text in texts + ["Stay tuned to Ärchyde", "Archydé news", "Folgen Sie Archyde news"]:
            assert bool(new.search(text)) == bool(old.search(text)), (site, text)


def test_honorific_persons_are_found_where_the_literal_search_says():
    from rules.expert import extract as x

    P = x.PATTERNS.plain
    extra = "2dr Smith, DR. JONES, Professor Li, profs Ma, _dr Who, Prof.Wu and doctor Zhivago; dr. elena Ivanova"
    for text in SAMPLE_TEXTS + [extra]:
        words = [m.start() for m in P.honorific_word.finditer(text)]
        starts = x._honorific_starts(P, text)
        assert set(words) <= set(starts) and starts == sorted(starts)
        assert [m.span() for m in x._honorific_persons(P, text)] == [m.span() for m in P.person_hon.finditer(text)]


def test_common_typography_is_plain_without_a_look_up():
    from rules.expert.patterns import COMMON_PLAIN, plain_char

    assert all(plain_char(c) for c in COMMON_PLAIN)


def _read_sections_line_by_line(path: Path) -> dict[str, list[str]]:
    """The reading ``read_sections`` replaces, kept as the reference."""
    sections: dict[str, list[str]] = {}
    current = None
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                current = sections.setdefault(line[1:-1], [])
            elif current is None:
                raise ValueError(f"{path.name}: entry {line!r} before the first [section]")
            else:
                current.append(line)
    return sections


def test_read_sections_reads_as_the_line_by_line_loop(tmp_path, monkeypatch):
    from rules.expert import lexicon

    for name in ("lexicon.txt", "names.txt"):
        assert lexicon.read_sections(name) == _read_sections_line_by_line(lexicon.DATA / name)
    cases = ["", "# note\n\n", "[a]\nx\n [b] \n y\n[a]\nz\n[\n[]\n[q\n", "x\n[a]\n", "[q\n[a]\n", "[a]\r\nx\r\n \t\n#c\n[b]"]
    monkeypatch.setattr(lexicon, "DATA", tmp_path)
    for i, text in enumerate(cases):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
        results = []
        for read in (lexicon.read_sections, lambda name: _read_sections_line_by_line(tmp_path / name)):
            try:
                results.append(read(f"{i}.txt"))
            except ValueError as error:
                results.append(str(error))
        assert results[0] == results[1], text


def test_role_head_alternation_escapes_as_re_escape():
    import re

    from rules.expert.lexicon import _spaced, lexicon

    words = [*lexicon().role_heads, "political scientist", "non-resident", "a.b", "Ärzte  chef", "x\ty", "c++", "o'neil"]
    assert all(_spaced(w) == re.escape(w).replace(r"\ ", r"\s+") for w in words)
