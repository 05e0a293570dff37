"""Problems: what an editor is told (place, field, Vietnamese message, code, hint) and the errors
the command line prints without a traceback."""

from .codes import Code
from .errors import (
    BuildError,
    CchcError,
    ContentError,
    Problem,
    Severity,
    UsageError,
    blocking,
    count_line,
    print_problems,
    printable,
    require_valid,
)
from .suggest import Suggester, did_you_mean

__all__ = [
    "BuildError", "CchcError", "Code", "ContentError", "Problem", "Severity", "Suggester", "UsageError",
    "blocking", "count_line", "did_you_mean", "print_problems", "printable", "require_valid",
]
