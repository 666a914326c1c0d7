"""Column layouts of the people import and the pure (database-free) reading of one row.

Three layouts are recognised from the file itself:

- `people`: ansinh's own layout, one header row with the column names of `PEOPLE_COLUMNS`
  (Vietnamese names, accents and case ignored; the English keys work too);
- `d05`: the D05-TS list of voluntary-SI participants (QĐ 490/QĐ-BHXH), recognised by its
  column-number row `A B C 1 2 … 17`;
- `d03`: the D03-TS list of HI participants, recognised the same way (`A B C 1 … 15`).

Every cell is checked here: dates, sex, identifiers (decoded and checked against the birth date by
`ansinh.rules`), phone numbers, amounts and codes. Checks that need the database (known units, people
already registered, receipts) are done per batch by the importer.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ansinh.core.cells import CellError, digits, parse_date, parse_int, parse_percent, parse_phone
from ansinh.core.cells import text as _text
from ansinh.core.errors import DomainError, check_length
from ansinh.core.text import fold
from ansinh.registry.choices import HouseholdStatusKind, PersonStatusKind, Relation
from ansinh.rules import RuleError, check_si_code, decode_citizen_id
from ansinh.rules.identifiers import hi_card_groups

# (key, header written in the sample and in error files, other accepted names — compared folded)
PEOPLE_COLUMNS: list[tuple[str, str, tuple[str, ...]]] = [
    ("full_name", "Họ và tên", ("ho ten", "hoten", "full name")),
    ("date_of_birth", "Ngày sinh", ("ngaysinh", "date of birth")),
    ("sex", "Giới tính", ("gioitinh",)),
    ("ethnicity", "Dân tộc", ()),
    ("citizen_id", "Số định danh", ("so dinh danh ca nhan", "so cccd", "cccd", "so cccd ddcn ho chieu",
                                     "citizen id")),
    ("legacy_si_code", "Mã số BHXH", ("masobhxh", "ma bhxh", "legacy si code")),
    ("phone", "Điện thoại", ("so dien thoai", "sdt")),
    ("commune_code", "Mã xã", ("ma xa phuong", "ma don vi hanh chinh", "commune", "commune code")),
    ("era", "Cơ cấu đơn vị", ("co cau",)),
    ("address", "Địa chỉ", ()),
    ("household_code", "Mã hộ", ("ma ho gia dinh", "household", "household code")),
    ("relation", "Quan hệ với chủ hộ", ("quan he",)),
    ("household_status", "Loại hộ", ("household status",)),
    ("status_year", "Năm công nhận", ("status year",)),
    ("status_source", "Quyết định công nhận", ("status source",)),
    ("person_status", "Đối tượng của người", ("doi tuong cua nguoi", "doi tuong duoc cong nhan", "person status")),
    ("scheme", "Loại hình", ()),
    ("hi_group_code", "Mã đối tượng BHYT", ("ma doi tuong", "hi group code")),
    ("start_date", "Từ ngày", ("start date",)),
    ("end_date", "Đến ngày", ("end date",)),
    ("months", "Số tháng", ()),
    ("income", "Mức thu nhập", ("muc thu nhap thang dong",)),
    ("category", "Đối tượng hỗ trợ", ()),
    ("method", "Phương thức đóng", ("phuong thuc",)),
    ("receipt_number", "Số biên lai", ("receipt number",)),
    ("receipt_date", "Ngày biên lai", ("receipt date",)),
    ("point_code", "Mã điểm thu", ("ma dai ly", "point code")),
    ("collector_code", "Mã nhân viên thu", ("ma so nhan vien thu", "collector code")),
    ("amount", "Số tiền", ("so tien dong", "amount")),
]
PEOPLE_HEADER = [header for _key, header, _aliases in PEOPLE_COLUMNS]

# D05-TS (QĐ 490/QĐ-BHXH), by the column-number row.
D05_COLUMNS = {
    "A": "stt", "B": "full_name", "C": "legacy_si_code", "1": "citizen_id", "2": "address", "3": "receipt_date",
    "4": "receipt_number", "5": "income", "6": "months", "7": "start_month", "8": "amount_due", "9": "amount",
    "10": "state_support_pct", "11": "state_support", "12": "local_support_pct", "13": "local_support",
    "14": "other_support_pct", "15": "other_support", "16": "collector_code", "17": "note",
}
D05_HEADER = ["STT", "Họ và tên", "Mã số BHXH", "Số CCCD/ĐDCN/Hộ chiếu", "Địa chỉ", "Ngày biên lai", "Số biên lai",
              "Mức thu nhập tháng đóng", "Số tháng", "Từ tháng/năm", "Số tiền phải đóng theo quy định",
              "Người tham gia đóng", "NSNN hỗ trợ (%)", "NSNN hỗ trợ (số tiền)", "NSĐP hỗ trợ thêm (%)",
              "NSĐP hỗ trợ thêm (số tiền)", "Hỗ trợ khác (%)", "Hỗ trợ khác (số tiền)", "Mã số nhân viên thu",
              "Ghi chú"]
# D03-TS (QĐ 490/QĐ-BHXH), by the column-number row; column 2 (CCCD) and 14 (collector) as QĐ 490 added them.
D03_COLUMNS = {
    "A": "stt", "B": "full_name", "C": "legacy_si_code", "1": "date_of_birth", "2": "citizen_id", "3": "sex",
    "4": "address", "5": "household_code", "6": "hi_group_code", "7": "receipt_date", "8": "receipt_number",
    "9": "months", "10": "start_date", "11": "end_date", "12": "amount", "13": "support", "14": "collector_code",
    "15": "note",
}
D03_HEADER = ["STT", "Họ và tên", "Mã số BHXH", "Ngày sinh", "Số CCCD/ĐDCN/Hộ chiếu", "Giới tính", "Địa chỉ",
              "Mã hộ gia đình", "Mã đối tượng", "Ngày biên lai", "Số biên lai", "Số tháng đóng", "Từ ngày",
              "Đến ngày", "Số tiền người tham gia đóng", "Ngân sách hỗ trợ", "Mã số nhân viên thu", "Ghi chú"]
NUMBER_ROW = {"d05": list(D05_COLUMNS), "d03": list(D03_COLUMNS)}

_ALIASES = {fold(name): key for key, header, aliases in PEOPLE_COLUMNS for name in (header, key, *aliases)}
_ALIASES.update({key.replace("_", " "): key for key, _h, _a in PEOPLE_COLUMNS})

SCHEMES = {
    "bhxh tu nguyen": "voluntary_si", "bhxh tn": "voluntary_si", "tu nguyen": "voluntary_si",
    "voluntary si": "voluntary_si",
    "bhyt ho gia dinh": "household_hi", "bhyt hgd": "household_hi", "hgd": "household_hi", "gd": "household_hi",
    "household hi": "household_hi",
    "bhyt": "hi_group", "bhyt nhom khac": "hi_group", "hi group": "hi_group",
    "bhxh bat buoc": "compulsory_si", "bb": "compulsory_si", "compulsory si": "compulsory_si",
    "bhtn": "unemployment", "bao hiem that nghiep": "unemployment", "unemployment": "unemployment",
}
SEXES = {"nam": "M", "m": "M", "male": "M", "nu": "F", "f": "F", "female": "F"}
RELATIONS = {
    "chu ho": Relation.HEAD, "head": Relation.HEAD,
    "vo": Relation.SPOUSE, "chong": Relation.SPOUSE, "vo chong": Relation.SPOUSE, "spouse": Relation.SPOUSE,
    "con": Relation.CHILD, "con trai": Relation.CHILD, "con gai": Relation.CHILD, "child": Relation.CHILD,
    "bo": Relation.PARENT, "me": Relation.PARENT, "cha": Relation.PARENT, "bo me": Relation.PARENT,
    "parent": Relation.PARENT, "chau": Relation.GRANDCHILD, "grandchild": Relation.GRANDCHILD,
    "anh": Relation.SIBLING, "chi": Relation.SIBLING, "em": Relation.SIBLING, "anh chi em": Relation.SIBLING,
    "sibling": Relation.SIBLING, "khac": Relation.OTHER, "other": Relation.OTHER,
}
STATUSES = {
    "ngheo": HouseholdStatusKind.POOR, "ho ngheo": HouseholdStatusKind.POOR, "poor": HouseholdStatusKind.POOR,
    "can ngheo": HouseholdStatusKind.NEAR_POOR, "ho can ngheo": HouseholdStatusKind.NEAR_POOR,
    "near poor": HouseholdStatusKind.NEAR_POOR,
    "muc song trung binh": HouseholdStatusKind.AGRI_AVERAGE, "agri average": HouseholdStatusKind.AGRI_AVERAGE,
    fold(HouseholdStatusKind.AGRI_AVERAGE.label): HouseholdStatusKind.AGRI_AVERAGE,
}
# What a person is recognised as (the province's top-up groups need their key: pages and API only).
PERSON_STATUSES = {
    **{fold(k.label): k.value for k in PersonStatusKind if k != PersonStatusKind.LOCAL},
    **{k.value.replace("_", " "): k.value for k in PersonStatusKind if k != PersonStatusKind.LOCAL},
    "ngheo": "poor", "ho ngheo": "poor", "can ngheo": "near_poor", "ho can ngheo": "near_poor",
    "hoc sinh": "student", "sinh vien": "student", "hoc sinh sinh vien": "student", "hssv": "student",
    "dtts vung dac biet kho khan": "ethnic_minority_difficult",
    "dtts xa ra khoi vung kho khan": "ethnic_minority_left",
}
# The status columns, which share the year and the decision columns.
STATUS_COLUMNS = (
    ("household_status", STATUSES, "Loại hộ", "Hộ nghèo, Hộ cận nghèo, Mức sống trung bình"),
    ("person_status", PERSON_STATUSES, "Đối tượng của người",
     "Cận nghèo, Học sinh, Sinh viên, Nghèo, DTTS vùng đặc biệt khó khăn…"),
)
CATEGORIES = {
    "ngheo": "poor", "ho ngheo": "poor", "poor": "poor",
    "can ngheo": "near_poor", "ho can ngheo": "near_poor", "near poor": "near_poor",
    "dan toc thieu so": "ethnic_minority", "dtts": "ethnic_minority", "ethnic minority": "ethnic_minority",
    "xa dao": "island", "dac khu": "island", "xa dao dac khu": "island", "island": "island",
    "khac": "other", "doi tuong khac": "other", "other": "other", "": "other",
}
METHODS = {
    "1": "monthly", "1 thang": "monthly", "hang thang": "monthly", "monthly": "monthly", "1 month": "monthly",
    "3": "3_months", "3 thang": "3_months",
    "3 months": "3_months", "6": "6_months", "6 thang": "6_months", "6 months": "6_months", "12": "12_months",
    "12 thang": "12_months", "12 months": "12_months", "1 nam": "12_months",
    "dong truoc": "advance", "advance": "advance", "dong bu": "missing", "missing": "missing",
}
ERAS = {"cu": "pre2025", "truoc 2025": "pre2025", "pre2025": "pre2025", "63 tinh": "pre2025",
        "moi": "2025", "2025": "2025", "34 tinh": "2025", "hien hanh": "2025"}
MONTHS_OF_METHOD = {"monthly": 1, "3_months": 3, "6_months": 6, "12_months": 12}


RowError = CellError
"""A row refused while reading: the reason (Vietnamese) names the column — the cell readers' own error."""


