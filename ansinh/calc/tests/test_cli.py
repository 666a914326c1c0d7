"""`ansinh calc …`: the issue's examples with exact figures, readable output, and refused input."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[int, str, str]:
    """Run the command in-process; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("calc", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def run_json(*args: str) -> dict:
    code, out, err = run(*args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_household_hi_three_members_twelve_months_on_1_9_2024():
    body = run_json("household-hi", "--on", "2024-09-01", "--members", "3", "--months", "12")
    assert body["monthly_total"] == 242_190
    assert body["total"] == 2_906_280
    assert [(m["rank"], m["monthly"], m["total"]) for m in body["members"]] == [
        (1, 105_300, 1_263_600), (2, 73_710, 884_520), (3, 63_180, 758_160)]
    assert [line["amount"] for line in body["lines"]] == [1_263_600, 884_520, 758_160]
    assert body["lines"][0]["legal_ref"] == "Nghị định 73/2024/NĐ-CP; Nghị định 146/2018/NĐ-CP Điều 7"
    assert body["status"] == "CONFIRMED"


def test_household_hi_with_member_groups_and_province():
    body = run_json("household-hi", "--on", "2024-09-01", "--groups", "household,near_poor,household",
                    "--months", "12", "--province", "68")
    assert [(m["rank"], m["group"], m["monthly"]) for m in body["members"]] == [
        (1, None, 105_300), (None, "near_poor", 0), (2, None, 73_710)]
    assert body["state_support_total"] == 884_520
    assert body["local_support_total"] == 379_080
    assert body["total"] == 2_148_120


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(("--method", "regular", "--months", "1"),
                     {"contribution_monthly": 330_000, "state_support_monthly": 132_000, "local_support_monthly": 0,
                      "payable_monthly": 198_000, "total": 198_000, "lump_sum": None}, id="regular-1-month"),
        pytest.param(("--method", "advance", "--months", "60"),
                     {"lump_sum": 18_098_148, "investment_rate_pct": 0.31, "state_support_total": 7_920_000,
                      "total": 10_178_148, "status": "UNCONFIRMED"}, id="advance-60-months"),
        pytest.param(("--method", "missing", "--months", "36"),
                     {"lump_sum": 12_586_622, "investment_rate_pct": 0.31, "state_support_total": 0,
                      "total": 12_586_622}, id="missing-36-months"),
        pytest.param(("--method", "advance", "--months", "12", "--rate", "0"),
                     {"lump_sum": 3_960_000, "investment_rate_pct": 0, "total": 2_376_000}, id="advance-rate-override"),
    ],
)
def test_voluntary_si_near_poor_on_1_3_2026(args, expected):
    body = run_json("voluntary-si", "--on", "2026-03-01", "--income", "1500000", "--category", "near_poor", *args)
    assert {key: body[key] for key in expected} == expected


def test_pension_woman_20_years():
    body = run_json("pension", "--sex", "F", "--years", "20", "--average-income", "3000000", "--on", "2026-01-01")
    assert (body["rate_percent"], body["monthly"], body["eligible"]) == (55, 1_650_000, True)
    assert body["lump_sum"]["total"] == 120_000_000
    assert body["monthly_allowance"] is None


def test_pension_not_eligible_gets_missing_months_and_allowance():
    body = run_json("pension", "--sex", "M", "--years", "12", "--average-income", "3000000", "--on", "2026-01-01")
    assert (body["eligible"], body["monthly"], body["missing_months"]) == (False, 0, 36)
    assert body["monthly_allowance"]["full_months"] == 144


