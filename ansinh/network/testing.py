"""Test helpers: collection points and staff without relying on seeded ids."""

from ansinh.network.models import CollectionPoint, Staff


def make_point(unit, code: str = "TV-BD-01", name: str = "Bưu điện huyện Càng Long") -> CollectionPoint:
    """A collection point (post office) in a unit."""
    return CollectionPoint.objects.create(code=code, name=name, kind="post_office", unit=unit,
                                          province_code=unit.province_code)


def make_staff(unit, code: str = "NV001", full_name: str = "Trần Văn Thu", point=None, organisation: str = "post"
               ) -> Staff:
    """A collector working in a unit."""
    return Staff.objects.create(code=code, full_name=full_name, organisation=organisation, unit=unit,
                                province_code=unit.province_code, collection_point=point)
