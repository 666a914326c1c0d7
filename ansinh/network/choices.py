"""Choices of the field network: kinds of collection point, who a staff member works for."""

import datetime as dt

from django.db import models

ACTIVE_SINCE_DEFAULT = dt.date(2020, 1, 1)
"""Active-from date of rows written without one: the rows that were there before staff had dates (see the
migration 0004), and those the demo loaders and benchmarks write. Every service is given the date explicitly."""


class PointKind(models.TextChoices):
    """Kind of collection point."""

    POST_OFFICE = "post_office", "Bưu điện"
    AGENT = "agent", "Đại lý thu"
    BHXH_OFFICE = "bhxh_office", "Cơ quan BHXH"
    COMMUNE = "commune", "UBND xã"


class Organisation(models.TextChoices):
    """Who a staff member works for: the kind of staff."""

    BHXH = "bhxh", "BHXH"
    POST = "post", "Bưu điện"
    AGENT = "agent", "Đại lý thu"
    COMMUNE = "commune", "Chính quyền xã"
    UNION = "union", "Hội, đoàn thể"


class Status(models.TextChoices):
    """Whether a staff member or a point is active on a day (filters)."""

    ACTIVE = "active", "Đang hoạt động"
    INACTIVE = "inactive", "Đã ngừng hoặc chưa bắt đầu"


# How a file names each kind (folded: no accents, lower case); the labels and values are added in importers.
ORGANISATION_WORDS = {
    Organisation.BHXH: {"bhxh", "bao hiem xa hoi", "vien chuc bhxh", "can bo bhxh", "co quan bhxh", "nhan vien bhxh"},
    Organisation.POST: {"post", "buu dien", "bd", "vnpost", "nhan vien buu dien", "buu cuc", "buu dien xa"},
    Organisation.AGENT: {"agent", "dai ly", "dai ly thu", "nhan vien dai ly", "nhan vien thu", "to chuc dich vu thu"},
    Organisation.COMMUNE: {"commune", "xa", "ubnd xa", "can bo xa", "chinh quyen xa", "cong chuc xa", "phuong",
                           "can bo phuong", "ubnd"},
    Organisation.UNION: {"union", "doan the", "hoi", "hoi doan the", "to chuc doan the", "tinh nguyen vien",
                         "hoi phu nu", "hoi lhpn", "doan thanh nien", "hoi nong dan", "hoi cuu chien binh",
                         "cong doan", "mat tran", "mttq"},
}
POINT_KIND_WORDS = {
    PointKind.POST_OFFICE: {"post office", "post", "buu dien", "bd", "buu cuc", "diem buu dien", "vnpost"},
    PointKind.AGENT: {"agent", "dai ly", "dai ly thu", "to chuc dich vu thu"},
    PointKind.BHXH_OFFICE: {"bhxh office", "bhxh", "co quan bhxh", "bhxh huyen", "bhxh tinh", "bhxh xa"},
    PointKind.COMMUNE: {"commune", "ubnd xa", "xa", "ubnd", "phuong", "ubnd phuong"},
}
