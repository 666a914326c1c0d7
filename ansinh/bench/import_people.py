"""Benchmark: importing people through ansinh against a raw PostgreSQL COPY of the same file.

One generated CSV of realistic people (Vietnamese names, households of 1–8, valid citizen IDs and
phones, communes of old Trà Vinh) is imported with `import_people` (every row checked, households
created, batches written with bulk inserts, roll-up and change log kept) and loaded with COPY into a bare
table with the matching columns and indexes of registry_person. Prints, per size:

    bench import_people_100k: ansinh=…rows/s copy=…rows/s peak_rss=…MB ratio=0.xx

where peak_rss is the highest resident memory of the process during the import, and
ratio = ansinh rows/s ÷ COPY rows/s (= COPY time ÷ ansinh time).
Sizes: ANSINH_BENCH_IMPORT_SIZES (default "100000,1000000").
"""

import csv
import datetime as dt
import os
import random
import resource
import tempfile
import threading
import time
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
BARE_TABLE = "bench_person_copy"


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


def generate(path: str | Path, rows: int, *, communes: list[str], seed: int = 2026) -> int:
    """Write `rows` people in households of 1–8 (head first) to a CSV in the people layout; returns rows written."""
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
                              commune, "cũ", address, code, {"head": "Chủ hộ", "spouse": "Vợ/chồng", "child": "Con",
                                                             "parent": "Bố/mẹ"}[relation]])
                written += 1
    return written


class PeakRSS:
    """The highest resident memory of this process while a block runs (sampled every 20 ms from /proc)."""

    def __enter__(self):
        self.peak = self._now()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, self._now())

    @staticmethod
    def _now() -> int:
        try:
            with open("/proc/self/statm") as handle:
                return int(handle.read().split()[1]) * resource.getpagesize()
        except OSError:
            return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._now())

    @property
    def megabytes(self) -> float:
        """Peak in MB."""
        return self.peak / 1024 / 1024


def _copy_baseline(path: Path) -> float:
    """COPY the file into a bare table with registry_person's columns and indexes; returns seconds."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {BARE_TABLE}")
        cursor.execute(f"""CREATE TABLE {BARE_TABLE} (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, full_name varchar(100), date_of_birth text,
            sex varchar(4), ethnicity varchar(40), citizen_id varchar(12) UNIQUE, phone varchar(10),
            commune varchar(5), era varchar(8), address varchar(255), household varchar(20), relation varchar(20))""")
        # The indexes of registry_person, on the matching columns: citizen_id unique (+ LIKE), the folded name,
        # phone and province code (each + LIKE), commune, household.
        cursor.execute(f"CREATE INDEX {BARE_TABLE}_cid_like ON {BARE_TABLE} (citizen_id varchar_pattern_ops)")
        for column in ("full_name", "phone", "era"):
            cursor.execute(f"CREATE INDEX {BARE_TABLE}_{column} ON {BARE_TABLE} ({column})")
            cursor.execute(f"CREATE INDEX {BARE_TABLE}_{column}_like ON {BARE_TABLE} ({column} varchar_pattern_ops)")
        for column in ("commune", "household"):
            cursor.execute(f"CREATE INDEX {BARE_TABLE}_{column} ON {BARE_TABLE} ({column})")
    connection.commit() if not connection.get_autocommit() else None
    started = time.perf_counter()
    with connection.cursor() as cursor, open(path, "rb") as handle:
        columns = "full_name, date_of_birth, sex, ethnicity, citizen_id, phone, commune, era, address, household, " \
                  "relation"
        with cursor.cursor.copy(f"COPY {BARE_TABLE} ({columns}) FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
            while chunk := handle.read(1 << 20):
                copy.write(chunk)
    elapsed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {BARE_TABLE}")
    return elapsed


def _reset() -> None:
    """Empty what an import writes, so each size starts from the same database."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE registry_person, registry_household, registry_householdstatus, registry_importrun, "
                       "core_changelog RESTART IDENTITY CASCADE")


def _size_label(rows: int) -> str:
    return f"{rows // 1_000_000}M" if rows % 1_000_000 == 0 else f"{rows // 1000}k"


def run() -> list[str]:
    """Generate, import through ansinh, COPY the same file; one line per size."""
    from ansinh.core.testing.users import make_user
    from ansinh.geo.models import Unit
    from ansinh.registry.importers import import_people

    sizes = [int(s) for s in os.environ.get("ANSINH_BENCH_IMPORT_SIZES", "100000,1000000").split(",") if s]
    communes = list(Unit.objects.filter(era="pre2025", level="commune", path__startswith="pre2025/84/")
                    .values_list("code", flat=True))
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username="bench-admin").first() or make_user("bench-admin", role="admin")
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        for rows in sizes:
            path = Path(folder) / f"people-{rows}.csv"
            generate(path, rows, communes=communes)
            _reset()
            started = time.perf_counter()
            with PeakRSS() as memory:
                result = import_people(path, user=user, era="pre2025", errors_path=Path(folder) / "errors.csv")
            ansinh_seconds = time.perf_counter() - started
            assert result.rows_stored == rows, (result.rows_stored, result.rows_rejected)
            copy_seconds = _copy_baseline(path)
            lines.append(f"bench import_people_{_size_label(rows)}: ansinh={rows / ansinh_seconds:,.0f}rows/s "
                         f"copy={rows / copy_seconds:,.0f}rows/s peak_rss={memory.megabytes:.0f}MB "
                         f"ratio={copy_seconds / ansinh_seconds:.2f}")
            _reset()
            path.unlink()
    return lines