@dataclass
class Layout:
    """Which layout a file has, where each field is, and what came before the data (for error files)."""

    name: str
    columns: dict[int, str]
    header: list
    preamble: list[list] = field(default_factory=list)
    context: dict[str, str] = field(default_factory=dict)
    first_line: int = 1
    pending: list[list] = field(default_factory=list, repr=False)

    @property
    def labels(self) -> dict[str, str]:
        """Field key -> the column's name in this file (for messages)."""
        return {key: str(self.header[i]).strip() if i < len(self.header) else key for i, key in self.columns.items()}




_CONTEXT_PATTERNS = {
    "point_code": re.compile(r"m[aã]\s*(?:đại\s*lý|điểm\s*thu|đơn\s*vị|dai\s*ly|diem\s*thu|don\s*vi)\s*:\s*"
                             r"([A-Za-z0-9][\w.\-/]*)", re.I),
    "commune_code": re.compile(r"m[aã]\s*x[aã]\s*:\s*(\d{5})", re.I),
}


def _context(preamble: list[list]) -> dict[str, str]:
    """Agent (collection point) and commune codes written in a form's header block ("Mã đại lý: BD8401")."""
    found: dict[str, str] = {}
    for row in preamble:
        for cell in row:
            raw = _text(cell)
            for key, pattern in _CONTEXT_PATTERNS.items():
                match = pattern.search(raw)
                if match and key not in found:
                    found[key] = match.group(1)
    return found


