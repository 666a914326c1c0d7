"""Bank statements: the transfers a collection point's account received, matched to what they pay for.

Every VietQR code ansinh draws (payment_codes) carries a reference — ASH<household>T<mmyy> for a household's
12-month HI renewal, ASV<enrollment>T<mmyy> for a voluntary-SI period — that the bank keeps in the transfer's
description. `ansinh import bank-statement FILE --point BD-TV-01` (or the page /registry/bank/) reads the
statement the bank exports (CSV or Excel; the columns of Vietcombank, VietinBank, BIDV, Agribank, Techcombank,
MB and others are recognised by their titles, docs/bank-statements.md) and, for each credit whose description
holds a reference, records the payment as if it had been collected at the point's counter: a receipt numbered
CK-<the bank's transaction number>, the contributions and the cards, through the same services.

A credit is recorded only when its amount is what is due on the day of the transfer (the household's 12-month
renewal after every support, the enrollment's next period); otherwise it is refused with the reason and kept for
the officer (`BankTransfer`, status refused) and in the error file. Debits, fees and credits without a
reference are not ansinh's: counted as skipped. Re-importing the statement (or one that overlaps it) changes
nothing: a transfer is keyed on the point and the bank's transaction number.
"""

import argparse
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path

from django.db import transaction

from ansinh.core import jobs
from ansinh.core.cells import is_blank, parse_date, text
from ansinh.core.changelog import log_change
from ansinh.core.errors import Code, DomainError
from ansinh.core.formats import vn_date, vn_int
from ansinh.core.importing import (
    ErrorFile,
    RowCounts,
    error_file_path,
    file_sha256,
    find_header,
    importer,
    numbered_rows,
    open_table,
    read_guarded,
    record_run,
    refuse_row,
    row_reason,
    run_command,
)
from ansinh.core.models import ImportRun
from ansinh.core.scoping import Action, require
from ansinh.core.text import fold
from ansinh.enrollment import quotes, services
from ansinh.enrollment.choices import METHOD_MONTHS, EnrollmentStatus, PaymentMethod, Scheme, TransferStatus
from ansinh.enrollment.errors import EnrollmentError
from ansinh.enrollment.models import BankTransfer, Enrollment, Receipt
from ansinh.network.models import CollectionPoint
from ansinh.registry.models import Household

# ASH<household>T<mmyy> / ASV<enrollment>T<mmyy>, as the banks pass it on: standing alone (not the end of a word such
# as CASH or GAS), with spaces, dots or dashes a bank may put inside it; the four digits end it.
_SEP = r"[\s.\-]*"
REFERENCE = re.compile(rf"(?<![A-Z0-9])A{_SEP}S{_SEP}([HV]){_SEP}((?:\d{_SEP}){{1,10}}?)T{_SEP}(\d{_SEP}\d){_SEP}"
                       rf"(\d{_SEP}\d)(?![\d])")
COLUMNS = {
    "day": {"ngay giao dich", "ngay gd", "ngay hieu luc", "ngay hach toan", "ngay", "ngay thuc hien",
            "thoi gian giao dich", "thoi gian", "transaction date", "posting date", "value date", "date",
            "ngay giao dich/transaction date", "ngay gd/txn date"},
    "credit": {"so tien ghi co", "ghi co", "co", "phat sinh co", "so tien co", "so tien vao", "tien vao", "credit",
               "credit amount", "so tien ghi co/credit", "co/credit", "ps co"},
    "debit": {"so tien ghi no", "ghi no", "no", "phat sinh no", "so tien no", "so tien ra", "tien ra", "debit",
              "debit amount", "so tien ghi no/debit", "no/debit", "ps no"},
    "amount": {"so tien", "so tien giao dich", "amount", "transaction amount"},
    "description": {"noi dung", "noi dung giao dich", "noi dung chi tiet", "mo ta", "mo ta giao dich", "dien giai",
                    "chi tiet giao dich", "description", "details", "transaction details", "remark", "remarks",
                    "noi dung/description", "dien giai/description"},
    "bank_reference": {"so tham chieu", "so giao dich", "ma giao dich", "so but toan", "so ct", "so chung tu",
                       "ma gd", "so gd", "reference", "reference no", "ref no", "transaction id", "txn id",
                       "so tham chieu/reference", "so but toan/transaction no", "transaction no"},
}
COLUMNS = {name: {fold(alias) for alias in aliases} for name, aliases in COLUMNS.items()}  # as titles are read
REQUIRED = ("day", "description")
LABELS = {"day": "Ngày giao dịch", "credit": "Số tiền ghi có", "debit": "Số tiền ghi nợ", "amount": "Số tiền",
          "description": "Nội dung", "bank_reference": "Số tham chiếu", "reference": "Nội dung",
          "amount_paid": "Số tiền ghi có"}
