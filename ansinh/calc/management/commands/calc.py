"""`ansinh calc …`: the calculator on the command line (household HI, voluntary SI, pension, identifiers).

    ansinh calc household-hi --on 2024-09-01 --members 3 --months 12 --json
    ansinh calc voluntary-si --on 2026-03-01 --income 1500000 --category near_poor --months 1 --json
    ansinh calc pension --sex F --years 20 --average-income 3000000 --on 2026-01-01 --json
    ansinh calc id 079305001234 --json

With --json the result is the same JSON as the API. A refused calculation exits with status 1, writes
the Vietnamese message on stderr and, with --json, `{"error": {"code", "message", "field"}}` on stdout.
"""

import argparse
import datetime as dt
import json
import sys
from decimal import Decimal, InvalidOperation

from django.core.management.base import BaseCommand
from django.utils import timezone
from rich.console import Console

from ansinh.calc import console as render
from ansinh.calc import quotes
from ansinh.calc.api import serializers as out
from ansinh.calc.choices import IdKind
from ansinh.calc.params import current_parameters_or_shipped
from ansinh.core.cells import CellError, parse_date
from ansinh.core.errors import DomainError
from ansinh.rules import RuleError

EXIT_REFUSED = 1


def _date(text: str) -> dt.date:
    try:
        return parse_date(text, "Ngày")
    except CellError as exc:
        raise argparse.ArgumentTypeError(f"ngày '{text}' không hợp lệ (dạng YYYY-MM-DD, ví dụ 2024-09-01)") from exc


def _int(text: str) -> int:
    try:
        return int(text.replace(".", "").replace("_", "").replace(" ", ""))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{text}' không phải là số nguyên") from exc


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation as exc:
        raise argparse.ArgumentTypeError(f"'{text}' không phải là số") from exc


