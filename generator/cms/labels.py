"""What the web editor's form says, in a commune office's words.

The models' descriptions are written for the reference (they name files and the values written in
them); the form takes its label and hint from them and, where they carry a file name or a value
word, from here instead. Choices that a form shows as a list (a quarter as I–IV, a month, the
nine-month report) are here too; what is written in the file stays what the schema accepts."""

from __future__ import annotations

import re
from typing import Any

from ..schema.report import MONTHS_OF_QUARTER

# Said once at the top of every form instead of «(không bắt buộc)» on every field.
OPTIONAL_ONCE = ("Chỉ những ô ghi «(bắt buộc)» phải điền; các ô khác để trống nếu văn bản không ghi. "
                 "Ghi đúng như văn bản, số viết kiểu Việt Nam (1.234; 12,5).")
REQUIRED_MARK = " (bắt buộc)"

# "Model.field" → what the form shows instead of the model's description.
TEXT: dict[str, dict[str, str]] = {
    "UnitLink.slug": {"label": "Tên viết tắt của đơn vị đó trên trang này",
                      "hint": "Nếu đơn vị đó cũng có trang trong hệ thống: tên không dấu, nối bằng gạch ngang, vd son-thuong"},
    "LocalProcedure.code": {"label": "Thủ tục", "hint": "Gõ vài chữ trong tên thủ tục rồi chọn; mã thủ tục ghi trong ngoặc"},
    "Procedure.field": {"label": "Lĩnh vực", "hint": "Tên viết tắt của lĩnh vực trong danh mục lĩnh vực, vd ho-tich"},
    "Procedure.code": {"label": "Mã thủ tục", "hint": "Mã trên Cổng dịch vụ công, vd 1.000593"},
    "Period.quarter": {"label": "Quý", "hint": "Chỉ chọn khi là báo cáo quý"},
    "Period.month": {"label": "Tháng", "hint": "Chỉ chọn khi là báo cáo tháng"},
    "Period.half": {"label": "6 tháng", "hint": "Chỉ chọn khi là báo cáo 6 tháng"},
    "Period.nine_months": {"label": "Báo cáo 9 tháng đầu năm", "hint": ""},
    "DossierStats.scope": {"label": "Phạm vi của bảng số liệu", "hint": "vd «Toàn tỉnh», «Cấp xã»; để trống nếu chỉ có một bảng"},
    "DossierStats.rate_base": {"label": "Tỷ lệ trong văn bản tính trên số nào", "hint": ""},
    "Issued.publish_from": {"label": "Ngày đăng lên trang",
                            "hint": "Để trống thì đăng ngay trong đêm nay. Ghi ngày/tháng/năm (vd 01/10/2026) nếu chỉ được đăng từ ngày đó: trước ngày đó văn bản chưa hiện ở đâu trên trang"},
}

# Named periods as choices; the value is what the file holds (the schema reads "1"…"4", "1"…"12").
CHOICES: dict[str, dict[str, Any]] = {
    "Period.quarter": {"widget": "select", "options": [{"label": f"Quý {roman}", "value": str(n)} for n, roman in MONTHS_OF_QUARTER.items()]},
    "Period.month": {"widget": "select", "options": [{"label": f"Tháng {n}", "value": str(n)} for n in range(1, 13)]},
    "Period.nine_months": {"widget": "select", "options": [{"label": "Có, báo cáo 9 tháng đầu năm", "value": "true"}]},
}

# What never belongs in a label or hint a commune editor reads: file and folder names, key names,
# English value words.
CODE_WORDS = re.compile(r"content/|units/|\.ya?ml\b|«(true|false)»|\b(resolved|received|scope|true|false)\b")


def text_for(owner_names: list[str], name: str) -> dict[str, str] | None:
    """The form's own words for a field, looked up under the model and the models it inherits from."""
    return next((TEXT[key] for owner in owner_names if (key := f"{owner}.{name}") in TEXT), None)


def choices_for(owner_names: list[str], name: str) -> dict[str, Any] | None:
    return next((CHOICES[key] for owner in owner_names if (key := f"{owner}.{name}") in CHOICES), None)