def detect_layout(rows, *, max_preamble: int = 40) -> Layout:
    """Read rows up to the header (and the column-number row of D03-TS/D05-TS) and decide the layout."""
    seen: list[list] = []
    for index, row in enumerate(rows, start=1):
        cells = [fold(_text(c)) for c in row]
        if "ho va ten" in cells or "ho ten" in cells or "full name" in cells:
            header = list(row)
            known = {i: _ALIASES[c] for i, c in enumerate(cells) if c in _ALIASES}
            # A form has its column numbers A, B, C, 1, 2… within the next few rows.
            lookahead: list[list] = []
            for _ in range(4):
                try:
                    nxt = next(rows)
                except StopIteration:
                    break
                lookahead.append(list(nxt))
                labels = [_text(c).upper() for c in nxt]
                if labels[:3] == ["A", "B", "C"]:
                    name = "d05" if len([x for x in labels if x]) >= 20 or "17" in labels else "d03"
                    mapping = D05_COLUMNS if name == "d05" else D03_COLUMNS
                    columns = {i: mapping[label] for i, label in enumerate(labels) if label in mapping}
                    preamble = [*seen, header, *lookahead[:-1]]
                    return Layout(name=name, columns=columns, header=list(nxt), preamble=preamble,
                                  context=_context(seen), first_line=index + len(lookahead) + 1)
            if "full_name" not in known.values():
                raise RowError("Không tìm thấy cột 'Họ và tên'.")
            return Layout(name="people", columns=known, header=header, preamble=seen, context=_context(seen),
                          first_line=index + 1, pending=lookahead)
        seen.append(list(row))
        if index >= max_preamble:
            break
    raise RowError("Không tìm thấy dòng tiêu đề có cột 'Họ và tên' trong 40 dòng đầu của tệp.")


