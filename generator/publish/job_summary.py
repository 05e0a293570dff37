"""The last lines of a nightly CI job: which of its units went live, which kept their live release
and why, from the job's `cchc publish --report` and the server's state.json read after the push.

    python -m generator.publish.job_summary run.json live.json

A unit the job built counts as live only when the server serves that very release: a release that
was built but refused or never copied is held back, and said so, whatever the earlier steps printed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ..problems import printable
from ..problems.messages import Say


def lines(report: dict[str, Any], live: dict[str, Any]) -> list[str]:
    went_live, held, unchanged = [], [], []
    for unit in report.get("units", []):
        slug, status, release = unit["slug"], unit["status"], unit.get("release", "")
        served = (live.get(slug) or {}).get("release")
        if status == "failed":
            reason = printable(unit["reasons"][0]) if unit.get("reasons") else "không rõ"
            held.append(f"  Giữ bản đang đăng: {slug}: nội dung có lỗi: {reason}")
        elif status == "unchanged":
            unchanged.append(slug)
        elif served == release:
            went_live.append(f"  Đã lên mạng: {slug} (bản {release})")
        else:
            held.append(f"  Giữ bản đang đăng: {slug}: bản {release} đã dựng nhưng máy chủ chưa đăng "
                        f"(máy chủ đang đăng {served or 'không có bản nào'}; xem lỗi của bước chép và đăng ở trên)")
    if unchanged:
        went_live.append(f"  Không đổi (đã đăng từ trước): {', '.join(unchanged)}")
    return ["Tóm tắt lần chạy này:", *went_live, *held] if went_live or held else ["Tóm tắt lần chạy này: không có đơn vị nào."]


def main(argv: list[str]) -> int:
    if not Path(argv[0]).is_file():
        print(Say.NO_RUN_REPORT(path=argv[0]))
        return 0
    report = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    live = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    print("\n".join(lines(report, live)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