HEADER_SEARCH_ROWS = 30  # a statement starts with the bank's and the account's block
BATCH_SIZE = 500


@dataclass(frozen=True)
class Credit:
    """One credit of a statement carrying an ansinh reference."""

    line: int
    day: dt.date
    amount: int
    description: str
    bank_reference: str
    reference: str
    kind: str  # "H" (household HI) or "V" (voluntary SI)
    target: int


@dataclass
class Counts(RowCounts):
    """What one run did."""

    recorded: int = 0
    skipped: int = 0
    amount: int = 0


@dataclass(frozen=True)
class Reference:
    """A payment reference found in a description: its kind (H or V), the record's id, and its canonical text."""

    kind: str
    target: int
    text: str


def find_reference(description: str) -> Reference | None:
    """The ASH…/ASV… reference in a transfer's description ('CK ASH12T1226 THACH VAN SON', 'ash12t1226',
    'ASH12-T1226', 'ASH 12 T 12 26'); None without one, or for letters that end a word ('CASH12T1226')."""
    found = REFERENCE.search(description.upper())
    if found is None:
        return None
    digits = [re.sub(r"\D", "", group) for group in found.groups()[1:]]
    if not 1 <= int(digits[1]) <= 12:
        return None
    return Reference(kind=found.group(1), target=int(digits[0]), text=f"AS{found.group(1)}{digits[0]}T{digits[1]}"
                                                                        f"{digits[2]}")


_AMOUNT = re.compile(r"(-?)(\d+|\d{1,3}(?:([.,])\d{3})+)(?:[.,](\d{1,2}))?")


def _money(value, label: str) -> int:
    """An amount of a statement in đồng: 3142260, '3.142.260', '264.000', '3,142,260.00', '264.000,00', '+3.142.260
    VND' (0 for a blank cell; a negative one is a debit). Dots or commas in threes are thousands; one or two digits
    after the last are decimals, which must be zero."""
    if is_blank(value):
        return 0
    if isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not value.is_integer():
            raise DomainError(f"'{value}' không phải số tiền đồng.", code=Code.INVALID_NUMBER, field=label)
        return int(value)
    raw = re.sub(r"\s|VND|VNĐ|đ|\+", "", text(value), flags=re.IGNORECASE)
    found = _AMOUNT.fullmatch(raw)
    if found is None or (found.group(4) and int(found.group(4))) or (
            found.group(3) and raw[len(found.group(1)) + len(found.group(2)):][:1] == found.group(3)):
        raise DomainError(f"'{text(value)}' không phải số tiền đồng.", code=Code.INVALID_NUMBER, field=label)
    amount = int(re.sub(r"\D", "", found.group(2)))
    return -amount if found.group(1) else amount


def _day(value) -> dt.date | None:
    """The day of a transfer: a date, '02/12/2026', '02/12/2026 10:15:32', '2026-12-02T10:15' or '02/12/26'."""
    if isinstance(value, str):
        value = value.strip().split(" ")[0].split("T")[0] if value.strip() else value
    day = parse_date(value, "Ngày giao dịch", field="day")
    return day.replace(year=2000 + day.year) if day is not None and day.year < 100 else day


def read_credit(line: int, values: list, columns: dict[str, int]) -> Credit | str:
    """One row: a Credit, or why it is not ansinh's ("debit", "no-reference", "not-a-transaction")."""
    def cell(name):
        index = columns.get(name)
        return values[index] if index is not None and index < len(values) else ""

    if is_blank(cell("day")):
        return "not-a-transaction"  # the opening balance, a total, the footer
    day = _day(cell("day"))
    if "credit" in columns:
        amount = _money(cell("credit"), "credit")
    else:
        amount = _money(cell("amount"), "amount")
    if amount <= 0:
        return "debit"
    description = " ".join(text(cell("description")).split())
    found = find_reference(description)
    if found is None:
        return "no-reference"
    bank_reference = " ".join(text(cell("bank_reference")).split())
    if not bank_reference:  # no transaction number: the day, the amount and the description identify it
        digest = hashlib.sha256(f"{day}|{amount}|{description}".encode()).hexdigest()[:16]
        bank_reference = f"H{digest}"
    return Credit(line=line, day=day, amount=amount, description=description[:300],
                  bank_reference=bank_reference[:60], reference=found.text, kind=found.kind, target=found.target)