# ---------------------------------------------------------------------------------------------- cells

_CHOICES: dict[tuple[int, str], object] = {}


def _choice(value, table: dict, label: str, allowed: str):
    """A coded value from what people write ('Vợ/chồng', 'vo chong', 'spouse'), accents and case ignored."""
    text = _text(value)
    hit = _CHOICES.get((id(table), text))
    if hit is not None:
        return hit
    key = fold(text)
    if key in table:
        if len(_CHOICES) < 10000:
            _CHOICES[(id(table), text)] = table[key]
        return table[key]
    raise RowError(f"{label}: '{text}' không hợp lệ ({allowed}).")


@lru_cache(maxsize=1)
def _hi_groups() -> frozenset[str]:
    return frozenset(hi_card_groups())


# ---------------------------------------------------------------------------------------------- rows

@dataclass(slots=True)
class Row:
    """One data row read from the file: its line, original cells and the checked values."""

    line: int
    values: list
    section: str = "increase"
    data: dict = field(default_factory=dict)


def read_row(layout: Layout, line: int, values: list, section: str = "increase") -> Row:
    """Check one row's cells (no database); raises RowError with the reason in Vietnamese."""
    width = len(values)
    raw = {key: values[i] if i < width else "" for i, key in layout.columns.items()}
    data: dict = {}
    text = {k: _text(v) for k, v in raw.items()}
    name = " ".join(text.get("full_name", "").split())
    if not name:
        raise RowError("Họ và tên: thiếu.")
    data["full_name"] = name
    data["date_of_birth"] = parse_date(raw.get("date_of_birth"), "Ngày sinh")
    sex = text.get("sex", "")
    data["sex"] = _choice(sex, SEXES, "Giới tính", "Nam hoặc Nữ") if sex else None
    data["ethnicity"] = text.get("ethnicity", "") or ""
    cid = digits(raw.get("citizen_id"), 12) if text.get("citizen_id") else ""
    si = digits(raw.get("legacy_si_code"), 10) if text.get("legacy_si_code") else ""
    if si and len(si) == 12 and not cid:  # the 12-digit personal ID used as SI code since 8/2025
        cid, si = si, ""
    if not cid and not si:
        raise RowError("Số định danh: thiếu (cần số định danh cá nhân 12 số hoặc mã số BHXH 10 số).")
    try:
        if cid:
            decode_citizen_id(cid, data["date_of_birth"], data["sex"])
        if si:
            check_si_code(si)
            if len(si) != 10:
                raise RowError(f"Mã số BHXH: '{si}' phải gồm 10 chữ số.")
    except RuleError as exc:
        label = "Số định danh" if exc.field == "citizen_id" else "Mã số BHXH"
        raise RowError(f"{label}: {exc.message}") from exc
    data["citizen_id"], data["legacy_si_code"] = cid or None, si or None
    data["phone"] = parse_phone(raw.get("phone"))
    commune = digits(raw.get("commune_code"), 5) if text.get("commune_code") else ""
    if commune and not (commune.isdigit() and len(commune) == 5):
        raise RowError(f"Mã xã: '{text['commune_code']}' phải là mã 5 chữ số của Tổng cục Thống kê.")
    data["commune_code"] = commune
    data["era"] = _choice(text["era"], ERAS, "Cơ cấu đơn vị", "cũ hoặc mới") if text.get("era") else ""
    data["address"] = text.get("address", "")
    data["household_code"] = text.get("household_code", "")
    data["relation"] = _choice(text["relation"], RELATIONS, "Quan hệ với chủ hộ",
                               "Chủ hộ, Vợ/chồng, Con, Bố/mẹ, Cháu, Anh/chị/em, Khác") if text.get("relation") else ""
    for key, table, label, allowed in STATUS_COLUMNS:
        if text.get(key):
            data[key] = _choice(text[key], table, label, allowed)
            data["status_year"] = parse_int(raw.get("status_year"), "Năm công nhận")
            data["status_source"] = text.get("status_source", "")
            if not data["status_year"] or not data["status_source"]:
                raise RowError(f"{label}: cần ghi cả năm công nhận và quyết định công nhận.")
    _read_enrollment(layout, raw, text, data)
    for key, (label, max_length) in _lengths().items():
        if isinstance(data.get(key), str):
            try:
                check_length(data[key], max_length, label)
            except DomainError as exc:  # the row's refusal: into the error file with its line
                raise RowError(exc.message, code=exc.code) from exc
    return Row(line=line, values=values, section=section, data=data)


