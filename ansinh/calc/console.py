"""Readable Vietnamese breakdowns for `ansinh calc …` without --json (rich tables)."""

from decimal import Decimal

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ansinh.calc.choices import HI_GROUP_LABELS, HI_PAYER_LABELS, SEX_LABELS, VSI_CATEGORY_LABELS, VSI_METHOD_LABELS
from ansinh.core.formats import vn_date, vn_int

STATUS_TEXT = {
    "CONFIRMED": ("đã xác nhận", "green"),
    "DERIVED": ("suy ra", "cyan"),
    "UNCONFIRMED": ("⚠ CHƯA XÁC NHẬN", "bold yellow"),
}


def vnd(amount: int | None) -> str:
    """1500000 -> '1.500.000 đ'."""
    return "—" if amount is None else f"{vn_int(amount)} đ"


def pct(value) -> str:
    """Decimal('4.5') -> '4,5%'."""
    if value is None:
        return "—"
    text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", ",") + "%"


def _status(status: str) -> Text:
    label, style = STATUS_TEXT.get(status, (status, ""))
    return Text(label, style=style)


def _lines_table(lines, title: str = "Diễn giải") -> Table:
    table = Table(title=title, show_lines=True, expand=True)
    table.add_column("Khoản", ratio=5)
    table.add_column("Số tiền", justify="right", no_wrap=True)
    table.add_column("Căn cứ pháp lý", ratio=3)
    table.add_column("Trạng thái", no_wrap=True)
    for line in lines:
        table.add_row(line.reason, vnd(line.amount), line.legal_ref, _status(line.status.value))
    return table


def _warn_unconfirmed(console: Console, result) -> None:
    if result.status.value == "UNCONFIRMED":
        console.print("[bold yellow]⚠ Có tham số CHƯA XÁC NHẬN: kiểm tra lại trước khi thu tiền.[/]")


def household_hi(console: Console, quote) -> None:
    """Print a household HI quote: members, lines with reasons and legal references, totals."""
    where = f", tỉnh {quote.province}" if quote.province else ""
    console.print(f"[bold]BHYT hộ gia đình[/] — ngày đóng {vn_date(quote.on)}, {len(quote.members)} thành viên, "
                  f"{quote.months} tháng{where}; lương cơ sở {vnd(quote.base_salary)}, "
                  f"mức đóng {pct(quote.hi_rate_pct)}")
    table = Table(title="Từng thành viên", expand=True)
    for name, justify in (("Thành viên", "left"), ("Tỷ lệ", "right"), ("Mức đóng/tháng", "right"),
                          ("Hỗ trợ/tháng", "right"), ("Phải đóng/tháng", "right"), ("Cả kỳ", "right")):
        table.add_column(name, justify=justify)
    for m in quote.members:
        who = f"Người thứ {m.rank}" if m.rank else HI_GROUP_LABELS.get(m.group, m.group)
        support = m.state_support_monthly + m.local_support_monthly + m.sponsor_support_monthly
        table.add_row(f"{m.position}. {who}", pct(m.ladder_pct), vnd(m.contribution_monthly), vnd(support),
                      vnd(m.monthly), vnd(m.total))
    console.print(table)
    console.print(_lines_table(quote.lines))
    _warn_unconfirmed(console, quote)
    console.print(f"Mỗi tháng: [bold]{vnd(quote.monthly_total)}[/] — Tổng phải đóng {quote.months} tháng: "
                  f"[bold]{vnd(quote.total)}[/]")


def voluntary_si(console: Console, quote) -> None:
    """Print a voluntary SI quote: monthly figures, lump sum and rate when paid at once, lines, total."""
    console.print(f"[bold]BHXH tự nguyện[/] — ngày đóng {vn_date(quote.on)}; thu nhập {vnd(quote.income)}; "
                  f"{VSI_CATEGORY_LABELS.get(quote.category.value, quote.category.value)}; "
                  f"{VSI_METHOD_LABELS[quote.method.value]}, {quote.months} tháng")
    table = Table(show_header=False)
    table.add_column("")
    table.add_column("", justify="right")
    rows = [("Mức đóng mỗi tháng (22% thu nhập)", vnd(quote.contribution_monthly)),
            (f"Nhà nước hỗ trợ mỗi tháng ({pct(quote.state_support_pct)})", vnd(quote.state_support_monthly)),
            ("Địa phương hỗ trợ mỗi tháng", vnd(quote.local_support_monthly)),
            ("Còn phải đóng mỗi tháng", vnd(quote.payable_monthly))]
    if quote.lump_sum is not None:
        rows.append((f"Số tiền đóng một lần trước hỗ trợ (r = {pct(quote.investment_rate_pct)}/tháng)",
                     vnd(quote.lump_sum)))
    rows.append(("Thu nhập được chọn từ … đến …", f"{vnd(quote.min_income)} – {vnd(quote.max_income)}"))
    for label, value in rows:
        table.add_row(label, value)
    console.print(table)
    console.print(_lines_table(quote.lines))
    _warn_unconfirmed(console, quote)
    console.print(f"Tổng phải đóng: [bold]{vnd(quote.total)}[/]")