class StatementImport:
    """One run over a statement: the point, the user, the counts."""

    def __init__(self, *, user, point: CollectionPoint):
        self.user = user
        self.point = point
        self.counts = Counts()

    def receipt_number(self, credit: Credit) -> str:
        """CK-<the bank's number>, or CK-<16 hex of it> when that would not fit the receipt's 30 characters."""
        number = f"CK-{credit.bank_reference}"
        max_length = Receipt._meta.get_field("number").max_length
        return number if len(number) <= max_length else f"CK-{hashlib.sha256(number.encode()).hexdigest()[:16]}"

    def _due(self, credit: Credit):
        """What the reference pays for and what it costs on the transfer's day: (record, amount, what)."""
        payment = services.Payment(receipt_number=self.receipt_number(credit), paid_on=credit.day,
                                   collection_point=self.point)
        if credit.kind == "H":
            household = Household.objects.restrict(self.user, Action.RENEW).filter(pk=credit.target).first()
            if household is None:
                raise DomainError(f"Mã {credit.reference}: không có hộ {credit.target} trong địa bàn của bạn.",
                                  code=EnrollmentError.TRANSFER_UNKNOWN_REFERENCE, field="reference")
            due = quotes.household_renewal_due([household], on=credit.day).get(household.pk)
            return (partial(services.household_renew, user=self.user, household=household, months=12,
                            payment=payment), due, f"cả hộ {household.code} đóng 12 tháng")
        enrollment = (Enrollment.objects.restrict(self.user, Action.RENEW).select_related("person")
                      .filter(pk=credit.target, scheme=Scheme.VOLUNTARY_SI).first())
        if enrollment is None or enrollment.status != EnrollmentStatus.ACTIVE:
            raise DomainError(f"Mã {credit.reference}: không có người đang tham gia BHXH tự nguyện số {credit.target} "
                              "trong địa bàn của bạn.", code=EnrollmentError.TRANSFER_UNKNOWN_REFERENCE,
                              field="reference")
        method = enrollment.payment_method if enrollment.payment_method in METHOD_MONTHS else PaymentMethod.MONTHLY
        months = METHOD_MONTHS[method]
        due = quotes.renewal_quote(enrollment=enrollment, months=months, on=credit.day).amount
        return (partial(services.contribution_record, user=self.user, enrollment=enrollment, months=months,
                        payment=payment), due, f"{enrollment.person.full_name} đóng {months} tháng")

    def credit(self, credit: Credit) -> str:
        """Record one credit (its own savepoint): "recorded" or "unchanged", or DomainError (refused, kept)."""
        transfer = BankTransfer.objects.filter(collection_point=self.point,
                                               bank_reference=credit.bank_reference).first()
        if transfer is not None and transfer.status == TransferStatus.RECORDED:
            return "unchanged"
        transfer = transfer or BankTransfer(collection_point=self.point, bank_reference=credit.bank_reference,
                                            commune=self.point.unit, province_code=self.point.province_code,
                                            created_by=self.user)
        transfer.transferred_on, transfer.amount = credit.day, credit.amount
        transfer.description, transfer.reference = credit.description, credit.reference
        try:
            with transaction.atomic():
                if Receipt.objects.filter(collection_point=self.point, number=self.receipt_number(credit)).exists():
                    raise DomainError(f"Biên lai số {self.receipt_number(credit)} đã có ở {self.point.name} mà không "
                                      "từ khoản chuyển này.", code=EnrollmentError.DUPLICATE_RECEIPT,
                                      field="bank_reference")
                earlier = (BankTransfer.objects.filter(collection_point=self.point, reference=credit.reference,
                                                       status=TransferStatus.RECORDED)
                           .exclude(bank_reference=credit.bank_reference).first())
                if earlier is not None:
                    raise DomainError(f"Mã {credit.reference} đã được ghi nhận với giao dịch {earlier.bank_reference} "
                                      f"ngày {vn_date(earlier.transferred_on)}: khoản này có thể chuyển trùng, cần cán "
                                      "bộ xem.", code=EnrollmentError.TRANSFER_DUPLICATE_REFERENCE,
                                      field="reference")
                record, due, what = self._due(credit)
                if due is None:
                    raise DomainError(f"Mã {credit.reference}: hộ không còn thành viên nào gia hạn được.",
                                      code=EnrollmentError.TRANSFER_UNKNOWN_REFERENCE, field="reference")
                if credit.amount != due:
                    raise DomainError(f"Số tiền chuyển {vn_int(credit.amount)} đ khác số {what} ngày "
                                      f"{vn_date(credit.day)}: {vn_int(due)} đ.",
                                      code=EnrollmentError.TRANSFER_AMOUNT_MISMATCH, field="amount_paid")
                written = record()
                contributions = written if isinstance(written, list) else [written]
                transfer.status, transfer.reason = TransferStatus.RECORDED, ""
                transfer.receipt = contributions[0].receipt
                transfer.save()
        except DomainError as exc:
            transfer.status, transfer.reason, transfer.receipt = TransferStatus.REFUSED, exc.message[:300], None
            transfer.save()
            raise
        log_change(user=self.user, obj=transfer, action="record", scope_path=self.point.unit.path,
                   changes={"reference": credit.reference, "amount": credit.amount, "receipt": transfer.receipt.number,
                            "bank_reference": credit.bank_reference})
        self.counts.amount += credit.amount
        return "recorded"

    def reason(self, line: int, exc: DomainError) -> str:
        """'Dòng 7, cột “Ngày sinh”: …' for the error file."""
        return row_reason(line, exc, LABELS)