@lru_cache(maxsize=1)
def _lengths() -> dict[str, tuple[str, int]]:
    """{row key: (column label, longest text its database column holds)} — checked, never cut short."""
    from ansinh.enrollment.models import Receipt
    from ansinh.network.models import CollectionPoint, Staff
    from ansinh.registry.models import Household, HouseholdStatus, Person

    def size(model, name: str) -> int:
        return model._meta.get_field(name).max_length

    return {"full_name": ("Họ và tên", size(Person, "full_name")), "ethnicity": ("Dân tộc", size(Person, "ethnicity")),
            "address": ("Địa chỉ", size(Person, "address")), "household_code": ("Mã hộ", size(Household, "code")),
            "status_source": ("Quyết định công nhận", size(HouseholdStatus, "source")),
            "receipt_number": ("Số biên lai", size(Receipt, "number")),
            "point_code": ("Mã điểm thu", size(CollectionPoint, "code")),
            "collector_code": ("Mã nhân viên thu", size(Staff, "code"))}


def _read_enrollment(layout: Layout, raw: dict, text: dict, data: dict) -> None:
    """The enrollment part of a row (scheme, period, payment), if there is one."""
    scheme = ""
    group = text.get("hi_group_code", "").upper()
    if layout.name == "d05":
        scheme = "voluntary_si"
    elif layout.name == "d03":
        if not group:
            raise RowError("Mã đối tượng: thiếu (GD cho BHYT hộ gia đình; HS, SV, CN, HN, DT, TE, GB…).")
        scheme = "household_hi" if group == "GD" else "hi_group"
    elif text.get("scheme"):
        key = fold(text["scheme"])
        if key.upper() in _hi_groups() and key.upper() != "GD":
            scheme, group = "hi_group", key.upper()
        else:
            scheme = _choice(text["scheme"], SCHEMES, "Loại hình",
                             "BHXH tự nguyện, BHYT hộ gia đình, BHYT, BHXH bắt buộc, BHTN hoặc mã đối tượng BHYT")
    if not scheme:
        return
    data["scheme"] = scheme
    if scheme == "hi_group":
        if group not in _hi_groups():
            raise RowError(f"Mã đối tượng BHYT: '{group}' không có trong danh mục (HS, SV, CN, HN, DT, TE, GB…).")
        data["hi_group_code"] = group
    elif scheme == "household_hi":
        data["hi_group_code"] = "GD"
    data["months"] = parse_int(raw.get("months"), "Số tháng")
    data["start_date"] = parse_date(raw.get("start_date") or raw.get("start_month"),
                                    "Từ ngày" if "start_date" in raw else "Từ tháng/năm", month_only=True)
    data["end_date"] = parse_date(raw.get("end_date"), "Đến ngày")
    data["receipt_number"] = text.get("receipt_number", "")
    data["receipt_date"] = parse_date(raw.get("receipt_date"), "Ngày biên lai")
    data["point_code"] = text.get("point_code", "")
    data["collector_code"] = text.get("collector_code", "")
    data["amount"] = parse_int(raw.get("amount"), "Số tiền")
    data["amount_due"] = parse_int(raw.get("amount_due"), "Số tiền phải đóng")
    data["state_support"] = parse_int(raw.get("state_support"), "NSNN hỗ trợ")
    data["state_support_pct"] = parse_percent(raw.get("state_support_pct"), "NSNN hỗ trợ (%)")
    if scheme == "voluntary_si":
        data["income"] = parse_int(raw.get("income"), "Mức thu nhập")
        if not data["income"]:
            raise RowError("Mức thu nhập: thiếu (BHXH tự nguyện).")
        method = text.get("method", "")
        if method:
            data["method"] = _choice(method, METHODS, "Phương thức đóng",
                                     "1, 3, 6, 12 tháng, Đóng trước hoặc Đóng bù")
        elif data["months"] in (1, 3, 6, 12):
            data["method"] = METHODS[str(data["months"])]
        else:
            raise RowError("Phương thức đóng: thiếu (1, 3, 6 hoặc 12 tháng).")
        if data["method"] in MONTHS_OF_METHOD:
            data["months"] = MONTHS_OF_METHOD[data["method"]]
        elif not data["months"]:
            raise RowError("Số tháng: thiếu (đóng một lần cho nhiều tháng).")
        data["category"] = _choice(text.get("category", ""), CATEGORIES, "Đối tượng hỗ trợ",
                                   "Hộ nghèo, Hộ cận nghèo, Dân tộc thiểu số, Xã đảo, Khác")
        data["category_given"] = bool(text.get("category"))
    if scheme in ("voluntary_si", "household_hi"):
        if not data["receipt_number"]:
            raise RowError("Số biên lai: thiếu (dòng có đóng tiền).")
        if not data["receipt_date"]:
            raise RowError("Ngày biên lai: thiếu.")
        if scheme == "household_hi" and data["months"] not in (3, 6, 12):
            raise RowError(f"Số tháng: BHYT hộ gia đình đóng 3, 6 hoặc 12 tháng, không nhận '{data['months']}'.")
    else:
        if not data["start_date"]:
            raise RowError("Từ ngày: thiếu (ngày bắt đầu tham gia).")
        if data["end_date"] and data["end_date"] < data["start_date"]:
            raise RowError("Đến ngày: trước Từ ngày.")


