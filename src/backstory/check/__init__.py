"""Audit an explainer page for temporal, numeric and grounding errors (``backstory check``).

Public API: :func:`read_page` (HTML, seed-shaped text or backstory JSON -> :class:`Page`),
:func:`check_page` (a page, optionally against its sources -> :class:`Report`) and
:func:`check_explainer` (the composer's gate before an explainer is saved).
"""

from backstory.check.checker import check_explainer, check_page
from backstory.check.page import Page, PageBlock, page_from_explainer, read_page
from backstory.check.report import CODES, Finding, Report
from backstory.errors import CheckError

__all__ = [
    "CODES",
    "CheckError",
    "Finding",
    "Page",
    "PageBlock",
    "Report",
    "check_explainer",
    "check_page",
    "page_from_explainer",
    "read_page",
]