_ACCOUNT_LABEL = re.compile(r"(?:so tai khoan|tai khoan so|so tk|stk|account no|account number|account)\s*:?\s*"
                            r"((?:\d[\s.\-]?){6,19})")


def _check_account(above: list[list], point: CollectionPoint) -> None:
    """A statement whose header block names, after its label ("Số tài khoản: …", "Account No: …"), another account
    than the point's is refused; the point must have its account."""
    if not point.bank_account:
        raise DomainError(f"{point.name} chưa khai báo tài khoản nhận chuyển khoản (trang điểm thu).",
                          code=EnrollmentError.TRANSFER_ACCOUNT_MISMATCH, field="point")
    named = set()
    for row in above:
        for found in _ACCOUNT_LABEL.finditer(fold(" ".join(text(v) for v in row))):
            named.add(re.sub(r"\D", "", found.group(1)))
    if named and point.bank_account not in named:
        raise DomainError(f"Sao kê của tài khoản {', '.join(sorted(named))}, không phải tài khoản "
                          f"{point.bank_account} của {point.name}.", code=EnrollmentError.TRANSFER_ACCOUNT_MISMATCH,
                          field="file")


def statement_run_create(path: str | Path, *, user, point: CollectionPoint, file_name: str | None = None,
                         errors_path: str | Path | None = None) -> ImportRun:
    """The queued row of a statement import for a collection point of the user's area (a role that may take
    renewals); refused outside the area (404) or without the right (403)."""
    require(user, Action.RENEW, point.unit.path, what="Điểm thu")
    path = Path(path)
    params = {"file": str(path), "point": point.pk, **({"errors_path": str(errors_path)} if errors_path else {})}
    return ImportRun.objects.create(kind="bank-statement", layout="bank", file_name=(file_name or path.name)[:255],
                                    file_sha256=file_sha256(path), user=user, params=params,
                                    scope_path=point.unit.path)


def import_statement(path: str | Path, *, user, point: CollectionPoint, file_name: str | None = None,
                     errors_path: str | Path | None = None) -> ImportRun:
    """Import a statement now, in this process (the CLI, tests); the run with its counts."""
    run = statement_run_create(path, user=user, point=point, file_name=file_name, errors_path=errors_path)
    jobs.run(ImportRun, run.pk, partial(statement_run, run.pk))
    run.refresh_from_db()
    return run


def statement_run_retry(*, user, run: ImportRun) -> bool:
    """Queue again a statement import that failed or lost its worker (logged)."""
    from ansinh.enrollment.tasks import import_bank_statement

    require(user, Action.RENEW, run.scope_path, what="Lần nhập")
    return jobs.retry(import_bank_statement, run, user=user, scope_path=run.scope_path)