def pension(console: Console, estimate, lump_sum, allowance) -> None:
    """Print a pension estimate with the lump-sum alternative and the monthly allowance."""
    console.print(f"[bold]Ước tính lương hưu[/] — {SEX_LABELS[estimate.sex.value]}, "
                  f"{vn_int(estimate.months_paid)} tháng đóng, Mbq {vnd(estimate.mbq)}, ngày {vn_date(estimate.on)}")
    if estimate.eligible:
        console.print(f"Tỷ lệ hưởng: [bold]{pct(estimate.rate_pct)}[/] — lương hưu hằng tháng: "
                      f"[bold]{vnd(estimate.monthly_amount)}[/]")
        if estimate.one_off_allowance:
            console.print(f"Trợ cấp một lần khi nghỉ hưu: {vnd(estimate.one_off_allowance)}")
    else:
        console.print("[bold]Chưa đủ điều kiện hưởng lương hưu[/]"
                      + (f" — còn thiếu {estimate.missing_months} tháng đóng." if estimate.missing_months else "."))
    console.print(_lines_table(estimate.lines))
    if lump_sum is not None:
        console.print(_lines_table(lump_sum.lines, title=f"Nếu nhận BHXH một lần: {vnd(lump_sum.total)}"))
    if allowance is not None:
        console.print(_lines_table(allowance.lines, title="Trợ cấp hằng tháng thay cho BHXH một lần"))
    _warn_unconfirmed(console, estimate)


def identifier(console: Console, result: dict) -> None:
    """Print what an identifier tells, one table per reading."""
    labels = {
        "citizen_id": ("Số định danh cá nhân / CCCD", {
            "number": "Số", "place_code": "Mã nơi đăng ký khai sinh", "province_name": "Tỉnh",
            "sex": "Giới tính", "century": "Thế kỷ", "birth_year": "Năm sinh"}),
        "si_code": ("Mã số BHXH", {"code": "Mã", "kind": "Loại"}),
        "hi_card": ("Mã thẻ BHYT", {
            "code": "Mã thẻ", "group_code": "Mã đối tượng", "group_name": "Đối tượng", "payer": "Bên đóng",
            "benefit_level": "Mức hưởng", "benefit_pct": "Tỷ lệ hưởng", "benefit_status": "Trạng thái tỷ lệ",
            "province_name": "Tỉnh cấp", "si_code": "Mã số BHXH"}),
        "phone": ("Số điện thoại di động", {"national": "Số trong nước", "e164": "Quốc tế", "carrier": "Nhà mạng"}),
    }
    kinds = {"si_code": "mã số BHXH 10 chữ số", "personal_id": "số định danh dùng làm mã số BHXH"}
    for kind in [result["kind"]] + [k for k in labels if k != result["kind"]]:
        data = result.get(kind)
        if not data:
            continue
        title, fields = labels[kind]
        table = Table(title=title + (" (cách đọc chính)" if kind == result["kind"] else ""), show_header=False)
        table.add_column("")
        table.add_column("")
        for field, label in fields.items():
            value = data.get(field)
            if field == "sex":
                value = SEX_LABELS.get(value, value)
            elif field == "benefit_pct":
                value = pct(value)
            elif field == "kind":
                value = kinds.get(value, value)
            elif field == "payer":
                value = HI_PAYER_LABELS.get(value, value)
            elif field == "benefit_status":
                value = STATUS_TEXT.get(value, (value,))[0]
            table.add_row(label, "—" if value is None else str(value))
        console.print(table)

