"""Benchmark of the nightly publish on a synthetic province (150 communes, 20 departments, a catalog
of 2,000 procedures, 100–400 per unit), generated outside the tracked tree in bench/out/.

Measures: a cold publish of everything; a rerun with nothing changed; a rerun after one unit's
edit; a rerun after one catalog record used by every commune changed; peak memory of the whole
process tree; output size; and, as the baseline, a plain sequential MkDocs build of the same
generated Markdown, one unit after the other in one process.

    python bench/publish.py [--communes 150] [--departments 20] [--procedures 2000] [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import generate

OUT = Path(__file__).resolve().parent / "out"
EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}


def _tree_rss(root_pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (from /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(entry.name)] = int(fields.get("PPid", "0").strip())
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
    family, changed = {root_pid}, True
    while changed:
        changed = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                changed = True
    return sum(rss.get(pid, 0) for pid in family)


def timed(args: list[str]) -> tuple[float, int, str]:
    """Run a command; wall seconds, peak memory of its process tree, and its summary line."""
    started = time.monotonic()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env={**os.environ, **EPOCH})
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, _ = process.communicate()
    done.set()
    sampler.join()
    summary = next((line for line in out.splitlines() if line.startswith("Xong")), out.strip()[-200:])
    return time.monotonic() - started, peak, summary


def sequential_mkdocs(project: Path) -> float:
    """The baseline: render every unit's Markdown, then time plain `mkdocs build`, one unit after
    another in one process."""
    code = (
        "import sys,time; from pathlib import Path; from generator.pipeline import check, render_all;"
        "from generator.engine import UnitPaths, write_sources;"
        "from generator.engine.choice import load_config, build, quiet; quiet();"
        "root=Path(sys.argv[1]); units,_=check(root); pages=render_all(units, sorted(units));"
        "[write_sources(units[s], pages[s], UnitPaths(root, s)) for s in sorted(units)];"
        "t=time.monotonic();"
        "[build(load_config(config_file=str(UnitPaths(root, s).config_file))) for s in sorted(units)];"
        "print(time.monotonic()-t)"
    )
    result = subprocess.run([sys.executable, "-c", code, str(project)], capture_output=True, text=True,
                            env={**os.environ, **EPOCH}, check=True)
    return float(result.stdout.strip().splitlines()[-1])


def sequential_mkdocs_cli(project: Path) -> float:
    """The plain way to script it: `mkdocs build -f build/<unit>/mkdocs.yml` (or `properdocs build`,
    the engine in use), one unit after another (sources as written by `sequential_mkdocs`)."""
    from generator.engine.choice import engine_name

    started = time.monotonic()
    for config in sorted((project / "build").glob("*/mkdocs.yml")):
        subprocess.run([sys.executable, "-m", engine_name(), "build", "-q", "-f", str(config)], check=True,
                       env={**os.environ, **EPOCH}, capture_output=True)
    return time.monotonic() - started


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--communes", type=int, default=150)
    parser.add_argument("--departments", type=int, default=20)
    parser.add_argument("--procedures", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    project = generate(OUT / "province", args.procedures, args.communes, args.departments)
    dest = OUT / "www"
    shutil.rmtree(dest, ignore_errors=True)
    cchc = [sys.executable, "-m", "generator", "-C", str(project), "publish", "--dest", str(dest)]
    cchc += ["--jobs", str(args.jobs)] if args.jobs else []
    results = {}
    results["cold publish"] = timed(cchc)
    results["rerun, nothing changed"] = timed(cchc)
    unit = project / "units" / "xa-001" / "unit.yml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("short_name: Xã Tổng Hợp 1", "short_name: Xã Tổng Hợp Một"), encoding="utf-8")
    results["rerun after one unit's edit"] = timed(cchc)
    record = project / "content" / "procedures" / "9.000001.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("dossier_sets: 01 bộ", "dossier_sets: 02 bộ"), encoding="utf-8")
    results["rerun after a record every commune uses changed"] = timed(cchc)
    baseline = sequential_mkdocs(project)
    baseline_cli = sequential_mkdocs_cli(project)
    pages = sum(1 for _ in (dest).glob("*/current/**/index.html"))
    live = sum(du(release.resolve()) for release in dest.glob("*/current"))
    from generator.engine.choice import engine_name

    report = {
        "engine": engine_name(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "units": args.communes + args.departments + 1, "catalog": args.procedures, "live pages": pages,
        "live output bytes": live, "output bytes with kept releases": du(dest),
        "runs": {name: {"seconds": round(s, 1), "peak memory MB": round(m / 2**20), "summary": line}
                 for name, (s, m, line) in results.items()},
        "baseline: sequential mkdocs build in one process, seconds": round(baseline, 1),
        "baseline: `mkdocs build` once per unit, seconds": round(baseline_cli, 1),
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))
    (OUT / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