def statement_run(run_id: int, beat: jobs.Beat) -> None:
    """Run statement import `run_id` (claimed by `jobs.run`)."""
    run = ImportRun.objects.select_related("user").get(pk=run_id)
    point = CollectionPoint.objects.select_related("unit").get(pk=run.params["point"])
    path = Path(run.params["file"])
    try:
        source = open_table(path)
    except (ValueError, OSError) as exc:
        raise DomainError(str(exc), code=Code.UNREADABLE_FILE, field="file") from exc
    job = StatementImport(user=run.user, point=point)
    errors_path = run.params.get("errors_path")
    errors = read_guarded(run, source, lambda: _read(run, source, path, job, errors_path and Path(errors_path), beat))
    c = job.counts
    record_run(run, read=c.read, stored=c.recorded, unchanged=c.unchanged + c.skipped, rejected=c.rejected,
               error_path=errors.close(), summary={"recorded": c.recorded, "skipped": c.skipped, "amount": c.amount,
                                                   "reasons": c.reasons, "point": point.code})
    log_change(user=run.user, obj=run, action="import", scope_path=run.scope_path,
               changes={"kind": run.kind, "file": run.file_name, "point": point.code, "read": c.read,
                        "recorded": c.recorded, "amount": c.amount, "unchanged": c.unchanged,
                        "skipped": c.skipped, "rejected": c.rejected})


def _read(run: ImportRun, source, path: Path, job: StatementImport, errors_path, beat) -> ErrorFile:
    rows = iter(source.rows)
    header, columns, above, line = find_header(rows, COLUMNS, REQUIRED, LABELS.__getitem__,
                                               search_rows=HEADER_SEARCH_ROWS)
    if "credit" not in columns and "amount" not in columns:
        raise DomainError("Tệp thiếu cột: Số tiền ghi có (hoặc Số tiền).", code=Code.MISSING_COLUMNS, field="file")
    _check_account(above, job.point)
    errors = ErrorFile(errors_path or error_file_path(run, path, folder="bank", stem=run.file_name),
                       kind=source.kind, header=header, preamble=[r for r in above if not all(is_blank(v) for v in r)])
    width = len(header)
    numbered = numbered_rows(rows, line, width)
    while batch := list(islice(numbered, BATCH_SIZE)):
        beat(step=f"Đã đọc {job.counts.read} dòng")
        for line, values in batch:
            job.counts.read += 1
            try:
                credit = read_credit(line, values, columns)
                if isinstance(credit, str):
                    job.counts.skipped += 1
                    continue
                outcome = job.credit(credit)
            except DomainError as exc:
                refuse_row(job.counts, errors, values[:width], job.reason(line, exc))
                continue
            setattr(job.counts, outcome, getattr(job.counts, outcome) + 1)
    return errors


# ------------------------------------------------------------------------------------------- CLI


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="Sao kê tài khoản (.csv hoặc .xlsx) do ngân hàng xuất (docs/bank-statements.md).")
    parser.add_argument("--point", required=True, help="Mã điểm thu có tài khoản này, ví dụ BD-TV-01.")
    parser.add_argument("--user", help="Tên đăng nhập của người nhập (quyết định địa bàn; mặc định: quản trị).")
    parser.add_argument("--errors", default=None, help="Đường dẫn tệp lỗi (mặc định: MEDIA_ROOT/imports/bank/…).")


@importer("bank-statement", help="Sao kê tài khoản của điểm thu: khoản chuyển có mã ASH…/ASV… (mã VietQR của ansinh) "
                                 "được ghi nhận như thu tại quầy.", add_arguments=_arguments)
def import_statement_command(options: dict, stdout, stderr) -> int:
    """`ansinh import bank-statement FILE --point CODE [--user USERNAME]`."""
    def start(user):
        point = CollectionPoint.objects.select_related("unit").filter(code=options["point"]).first()
        if point is None:
            stderr.write(f"Không có điểm thu mã {options['point']}.")
            return None
        return import_statement(options["file"], user=user, point=point, errors_path=options.get("errors"))

    def say(run) -> str:
        s = run.summary
        return (f"{run.file_name}: {run.rows_read} dòng — {s['recorded']} khoản chuyển được ghi nhận "
                f"({vn_int(s['amount'])} đ), {run.rows_unchanged - s['skipped']} đã ghi trước đó, {s['skipped']} "
                f"không phải khoản nộp qua mã của ansinh, {run.rows_rejected} cần xem lại.")

    return run_command(options, stdout, stderr, start=start, say=say)