class Command(BaseCommand):
    """Quote household HI, voluntary SI, a pension, or decode an identifier, with the current parameters."""

    help = "Tính mức đóng BHYT hộ gia đình, BHXH tự nguyện, ước tính lương hưu, giải mã số định danh."

    def add_arguments(self, parser):
        common = argparse.ArgumentParser(add_help=False)
        common.add_argument("--json", action="store_true", help="In kết quả dạng JSON (giống API).")
        sub = parser.add_subparsers(dest="what", required=True, metavar="{household-hi,voluntary-si,pension,id}")

        hh = sub.add_parser("household-hi", parents=[common], help="BHYT hộ gia đình.")
        hh.add_argument("--on", type=_date, help="Ngày đóng tiền (YYYY-MM-DD); mặc định hôm nay.")
        hh.add_argument("--members", type=_int, help="Số thành viên tham gia.")
        hh.add_argument("--months", type=_int, default=12, help="Số tháng đóng: 3, 6 hoặc 12 (mặc định 12).")
        hh.add_argument("--province", help="Mã tỉnh GSO 2 chữ số, để tính hỗ trợ của địa phương.")
        hh.add_argument("--groups", help="Nhóm của từng thành viên, phân cách bằng dấu phẩy: "
                                         "household,near_poor,student…")
        hh.add_argument("--local-groups", help="Nhóm hỗ trợ riêng của tỉnh cho từng thành viên, cùng thứ tự "
                                               "(nhiều nhóm của một người nối bằng +).")
        hh.add_argument("--ages", help="Tuổi của từng thành viên vào ngày đóng, cùng thứ tự (cho mức hỗ trợ của "
                                       "tỉnh theo độ tuổi).")

        vsi = sub.add_parser("voluntary-si", parents=[common], help="BHXH tự nguyện.")
        vsi.add_argument("--on", type=_date, help="Ngày đóng tiền (YYYY-MM-DD); mặc định hôm nay.")
        vsi.add_argument("--income", type=_int, required=True, help="Mức thu nhập tháng (đồng).")
        vsi.add_argument("--category", default="other",
                         help="poor, near_poor, ethnic_minority, island, other (nhiều nhóm: phân cách bằng dấu phẩy).")
        vsi.add_argument("--method", default="regular", help="regular (định kỳ), advance (đóng trước), "
                                                             "missing (đóng bù).")
        vsi.add_argument("--months", type=_int, default=1, help="Số tháng (định kỳ 1/3/6/12; một lần đến 60).")
        vsi.add_argument("--province", help="Mã tỉnh GSO 2 chữ số, để tính hỗ trợ của địa phương.")
        vsi.add_argument("--support-months-used", type=_int, default=0,
                         help="Số tháng đã được Nhà nước hỗ trợ trước đây.")
        vsi.add_argument("--rate", type=_decimal, help="Lãi suất đầu tư tháng (%%) thay cho bảng tham số.")

        pen = sub.add_parser("pension", parents=[common], help="Ước tính lương hưu, BHXH một lần.")
        pen.add_argument("--on", type=_date, help="Ngày nghỉ hưu / ngày tính; mặc định hôm nay.")
        pen.add_argument("--sex", required=True, help="F (nữ) hoặc M (nam).")
        pen.add_argument("--years", type=_int, required=True, help="Số năm đã đóng.")
        pen.add_argument("--months", type=_int, default=0, help="Số tháng lẻ (0–11).")
        pen.add_argument("--average-income", type=_int, required=True, help="Mbq: bình quân thu nhập tháng (đồng).")
        pen.add_argument("--birth-date", type=_date, help="Ngày sinh, để kiểm tra tuổi nghỉ hưu.")
        pen.add_argument("--joined-before-2021", action="store_true", help="Tham gia trước 1/1/2021.")
        pen.add_argument("--months-before-2014", type=_int, default=0, help="Số tháng đóng trước 2014.")
        pen.add_argument("--state-support-received", type=_int, default=0,
                         help="Số tiền Nhà nước đã hỗ trợ đóng (đồng).")

        ident = sub.add_parser("id", parents=[common], help="Giải mã số định danh, mã BHXH, mã thẻ BHYT, số ĐT.")
        ident.add_argument("value", help="Số/mã cần giải mã.")
        ident.add_argument("--kind", choices=IdKind.values, default=IdKind.AUTO, help="Loại mã (mặc định tự nhận).")
        ident.add_argument("--birth-date", type=_date, help="Ngày sinh để đối chiếu với số định danh.")
        ident.add_argument("--sex", help="Giới tính để đối chiếu (F/M).")
        ident.add_argument("--on", type=_date, help="Ngày áp dụng bảng mức hưởng thẻ BHYT; mặc định hôm nay.")

    def handle(self, *args, **options):
        today = timezone.localdate()
        as_json = options["json"]
        params, warning = current_parameters_or_shipped()
        if warning:
            self.stderr.write(warning)
        on = options.get("on") or today
        what = options["what"]
        try:
            if what == "household-hi":
                quote = quotes.household_hi(on=on, members=options["members"], groups=options["groups"],
                                            local_groups=options["local_groups"], ages=options["ages"],
                                            months=options["months"],
                                            province=options["province"], params=params)
                self._emit(as_json, out.household_hi_output(quote), render.household_hi, quote)
            elif what == "voluntary-si":
                quote = quotes.voluntary_si(on=on, income=options["income"], category=options["category"],
                                            method=options["method"], months=options["months"],
                                            province=options["province"],
                                            support_months_used=options["support_months_used"],
                                            rate=options["rate"], params=params)
                self._emit(as_json, out.voluntary_si_output(quote), render.voluntary_si, quote)
            elif what == "pension":
                results = quotes.pension(on=on, sex=options["sex"], years=options["years"], months=options["months"],
                                         average_income=options["average_income"],
                                         birth_date=options["birth_date"],
                                         joined_before_2021=options["joined_before_2021"],
                                         months_before_2014=options["months_before_2014"],
                                         state_support_received=options["state_support_received"], params=params)
                self._emit(as_json, out.pension_output(*results), render.pension, *results)
            else:
                result = quotes.identify(options["value"], kind=options["kind"], birth_date=options["birth_date"],
                                         sex=options["sex"], on=on, params=params)
                self._emit(as_json, out.identifier_output(result), render.identifier, result)
        except (RuleError, DomainError) as exc:
            body = quotes.error_body(exc)
            self.stderr.write(f"Lỗi [{body['code']}]: {body['message']}")
            if as_json:
                self.stdout.write(json.dumps({"error": body}, ensure_ascii=False))
            sys.exit(EXIT_REFUSED)

    def _emit(self, as_json: bool, data: dict, printer, *results) -> None:
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        stream = self.stdout._out
        printer(Console(file=stream, width=max(100, Console(file=stream).width), highlight=False,
                        soft_wrap=False), *results)
