"""Build the coverage map's province boundaries (static GeoJSON of both structures) from the shipped source."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from ansinh.geo import boundaries
from ansinh.geo.models import Unit


class Command(BaseCommand):
    help = "Dựng lại tệp ranh giới tỉnh (GeoJSON, hai cơ cấu) cho bản đồ bao phủ, từ tệp nguồn kèm phần mềm."

    def handle(self, *args, **options):
        try:
            loaded = Unit.objects.filter(level="province").exists()
        except DatabaseError:
            loaded = False
        if not loaded:
            raise CommandError("Chưa có đơn vị hành chính trong cơ sở dữ liệu: chạy `ansinh migrate` và "
                               "`ansinh load-units` trước.")
        for era, collection in boundaries.build().items():
            path = boundaries.output_path(era)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(boundaries.dumps(collection), encoding="utf-8")
            shapes = sum(1 for f in collection["features"] if not f["properties"].get("island"))
            self.stdout.write(f"{path.name}: {shapes} tỉnh, {path.stat().st_size // 1024} KB")
