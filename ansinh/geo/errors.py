"""Error codes of geo (administrative units and their yearly figures)."""

from ansinh.core.errors import Codes


class GeoError(Codes):
    """Refusals of geo's services."""

    UNIT_NOT_VALID_ON_DATE = ("unit_not_valid_on_date",
                              "The unit does not exist on the record's date (an old-structure unit after 30/6/2025, "
                              "or a unit of today's structure before 1/7/2025); the message names the right one.")
