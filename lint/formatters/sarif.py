"""SARIF 2.1.0 for code-scanning dashboards."""

from __future__ import annotations

import json
from pathlib import PurePath
from urllib.parse import quote

from lint import __version__
from lint.baseline import fingerprint
from lint.formatters.base import Formatter
from lint.model import Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(path: str) -> str:
    """A relative URI reference: forward slashes, every unsafe byte percent-encoded."""
    posix = PurePath(path).as_posix()
    raw = posix.encode("utf-8", "surrogateescape")
    return quote(raw, safe="/-._~")


def _region(item: dict) -> dict:
    return {
        "startLine": item["line"],
        "startColumn": item["column"],
        "endLine": item["end_line"],
        "endColumn": max(item["end_column"], item["column"]),
    }


class SarifFormatter(Formatter):
    name = "sarif"
    surrogates = "backslashreplace"

    def render(self, report: Report) -> str:
        used = sorted({d.rule for d in report.diagnostics})
        index = {code: i for i, code in enumerate(used)}
        rules = []
        for code in used:
            rule = self.catalogue.get(code)
            if rule is None:
                rules.append({"id": code})
                continue
            doc = rule.doc() or rule.summary
            rules.append({
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary or rule.name},
                "fullDescription": {"text": doc},
                "help": {"text": doc},
                "defaultConfiguration": {"level": _LEVEL[str(rule.severity)]},
                "properties": {"category": rule.category, "tags": [rule.category]},
            })
        results = []
        for d in report.diagnostics:
            item = d.to_dict()
            result = {
                "ruleId": d.rule,
                "ruleIndex": index[d.rule],
                "level": _LEVEL[str(d.severity)],
                "message": {"text": d.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(d.path)},
                        "region": _region(item),
                    }
                }],
                "partialFingerprints": {"newslint/matchedText/v1": fingerprint(d)},
            }
            if d.related:
                result["relatedLocations"] = [
                    {
                        "id": i,
                        "message": {"text": rel["message"]},
                        "physicalLocation": {
                            "artifactLocation": {"uri": artifact_uri(rel["path"])},
                            "region": _region(rel),
                        },
                    }
                    for i, rel in enumerate(d.related)
                ]
            if d.fix is not None:
                result["fixes"] = [{
                    "description": {"text": f"replace with {d.fix['replacement']!r}"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": artifact_uri(d.path)},
                        "replacements": [{
                            "deletedRegion": _region(item),
                            "insertedContent": {"text": d.fix["replacement"]},
                        }],
                    }],
                }]
            results.append(result)
        document = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "newslint",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
