"""Error codes of geo (administrative units and their yearly figures)."""

from ansinh.core.errors import Codes


class GeoError(Codes):
    """Refusals of geo's services."""
