"""The registry of report builders behind `ansinh report <kind> …`.

Add a kind with ONE entry in REPORT_BUILDERS (kind → dotted path of a builder object, imported lazily
so core depends on no domain app). A builder object has `help`, `add_arguments(parser)`,
`build(**options) -> dict | list` (JSON-ready) and `render_text(data) -> str` (used without --json).

An app may instead call `register(kind, builder)` from its own `builders.py` (found by autodiscovery),
with a builder object or a plain function:

- a function: `register("coverage", coverage)` where `coverage(target, options) -> dict | list` gets the
  positional TARGET and a dict of the standard options (`on`, `era`, `structure`, `source`, `user`);
  `ansinh report coverage 84 --on 2020-06-30 --json`;
- an object as above.

Builders return JSON-ready data: the same figures the pages and exports show.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules, import_string

REPORT_BUILDERS: dict[str, str] = {
    "campaign": "ansinh.campaigns.report_command.CAMPAIGN_REPORT",
    "coverage": "ansinh.reports.builders.COVERAGE_REPORT",
}

_REGISTRY: dict[str, object] = {}

STANDARD_OPTIONS = ("on", "era", "structure", "source", "user")


@dataclass(frozen=True)
class FunctionBuilder:
    """A plain function `build(target, options)` wrapped with the standard arguments."""

    function: Callable
    help: str = ""

    def add_arguments(self, parser) -> None:
        """TARGET and the standard options."""
        parser.add_argument("target", nargs="?", help="Đối tượng của báo cáo (mã đơn vị…).")
        parser.add_argument("--on", help="Ngày (yyyy-mm-dd).")
        parser.add_argument("--era", help="Cơ cấu đơn vị: pre2025 hoặc 2025.")
        parser.add_argument("--structure", help="as_of hoặc current.")
        parser.add_argument("--source", help="Nguồn số liệu.")
        parser.add_argument("--user", help="Tên đăng nhập: chỉ số liệu trong địa bàn của người này.")

    def build(self, **options):
        """Call the function with TARGET and the options."""
        target = options.pop("target", None)
        return self.function(target, {k: v for k, v in options.items() if v is not None})

    def render_text(self, data) -> str:
        """Without a text layout of its own: indented JSON."""
        return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def register(kind: str, builder=None, *, help: str = ""):  # noqa: A002 (argparse's word)
    """Register a report builder (a function or a builder object); usable as a decorator."""
    def add(obj):
        if not hasattr(obj, "add_arguments"):
            doc = (obj.__doc__ or "").strip()
            _REGISTRY[kind] = FunctionBuilder(obj, help or (doc.splitlines()[0] if doc else ""))
        else:
            _REGISTRY[kind] = obj
        return obj

    return add(builder) if builder is not None else add


@dataclass(frozen=True)
class BrokenBuilder:
    """A registered builder that could not be imported: the other kinds keep working; this one says why."""

    path: str
    error: str
    help: str = "(không nạp được)"

    def add_arguments(self, parser) -> None:
        """Accept anything."""
        parser.add_argument("rest", nargs="*")

    def build(self, **options):
        """Fail with the import error."""
        from ansinh.core.errors import DomainError

        raise DomainError(f"Không nạp được bộ dựng báo cáo {self.path}: {self.error}", code="report_unavailable")

    def render_text(self, data) -> str:
        """Never reached."""
        return ""


def report_builders() -> dict[str, object]:
    """kind → builder: the REPORT_BUILDERS entries, then what apps registered from their `builders` modules."""
    builders: dict[str, object] = {}
    for kind, path in REPORT_BUILDERS.items():
        try:
            builders[kind] = import_string(path)
        except ImportError as exc:
            builders[kind] = BrokenBuilder(path, str(exc))
    autodiscover_modules("builders")
    for kind, builder in _REGISTRY.items():
        builders.setdefault(kind, builder)
    return builders
