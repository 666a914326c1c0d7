"""Error codes: each defined once, in an enum; every refusal raised with an enum member; the docs list them all."""

import ast
from collections import Counter
from pathlib import Path

import pytest

from ansinh.core.errors import Code, DomainError
from ansinh.web.errors import all_codes, markdown

ROOT = Path(__file__).resolve().parents[2]


def test_a_code_is_defined_in_one_enum_only():
    codes = all_codes()
    assert [c for c, n in Counter(codes).items() if n > 1] == []
    assert {"duplicate_receipt", "person_exists", "campaign_closed", "income_below_minimum", "not_found"} <= set(codes)


def test_the_docs_page_is_generated_from_the_enums():
    assert (ROOT.parent / "docs" / "errors.md").read_text(encoding="utf-8") == markdown()


def test_a_plain_string_is_refused_as_an_error_code():
    with pytest.raises(TypeError):
        DomainError("Sai.", code="free_text")
    assert DomainError("Sai.", code=Code.INVALID_NUMBER).as_dict() == {
        "error": {"code": "invalid_number", "message": "Sai."}}


def test_no_refusal_in_the_code_names_its_code_as_a_string():
    found = []
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts or "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                    "DomainError", "NotFound", "PermissionDenied"):
                found += [f"{path.relative_to(ROOT)}:{node.lineno}" for kw in node.keywords
                          if kw.arg == "code" and isinstance(kw.value, ast.Constant)]
    assert found == []
