"""Generates a synthetic province outside the tracked tree, for measurements only: a catalog of
procedures and units that each list 100–400 of them. Every record says it is synthetic.

    python bench/synthetic.py OUT [--procedures 2000] [--communes 150] [--departments 20]
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERBS = ["Đăng ký", "Cấp", "Cấp lại", "Cấp đổi", "Điều chỉnh", "Gia hạn", "Thu hồi", "Chứng thực", "Xác nhận",
         "Thẩm định", "Phê duyệt", "Công nhận", "Đính chính", "Thay đổi", "Bổ sung", "Trích lục"]
OBJECTS = ["khai sinh", "kết hôn", "khai tử", "giấy phép xây dựng", "giấy chứng nhận quyền sử dụng đất",
           "hộ kinh doanh", "nhận cha, mẹ, con", "thông tin hộ tịch", "giám hộ", "hợp đồng lao động",
           "chữ ký người dịch", "hợp tác xã", "đất đai", "nhà ở xã hội", "trợ cấp xã hội", "người có công",
           "thuốc thú y", "giống cây trồng", "biển hiệu quảng cáo", "điểm kinh doanh", "lễ hội", "di tích",
           "trường mầm non", "cơ sở giáo dục", "tàu cá", "đường thủy nội địa", "phòng cháy, chữa cháy"]
QUALIFIERS = ["", "có yếu tố nước ngoài", "lưu động", "cho người nước ngoài", "trong trường hợp bị mất",
              "đối với tổ chức", "đối với cá nhân", "kết hợp", "lần đầu", "theo yêu cầu"]
FIELDS = [("ho-tich", "Hộ tịch"), ("chung-thuc", "Chứng thực"), ("dat-dai", "Đất đai"),
          ("xay-dung", "Xây dựng"), ("kinh-doanh", "Đăng ký kinh doanh"), ("bao-tro-xa-hoi", "Bảo trợ xã hội"),
          ("nong-nghiep", "Nông nghiệp"), ("van-hoa", "Văn hóa"), ("giao-duc", "Giáo dục"), ("giao-thong", "Giao thông")]
SOURCE = "    title: Dữ liệu tổng hợp để đo hiệu năng, không phải thủ tục thật\n"
COMMON = 5  # the first codes are handled by every commune


def procedure_yaml(code: str, name: str, field: str, rng: random.Random) -> str:
    steps = "".join(f"  - Bước {i} của thủ tục {name.lower()} (dữ liệu tổng hợp).\n" for i in range(1, rng.randint(3, 6)))
    dossier = "".join(
        f"  - document: Giấy tờ số {i} cho thủ tục (tổng hợp)\n    originals: '1'\n    copies: '{rng.randint(0, 2)}'\n"
        for i in range(1, rng.randint(2, 6))
    )
    return (
        f'code: "{code}"\nname: {name}\nfield: {field}\nlevels:\n  - commune\n'
        f"online_level: {rng.choice(['full', 'partial', 'none'])}\n"
        f"steps:\n{steps}channels:\n  - channel: in-person\n    time_limit: {rng.randint(1, 20)} ngày làm việc\n"
        f"    fee: {rng.choice(['Không', '50.000 đồng', '100.000 đồng'])}\n  - channel: online\n"
        f"    time_limit: {rng.randint(1, 15)} ngày làm việc\n    fee: Không\ndossier:\n{dossier}dossier_sets: 01 bộ\n"
        f"applicants:\n  - Cá nhân, tổ chức (tổng hợp)\nauthority: Ủy ban nhân dân cấp xã\nresult: Kết quả (tổng hợp)\n"
        f"legal_basis:\n  - Văn bản căn cứ (tổng hợp)\nsource:\n{SOURCE}last_reviewed: 01/01/2026\n"
    )


def unit_yaml(slug: str, name: str, level: str) -> str:
    return (
        f"name: {name}\nshort_name: {name}\nlevel: {level}\nprovince: Tỉnh tổng hợp\n"
        f"site_url: https://{slug}.example.gov.vn/\nstatus: active\n"
    )


def plan_yaml(name: str, rng: random.Random) -> str:
    tasks = "".join(
        f"  - title: Nhiệm vụ {i} (tổng hợp)\n    lead: Văn phòng\n    partners:\n      - Các bộ phận\n    timeframe: Hàng năm\n"
        for i in range(1, rng.randint(5, 12))
    )
    return f"symbol: KH-UBND\ndate: 15/01/2025\ntitle: Kế hoạch cải cách hành chính năm 2025 của {name}\nissuer: {name}\ntasks:\n{tasks}"


def report_yaml(name: str, rng: random.Random) -> str:
    online, in_person, carried = rng.randint(50, 400), rng.randint(0, 50), rng.randint(0, 10)
    total = online + in_person + carried
    withdrawn = rng.randint(0, 3)
    early = total - withdrawn
    return (
        f"symbol: BC-UBND\ndate: 20/06/2025\ntitle: Báo cáo kết quả cải cách hành chính quý II năm 2025 của {name}\n"
        f"issuer: {name}\nperiod:\n  year: '2025'\n  quarter: '2'\ndossier_stats:\n"
        f"  received:\n    online: '{online}'\n    in_person: '{in_person}'\n    carried_over: '{carried}'\n"
        f"  resolved:\n    early: '{early}'\n    on_time: '0'\n    late: '0'\n"
        f"  in_progress:\n    within_deadline: '0'\n    overdue: '0'\n  withdrawn: '{withdrawn}'\n"
    )


def generate(out: Path, procedures: int, communes: int, departments: int, seed: int = 2025) -> Path:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "content" / "procedures").mkdir(parents=True)
    shutil.copytree(ROOT / "theme", out / "theme")
    shutil.copy2(ROOT / "mkdocs.yml", out / "mkdocs.yml")
    (out / "content" / "fields.yml").write_text(
        "fields:\n" + "".join(f"  - slug: {s}\n    name: {n}\n" for s, n in FIELDS), encoding="utf-8"
    )
    codes = []
    names = sorted({f"{v} {o} {q}".strip() for v in VERBS for o in OBJECTS for q in QUALIFIERS})
    rng.shuffle(names)
    for i, name in enumerate(names[:procedures]):
        code = f"9.{i + 1:06d}"
        codes.append(code)
        field = FIELDS[i % len(FIELDS)][0]
        (out / "content" / "procedures" / f"{code}.yml").write_text(procedure_yaml(code, name, field, rng), encoding="utf-8")
    units = [(f"xa-{i:03d}", f"Xã Tổng Hợp {i}", "commune") for i in range(1, communes + 1)]
    units += [(f"so-{i:02d}", f"Sở Tổng Hợp {i}", "department") for i in range(1, departments + 1)]
    for slug, name, level in units:
        folder = out / "units" / slug
        (folder / "plans").mkdir(parents=True)
        (folder / "reports").mkdir()
        (folder / "unit.yml").write_text(unit_yaml(slug, name, level), encoding="utf-8")
        chosen = set(rng.sample(codes, min(len(codes), rng.randint(100, 400))))
        if level == "commune":
            chosen |= set(codes[:COMMON])  # records every commune handles (e.g. chứng thực, hộ tịch)
        chosen = sorted(chosen)
        (folder / "procedures.yml").write_text(
            "procedures:\n" + "".join(f'  - code: "{c}"\n' for c in chosen), encoding="utf-8"
        )
        (folder / "plans" / "2025.yml").write_text(plan_yaml(name, rng), encoding="utf-8")
        (folder / "reports" / "2025-q2.yml").write_text(report_yaml(name, rng), encoding="utf-8")
    province = out / "units" / "tinh-tong-hop"  # the province: its pages are over every unit above
    province.mkdir()
    (province / "unit.yml").write_text(unit_yaml("tinh-tong-hop", "Tỉnh Tổng Hợp", "province"), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--communes", type=int, default=150)
    parser.add_argument("--departments", type=int, default=20)
    args = parser.parse_args()
    generate(args.out, args.procedures, args.communes, args.departments)
    print(f"Synthetic project written to {args.out}")


if __name__ == "__main__":
    main()