@pytest.mark.parametrize(
    ("value", "kind", "check"),
    [
        pytest.param("079305001234", "citizen_id",
                     {"citizen_id": {"number": "079305001234", "place_code": "079", "province_code": "79",
                                     "province_name": "Thành phố Hồ Chí Minh", "sex": "female", "century": 21,
                                     "birth_year": 2005}}, id="citizen-id"),
        pytest.param("GD4841234567890", "hi_card",
                     {"hi_card": {"code": "GD4841234567890", "group_code": "GD",
                                  "group_name": "Người tham gia BHYT theo hộ gia đình", "payer": "household",
                                  "benefit_level": 4, "benefit_pct": 80, "benefit_status": "CONFIRMED",
                                  "province_code": "84", "province_name": "Tỉnh Trà Vinh", "si_code": "1234567890"}},
                     id="hi-card"),
        pytest.param("0912 345 678", "phone",
                     {"phone": {"national": "0912345678", "e164": "+84912345678", "carrier": "Vinaphone"}},
                     id="phone"),
        pytest.param("8412345678", "si_code", {"si_code": {"code": "8412345678", "kind": "si_code"}},
                     id="legacy-si-code"),
    ],
)
def test_id_decodes(value, kind, check):
    body = run_json("id", value)
    assert body["kind"] == kind
    assert {key: body[key] for key in check} == check


@pytest.mark.parametrize(
    ("args", "code", "field"),
    [
        pytest.param(("voluntary-si", "--on", "2026-03-01", "--income", "1000000"), "income_below_minimum", "income",
                     id="income-under-minimum"),
        pytest.param(("household-hi", "--on", "2024-09-01", "--members", "3", "--months", "7"),
                     "invalid_period_months", "months", id="household-7-months"),
        pytest.param(("id", "079305001234", "--birth-date", "1905-03-01"), "citizen_id_birth_year_mismatch",
                     "citizen_id", id="id-century-mismatch"),
        pytest.param(("household-hi", "--on", "2010-01-01", "--members", "1"), "parameter_not_found",
                     "base_salary", id="before-the-tables"),
        pytest.param(("household-hi", "--on", "2024-09-01", "--members", "2", "--groups", "x,y,z"),
                     "members_mismatch", "groups", id="more-groups-than-members"),
    ],
)
def test_refused_input_exits_non_zero_with_the_code(args, code, field):
    status, out, err = run(*args, "--json")
    assert status == 1
    body = json.loads(out)["error"]
    assert (body["code"], body["field"]) == (code, field)
    assert err.startswith(f"Lỗi [{code}]: ")
    assert body["message"] in err


def test_income_below_minimum_message_names_the_minimum():
    status, out, err = run("voluntary-si", "--on", "2026-03-01", "--income", "1000000")
    assert status == 1
    assert out == ""
    assert err.strip() == ("Lỗi [income_below_minimum]: Mức thu nhập 1.000.000 đ thấp hơn mức tối thiểu 1.500.000 đ "
                           "(chuẩn hộ nghèo khu vực nông thôn) áp dụng ngày 1/3/2026.")


def test_readable_household_breakdown_in_vietnamese():
    status, out, _ = run("household-hi", "--on", "2024-09-01", "--members", "3", "--months", "12")
    assert status == 0
    assert "Từng thành viên" in out
    assert "2. Người thứ 2" in out
    assert "884.520 đ" in out
    assert "Mỗi tháng: 242.190 đ — Tổng phải đóng 12 tháng: 2.906.280 đ" in out


def test_readable_vsi_marks_unconfirmed_rate():
    status, out, _ = run("voluntary-si", "--on", "2026-03-01", "--income", "1500000", "--category", "near_poor",
                         "--method", "advance", "--months", "60")
    assert status == 0
    assert "CHƯA XÁC NHẬN" in out
    assert "Tổng phải đóng: 10.178.148 đ" in out


def test_readable_id_breakdown():
    status, out, _ = run("id", "GD4841234567890")
    assert status == 0
    assert "Người tham gia BHYT theo hộ gia đình" in out
    assert "Tỉnh Trà Vinh" in out


def test_the_ansinh_console_command_exits_1_on_refused_input(tmp_path: Path):
    """The real entry point, as a person runs it (no migrated database: shipped tables and a warning)."""
    ansinh = Path(sys.executable).with_name("ansinh")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "DEBUG": "1"}
    done = subprocess.run([str(ansinh), "calc", "household-hi", "--on", "2024-09-01", "--members", "3",
                           "--months", "7", "--json"], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 1
    assert json.loads(done.stdout)["error"]["code"] == "invalid_period_months"
    assert "Lỗi [invalid_period_months]" in done.stderr
    assert "bảng tham số phát hành kèm phần mềm" in done.stderr
