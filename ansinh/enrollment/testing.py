"""Generated people files for tests and benchmarks: realistic people (Vietnamese names, households of 1–8,
valid citizen IDs and phones) in the people import layout; and the payment a test records."""

import csv
import datetime as dt
import random
from pathlib import Path

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Thạch", "Kim", "Sơn", "Lâm", "Trương", "Châu", "Tăng", "Danh"]
MIDDLE_M = ["Văn", "Hữu", "Minh", "Quốc", "Đức", "Thanh", "Công", "Hoàng", "Ngọc"]
MIDDLE_F = ["Thị", "Ngọc", "Thanh", "Kim", "Bích", "Thu", "Mỹ", "Hồng"]
GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khang", "Long", "Minh", "Nam", "Phúc", "Quang", "Sơn",
           "Tài", "Thắng", "Trung", "Tú", "Việt", "Vinh", "Sa Rây", "Sóc"]
GIVEN_F = ["Anh", "Chi", "Diễm", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân", "Nhung", "Phương",
           "Thảo", "Trang", "Tuyết", "Vân", "Yến", "Sa Rum", "Sô Phia"]
ETHNIC = ["Kinh"] * 6 + ["Khmer"] * 3 + ["Hoa"]
PREFIXES = ["032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098", "081", "082", "083",
            "084", "085", "088", "091", "094", "070", "076", "077", "078", "079", "090", "093"]
HEADER = ["Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Số định danh", "Điện thoại", "Mã xã", "Cơ cấu đơn vị",
          "Địa chỉ", "Mã hộ", "Quan hệ với chủ hộ"]


def _person(rng: random.Random, sex: str, born: dt.date, serial: dict) -> tuple[str, str]:
    family = rng.choice(FAMILY)
    if sex == "M":
        name = f"{family} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"
    else:
        name = f"{family} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"
    century = (born.year // 100 - 19) * 2 + (0 if sex == "M" else 1)
    prefix = f"084{century}{born.year % 100:02d}"
    serial[prefix] = serial.get(prefix, 0) + 1
    return name, f"{prefix}{serial[prefix]:06d}"


def _born(rng: random.Random, low: int, high: int) -> dt.date:
    return dt.date(rng.randint(low, high), rng.randint(1, 12), rng.randint(1, 28))


def generate(path: str | Path, rows: int, *, communes: list[str], era: str = "2025", seed: int = 2026) -> int:
    """Write `rows` people in households of 1–8 (head first) to a CSV in the people layout; returns rows written.

    The rows carry no date, so they are registrations of today: `communes` are codes of today's structure
    unless `era` is "pre2025" (which an import then refuses, the old communes having ended on 30/6/2025)."""
    era_word = "cũ" if era == "pre2025" else "mới"
    rng = random.Random(seed)
    serial: dict[str, int] = {}
    written = 0
    household = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        while written < rows:
            household += 1
            commune = communes[household % len(communes)]
            code = f"H{commune}-{household:07d}"
            address = f"Ấp {rng.randint(1, 12)}, tổ {rng.randint(1, 30)}"
            size = min(rng.choice([1, 2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 7, 8]), rows - written)
            head_sex = rng.choice("MMF")
            head_born = _born(rng, 1950, 1995)
            ethnicity = rng.choice(ETHNIC)
            members = [("head", head_sex, head_born)]
            if size > 1:
                members.append(("spouse", "F" if head_sex == "M" else "M", _born(rng, head_born.year - 3,
                                                                                  min(head_born.year + 5, 2000))))
            while len(members) < size:
                if rng.random() < 0.75:
                    members.append(("child", rng.choice("MF"), _born(rng, head_born.year + 18,
                                                                     min(head_born.year + 40, 2025))))
                else:
                    members.append(("parent", rng.choice("MF"), _born(rng, head_born.year - 35, head_born.year - 18)))
            for relation, sex, born in members:
                name, cid = _person(rng, sex, born, serial)
                phone = f"{rng.choice(PREFIXES)}{rng.randint(0, 9_999_999):07d}" if born.year < 2008 and \
                    rng.random() < 0.7 else ""
                out.writerow([name, born.strftime("%d/%m/%Y"), "Nam" if sex == "M" else "Nữ", ethnicity, cid, phone,
                              commune, era_word, address, code, {"head": "Chủ hộ", "spouse": "Vợ/chồng", "child": "Con",
                                                             "parent": "Bố/mẹ"}[relation]])
                written += 1
    return written


def pay(point, collector, number: str, on: str):
    """The payment of a test: receipt `number` at `point` by `collector` on an ISO date."""
    from ansinh.enrollment.services import Payment

    return Payment(receipt_number=number, paid_on=dt.date.fromisoformat(on), collection_point=point,
                   collector=collector)
