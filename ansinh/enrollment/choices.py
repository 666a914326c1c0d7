"""Choices for enrollments and contributions."""

from django.db import models


class Scheme(models.TextChoices):
    """What a person is enrolled in."""

    VOLUNTARY_SI = "voluntary_si", "BHXH tự nguyện"
    HOUSEHOLD_HI = "household_hi", "BHYT hộ gia đình"
    HI_GROUP = "hi_group", "BHYT nhóm khác (HS, SV, CN, HN, DT, TE, GB…)"
    COMPULSORY_SI = "compulsory_si", "BHXH bắt buộc"
    UNEMPLOYMENT = "unemployment", "Bảo hiểm thất nghiệp"


HI_SCHEMES = (Scheme.HOUSEHOLD_HI, Scheme.HI_GROUP)
SI_SCHEMES = (Scheme.VOLUNTARY_SI, Scheme.COMPULSORY_SI)


class EnrollmentStatus(models.TextChoices):
    """Open (active) or ended."""

    ACTIVE = "active", "Đang tham gia"
    ENDED = "ended", "Đã dừng"


class PaymentMethod(models.TextChoices):
    """How contributions are paid (Law 41/2024 Art. 36; HI 3/6/12 months)."""

    MONTHLY = "monthly", "Hằng tháng"
    MONTHS_3 = "3_months", "3 tháng một lần"
    MONTHS_6 = "6_months", "6 tháng một lần"
    MONTHS_12 = "12_months", "12 tháng một lần"
    ADVANCE = "advance", "Đóng một lần cho nhiều năm về sau"
    MISSING = "missing", "Đóng một lần cho thời gian còn thiếu"


METHOD_MONTHS = {PaymentMethod.MONTHLY: 1, PaymentMethod.MONTHS_3: 3, PaymentMethod.MONTHS_6: 6,
                 PaymentMethod.MONTHS_12: 12}


class EndReason(models.TextChoices):
    """Why an enrollment ended."""

    LAPSED = "lapsed", "Không đóng tiếp"
    MOVED_TO_COMPULSORY = "compulsory", "Chuyển sang BHXH bắt buộc"
    OTHER_GROUP = "other_group", "Chuyển nhóm đối tượng BHYT"
    DIED = "died", "Chết"
    RETIRED = "retired", "Hưởng lương hưu"
    LUMP_SUM = "lump_sum", "Hưởng BHXH một lần"
    CORRECTION = "correction", "Nhập sai, huỷ"


class ContactOutcome(models.TextChoices):
    """What came of a follow-up with a participant on the worklist."""

    VISITED = "visited", "Đã đến nhà"
    CALLED = "called", "Đã gọi điện"
    SMS = "sms", "Đã nhắn tin"
    UNREACHABLE = "unreachable", "Không liên lạc được"
    PROMISED = "promised", "Hẹn ngày đóng"
    REFUSED = "refused", "Từ chối"
    MOVED = "moved", "Đã chuyển đi nơi khác"
    DIED = "died", "Đã mất"


# An entry whose latest outcome is one of these leaves the worklist (a promise: until its day).
CONTACT_CLOSES = (ContactOutcome.MOVED, ContactOutcome.DIED)


class ReminderChannel(models.TextChoices):
    """How a reminder reaches a person (ansinh.core.messaging): the order is the order of preference."""

    ZALO = "zalo", "Zalo"
    SMS = "sms", "SMS"
    EMAIL = "email", "E-mail"


class ReminderKind(models.TextChoices):
    """What a reminder is about, the most urgent first."""

    LAPSED = "lapsed", "Thẻ BHYT đã hết hạn, còn giữ được liên tục"
    EXPIRING = "expiring", "Thẻ BHYT sắp hết hạn"
    VSI_DUE = "vsi_due", "Đến kỳ đóng BHXH tự nguyện"


class ReminderStatus(models.TextChoices):
    """A reminder's way: written before it leaves (sending), then accepted by the provider, delivered (the
    provider's report), or failed with the reason."""

    SENDING = "sending", "Đang gửi"
    SENT = "sent", "Đã gửi"
    DELIVERED = "delivered", "Đã đến máy"
    FAILED = "failed", "Lỗi"


class OptOut(models.TextChoices):
    """How a person stopped their reminders."""

    REPLY = "reply", "Nhắn tin trả lời từ chối"
    FLAG = "flag", "Cán bộ ghi nhận từ chối"


class ProspectStatus(models.TextChoices):
    """Where a prospect stands: still to be won, registered through the list, or found covered since."""

    OPEN = "open", "Chưa tham gia"
    CONVERTED = "converted", "Đã đăng ký"
    COVERED = "covered", "Đã có BHYT/BHXH"


class ProspectMatch(models.TextChoices):
    """How a resident was found in the registry."""

    CITIZEN_ID = "citizen_id", "Theo số định danh"
    NAME_DOB = "name_dob", "Theo họ tên và ngày sinh"
    NONE = "none", "Chưa có trong ansinh"


class TransferStatus(models.TextChoices):
    """What became of a transfer read from a bank statement."""

    RECORDED = "recorded", "Đã ghi nhận"
    REFUSED = "refused", "Cần xem lại"
