"""`cchc new unit SLUG`: scaffold a unit folder whose files validate without edits."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import UsageError

UNIT_TEMPLATE = """\
# yaml-language-server: $schema=../../schema/unit.schema.json
# Hồ sơ đơn vị. Sửa các giá trị dưới đây; thông tin chưa có nguồn thì để trống (không bịa).
# Cấp đơn vị (level): province, commune, ward, special-zone, township, department, district.
name: Ủy ban nhân dân {slug}
short_name: {slug}
level: commune
parent:
province: Chưa ghi
address:
phone:
email:
# Giờ tiếp nhận hồ sơ, mỗi dòng một khoảng thời gian, vd «Sáng: 7 giờ 30 – 11 giờ 30».
reception_hours: []
# Địa chỉ công khai của trang, do Trung tâm CNTT của tỉnh cấp.
site_url: https://{slug}.example.gov.vn/
# Tình trạng: active (đang hoạt động), merged (đã sáp nhập), dissolved (đã giải thể).
status: active
"""

PROCEDURES_TEMPLATE = """\
# yaml-language-server: $schema=../../schema/procedures.schema.json
# Thủ tục đơn vị giải quyết: mỗi mục một mã trong content/procedures, vd
#   - code: "1.000593"
#     where: Bộ phận Tiếp nhận và Trả kết quả
procedures: []
"""


def new_unit(root: Path, slug: str) -> None:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise UsageError(f"Mã đơn vị «{slug}» chỉ dùng chữ thường không dấu, số và dấu gạch nối (vd: xa-son-thuong)")
    folder = root / "units" / slug
    if folder.exists():
        raise UsageError(f"Đã có thư mục units/{slug}; không ghi đè")
    folder.mkdir(parents=True)
    (folder / "unit.yml").write_text(UNIT_TEMPLATE.format(slug=slug), encoding="utf-8")
    (folder / "procedures.yml").write_text(PROCEDURES_TEMPLATE, encoding="utf-8")
    print(f"Đã tạo units/{slug}/unit.yml và units/{slug}/procedures.yml")
