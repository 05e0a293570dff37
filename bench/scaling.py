"""The three paths that once grew with the square of their input, each timed at two sizes ten times
apart (`make bench-scaling`). Linear growth shows as a ratio near 10; the square as near 100.

(a) «có phải ý bạn là»: resolving a unit that lists M unknown procedure codes (each a near miss)
    against a catalog of N codes: 50 in 2,000, then 500 in 20,000 (generator/problems/suggest.py);
(b) rendering a unit whose N procedures are all replaced, each page linking its replacement
    (`u.handles(code)` in procedure.md.j2): 1,000 then 10,000;
(c) the citation scan of warnings (`_citations`, its regular expression `_CITATION` in
    generator/resolve/warnings.py) over a plan of 10 KB then 100 KB, half of it runs of 5,000 digits;
(d) the same scan over ten paragraphs, each a document number followed by a run of spaces and no
    «ngày», of 1,000 then 10,000 characters (two `\s*` in a row once split every run every way).
(e) the province pages of Quảng Ngãi (generator/render/province.py): members × quarterly reports,
    17 units × 8 reports then 170 × 8 (units × reports ten times larger), each unit handling the
    bundled procedures plus 20 synthetic ones;
(f) the same along the other axis: 17 units × 4 reports then 17 × 40.

Each project is written under a temporary folder from the bundled content plus synthetic records
(marked as such), loaded once, and only the step itself is timed (best of `--repeat`).

    python bench/scaling.py [--repeat 3] [--only ef]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import procedure_yaml, report_yaml  # noqa: E402

from generator.content_types import PLAN  # noqa: E402
from generator.load import Project, load_project  # noqa: E402
from generator.render import render_unit  # noqa: E402
from generator.resolve import resolve, warnings  # noqa: E402
from generator.resolve.warnings import _citations  # noqa: E402

UNIT = "son-thuong"
PARTS = ["content", "units", "theme", "schema", "mkdocs.yml"]


def bundled(out: Path) -> Path:
    for part in PARTS:
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, out / part)
    return out


def add_procedures(root: Path, codes: list[str], replaced_by: dict[str, str] | None = None) -> None:
    rng = random.Random(2025)
    for code in codes:
        text = procedure_yaml(code, f"Thủ tục tổng hợp {code}", "chung-thuc", rng)
        if replaced_by and code in replaced_by:
            text += f'status: replaced\nreplaced_by: "{replaced_by[code]}"\nstatus_date: 01/01/2025\n'
        (root / "content" / "procedures" / f"{code}.yml").write_text(text, encoding="utf-8")


def list_in_unit(root: Path, codes: list[str]) -> None:
    path = root / "units" / UNIT / "procedures.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "".join(f'  - code: "{c}"\n' for c in codes), encoding="utf-8")


def best(step: Callable[[], object], repeat: int) -> float:
    """Seconds for one run of `step`: the best of `repeat` samples, each at least 0.2 s long (a
    fast step is run several times per sample) so a millisecond step is not timer noise."""
    started = time.perf_counter()
    step()
    runs = max(1, int(0.2 / max(time.perf_counter() - started, 1e-6)))
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        for _ in range(runs):
            step()
        samples.append((time.perf_counter() - started) / runs)
    return min(samples)


def loaded(root: Path) -> Project:
    project, _ = load_project(root)
    return project


def suggestions(tmp: Path, catalog: int, unknown: int, repeat: int) -> float:
    root = bundled(tmp / f"suggest-{catalog}")
    add_procedures(root, [f"9.{i:06d}" for i in range(1, catalog + 1)])
    list_in_unit(root, [f"8.{i:06d}" for i in range(1, unknown + 1)])  # one digit off a catalog code
    project = loaded(root)
    _, problems = resolve(project)
    hinted = [p for p in problems if p.code.value == "unknown-procedure" and "có phải ý bạn là" in p.message]
    assert len(hinted) == unknown, (len(hinted), unknown)
    return best(lambda: resolve(project), repeat)


def replaced_pages(tmp: Path, count: int, repeat: int) -> float:
    root = bundled(tmp / f"replaced-{count}")
    old = [f"7.{i:06d}" for i in range(1, count + 1)]
    new = [f"6.{i:06d}" for i in range(1, count + 1)]
    add_procedures(root, old + new, dict(zip(old, new, strict=True)))
    list_in_unit(root, old + new)
    units, problems = resolve(loaded(root))
    unit = units[UNIT]
    pages = render_unit(unit)
    assert sum("Thủ tục thay thế: [" in text for text in pages.values()) == count
    return best(lambda: render_unit(unit), repeat)


def citation_scan(tmp: Path, kilobytes: int, repeat: int) -> float:
    # A value holds at most 10,000 characters: the plan is paragraphs of 5,000, every other one a
    # single run of digits, the rest prose with citations.
    prose = ("Thực hiện Kế hoạch số 11/KH-UBND ngày 05/01/2024 của UBND huyện. " * 80)[:5_000]
    paragraphs = ["1" * 5_000 if i % 2 == 0 else prose for i in range(kilobytes // 5)]
    return plan_scan(tmp / f"citations-{kilobytes}", paragraphs, kilobytes // 10 * prose.count(" ngày "), repeat)


def space_runs_scan(tmp: Path, kilobytes: int, repeat: int) -> float:
    # Ten paragraphs, each a document number then a run of spaces and no «ngày»: the runs grow
    # with the plan (1,000 then 10,000 characters, the most a value holds), as a pasted table does.
    run = kilobytes * 100 - len("Nghị quyết số 76/NQ-CP") - 1
    paragraphs = ["Nghị quyết số 76/NQ-CP" + " " * run + "x"] * 10
    return plan_scan(tmp / f"spaces-{kilobytes}", paragraphs, 0, repeat)


def plan_scan(root: Path, paragraphs: list[str], citations: int, repeat: int) -> float:
    """Seconds to scan a plan of `paragraphs` for citations (it holds `citations` of them)."""
    bundled(root)
    plan = (
        "symbol: KH-UBND\ndate: 15/01/2025\ntitle: Kế hoạch tổng hợp để đo hiệu năng\nissuer: UBND xã\n"
        "preamble:\n" + "".join(f"  - '{p}'\n" for p in paragraphs)
    )
    (root / "units" / UNIT / "plans").mkdir(exist_ok=True)
    (root / "units" / UNIT / "plans" / "do-hieu-nang.yml").write_text(plan, encoding="utf-8")
    project, problems = load_project(root)
    assert not [p for p in problems if "do-hieu-nang" in p.file], problems  # the plan is read, so scanned
    located = project.units[UNIT].files.all(PLAN)["do-hieu-nang"]
    assert len(list(_citations(located))) == citations  # every citation found
    warnings(project)  # the whole step runs on it
    return best(lambda: list(_citations(located)), repeat)


def province_pages(tmp: Path, members: int, reports: int, repeat: int) -> float:
    root = bundled(tmp / f"province-{members}")
    codes = [f"5.{i:06d}" for i in range(1, 21)]
    add_procedures(root, codes)
    rng = random.Random(2025)
    for i in range(1, members + 1):
        folder = root / "units" / f"xa-tong-hop-{i:03d}"
        (folder / "reports").mkdir(parents=True)
        name = f"Xã Tổng Hợp {i}"
        (folder / "unit.yml").write_text(
            f"name: Ủy ban nhân dân {name.lower()}\nshort_name: {name}\nlevel: commune\nprovince: Quảng Ngãi\n"
            f"site_url: https://xa-tong-hop-{i:03d}.example.gov.vn/\n", encoding="utf-8")
        (folder / "procedures.yml").write_text(
            "procedures:\n" + "".join(f'  - code: "{c}"\n    where: Bộ phận một cửa {name}\n' for c in ["1.000593", *codes]), encoding="utf-8")
        for q in range(reports):
            year, quarter = 2024 + q // 4, q % 4 + 1
            text = report_yaml(name, rng).replace("date: 20/06/2025", f"date: 20/{3 * quarter:02d}/{year}")
            text = text.replace("year: '2025'\n  quarter: '2'", f"year: '{year}'\n  quarter: '{quarter}'")
            (folder / "reports" / f"{year}-q{quarter}.yml").write_text(text, encoding="utf-8")
    units, problems = resolve(loaded(root))
    province = units["quang-ngai"]
    assert len(province.members) == members + 3, len(province.members)  # and Sơn Thượng, Ba Tơ, Trà Bồng
    pages = render_unit(province)
    assert sum(name.startswith("nop-o-dau/") for name in pages) == 2 + len(codes) + 1
    return best(lambda: render_unit(province), repeat)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="the cases to run, by letter (vd: ef); all by default")
    args = parser.parse_args()
    cases: list[tuple[str, str, str, Callable[[Path], float], Callable[[Path], float]]] = [
        ("(a) gợi ý mã thủ tục", "50 mã lạ / 2.000", "500 mã lạ / 20.000",
         lambda t: suggestions(t, 2_000, 50, args.repeat), lambda t: suggestions(t, 20_000, 500, args.repeat)),
        ("(b) trang thủ tục bị thay thế", "1.000", "10.000",
         lambda t: replaced_pages(t, 1_000, args.repeat), lambda t: replaced_pages(t, 10_000, args.repeat)),
        ("(c) quét trích dẫn", "10 KB", "100 KB",
         lambda t: citation_scan(t, 10, args.repeat), lambda t: citation_scan(t, 100, args.repeat)),
        ("(d) quét trích dẫn, dãy dấu cách", "10 KB", "100 KB",
         lambda t: space_runs_scan(t, 10, args.repeat), lambda t: space_runs_scan(t, 100, args.repeat)),
        ("(e) trang cấp tỉnh", "17 đơn vị × 8 báo cáo", "170 đơn vị × 8 báo cáo",
         lambda t: province_pages(t, 17, 8, args.repeat), lambda t: province_pages(t, 170, 8, args.repeat)),
        ("(f) trang cấp tỉnh, số báo cáo", "17 đơn vị × 4 báo cáo", "17 đơn vị × 40 báo cáo",
         lambda t: province_pages(t, 17, 4, args.repeat), lambda t: province_pages(t, 17, 40, args.repeat)),
    ]
    cases = [c for c in cases if not args.only or c[0][1] in args.only]
    print(f"{'đường':<32} {'nhỏ':>29} {'lớn (×10)':>31} {'tỉ lệ':>6}")
    for name, small_label, large_label, small, large in cases:
        with tempfile.TemporaryDirectory() as tmp:
            a = small(Path(tmp))
        with tempfile.TemporaryDirectory() as tmp:
            b = large(Path(tmp))
        print(f"{name:<32} {small_label:>18} {a:8.4f} s {large_label:>20} {b:8.4f} s {b / a:6.1f}", flush=True)


if __name__ == "__main__":
    main()