def is_blank(values: list) -> bool:
    """A row with no content."""
    return all(v is None or v == "" or (type(v) is str and not v.strip()) for v in values)


_ROMAN = re.compile(r"^(i{1,3}|iv|v)\b")


def section_of(layout: Layout, values: list) -> str | None:
    """For D03-TS/D05-TS: 'increase' or 'decrease' when the row is a section heading (I. Tăng / II. Giảm)."""
    if layout.name == "people":
        return None
    first = next((fold(_text(v)) for v in values if _text(v)), "")
    stt_index = next((i for i, key in layout.columns.items() if key == "stt"), 0)
    stt = _text(values[stt_index]) if stt_index < len(values) else ""
    if stt.isdigit():
        return None
    match = _ROMAN.match(first)
    if match:
        return "decrease" if match.group(1) == "ii" else "increase"
    if first.startswith("giam"):
        return "decrease"
    if first.startswith("tang"):
        return "increase"
    return None


def is_data(layout: Layout, values: list) -> bool:
    """Whether a row holds a participant (forms: a number in STT; people: any content but the reason column)."""
    if layout.name == "people":
        return not is_blank(values)
    stt_index = next((i for i, key in layout.columns.items() if key == "stt"), 0)
    stt = _text(values[stt_index]) if stt_index < len(values) else ""
    name_index = next((i for i, key in layout.columns.items() if key == "full_name"), 1)
    name = _text(values[name_index]) if name_index < len(values) else ""
    return stt.isdigit() and bool(name)
