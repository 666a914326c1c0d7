"""The parameters the rules engine uses: the shipped tables plus the rows officers added in the database."""

from ansinh.rules import Parameters, load_parameters


def current_parameters() -> Parameters:
    """Shipped parameter tables, overridden from their dates by officer-added rows (none yet)."""
    return load_parameters()
