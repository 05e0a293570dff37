"""Resolve: references between files checked and joined (catalog codes, cited documents, units),
and the warnings that compare documents with each other."""

from .units import ResolvedUnit, UnitProcedure, resolve
from .warnings import warnings

__all__ = ["ResolvedUnit", "UnitProcedure", "resolve", "warnings"]
