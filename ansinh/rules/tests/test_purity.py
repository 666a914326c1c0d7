"""The rules package stays pure: no Django, no other ansinh app, no clock, docstrings everywhere."""

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]
MODULES = sorted(p for p in PACKAGE.glob("*.py"))
ALLOWED_THIRD_PARTY = {"phonenumbers"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_imports_are_stdlib_phonenumbers_or_rules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"relative import in {path.name}"
            names = [node.module or ""]
        for name in names:
            top = name.split(".")[0]
            ok = (top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY
                  or name == "ansinh.rules" or name.startswith("ansinh.rules."))
            assert ok, f"{path.name} imports {name}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_clock_and_docstrings(path):
    source = path.read_text(encoding="utf-8")
    for forbidden in ("date.today", "datetime.now", "datetime.utcnow", "time.time(", "os.environ"):
        assert forbidden not in source, f"{path.name} uses {forbidden}"
    tree = ast.parse(source)
    assert ast.get_docstring(tree), f"{path.name} has no module docstring"
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and not node.name.startswith("_"):
            assert ast.get_docstring(node), f"{path.name}:{node.name} has no docstring"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_modules_stay_small(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) < 800


def test_public_api_names():
    import ansinh.rules as rules

    for name in ("RULES_VERSION", "RuleError", "Quote", "QuoteLine", "Parameters", "ParamRow", "load_parameters",
                 "HouseholdMember", "HouseholdHIInput", "household_hi_quote", "VoluntarySIInput",
                 "voluntary_si_quote", "VSICategory", "hi_card_validity", "five_year_date", "PensionInput",
                 "pension_estimate", "lump_sum_withdrawal_estimate", "decode_citizen_id", "check_si_code",
                 "decode_hi_card", "normalize_phone", "param_value"):
        assert hasattr(rules, name), name
    assert set(rules.__all__) <= set(dir(rules))
    assert [c.value for c in rules.VSICategory] == ["poor", "near_poor", "ethnic_minority", "island", "other"]
