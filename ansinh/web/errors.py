"""Every error code of the API, from every error-code enum, and the page of the docs that lists them."""

from ansinh.calc.errors import CalcError
from ansinh.campaigns.errors import CampaignError
from ansinh.core.errors import Code
from ansinh.enrollment.errors import EnrollmentError
from ansinh.geo.errors import GeoError
from ansinh.network.errors import NetworkError
from ansinh.plans.errors import PlanError
from ansinh.registry.errors import RegistryError
from ansinh.reports.errors import ReportError
from ansinh.rules.errors import ErrorCode

ERROR_ENUMS = [
    ("API and codes several apps share (`ansinh.core.errors.Code`)", Code),
    ("Rules engine (`ansinh.rules.errors.ErrorCode`)", ErrorCode),
    ("Administrative units (`ansinh.geo.errors.GeoError`)", GeoError),
    ("Calculator and parameter rows (`ansinh.calc.errors.CalcError`)", CalcError),
    ("Field network: staff and collection points (`ansinh.network.errors.NetworkError`)", NetworkError),
    ("Registry: people and households (`ansinh.registry.errors.RegistryError`)", RegistryError),
    ("Enrollment and payments (`ansinh.enrollment.errors.EnrollmentError`)", EnrollmentError),
    ("Campaigns (`ansinh.campaigns.errors.CampaignError`)", CampaignError),
    ("Plans and reported figures (`ansinh.plans.errors.PlanError`)", PlanError),
    ("Reports (`ansinh.reports.errors.ReportError`)", ReportError),
]


def all_codes() -> list[str]:
    """Every code of every enum, in the order of the docs (a code stands in one enum only)."""
    return [member.value for _title, enum in ERROR_ENUMS for member in enum]


def markdown() -> str:
    """docs/errors.md: one table per enum, `code` and what it means."""
    out = ["# Error codes", "",
           'Every refusal of the API has the body `{"error": {"code": "…", "message": "…", "field": "…"}}`:',
           "the `code` is one of those below and never changes; the `message` is Vietnamese text for people",
           "(pages show the same message). Each code is defined once, in the enum of the app that refuses;",
           "this page is generated from the enums (`ansinh error-codes > docs/errors.md`) and a test keeps",
           "it in step.", ""]
    for title, enum in ERROR_ENUMS:
        members = list(enum)
        out += [f"## {title}", ""]
        if not members:
            out += ["(none of its own yet: it uses the shared codes)", ""]
            continue
        out += ["| code | meaning |", "| --- | --- |"]
        out += [f"| `{m.value}` | {m.description} |" for m in members]
        out.append("")
    return "\n".join(out)
