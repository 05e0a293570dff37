"""«Công bố» in local mode: the saved files are committed to the project's git repository under the
editor's name, with a Vietnamese message; the nightly publish run takes the commit from there."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..load import LoadError, load_text
from ..load.marks import review_lines
from ..schema.types import format_date, read_date

TIMER = Path("deploy/cchc-publish.timer")


def _git(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=60)


def git_name(root: Path) -> str | None:
    """`git config user.name` of the project, if set."""
    run = _git(root, "config", "user.name")
    return run.stdout.strip() or None if run.returncode == 0 else None


def when_published(root: Path) -> str:
    """When the public site changes: the nightly timer's hour, else «trong lần công bố đêm nay»."""
    timer = root / TIMER
    text = timer.read_text(encoding="utf-8") if timer.is_file() else ""
    found = re.search(r"^OnCalendar=\*-\*-\* (\d{2}):(\d{2})", text, re.MULTILINE)
    if found:
        return f"trong lần công bố tự động lúc {found[1]}:{found[2]} đêm nay"
    return "trong lần công bố đêm nay"


def held_back(path: str, text: str | None, today: dt.date) -> str | None:
    """Why a saved file is not on the public site after tonight's publish, as the save notice says
    it: an imported draft with review marks left, or a plan or report dated to appear later."""
    if text is None:
        return None
    marks = len(review_lines(text))
    if marks:
        return (f"Bản nháp «{PurePosixPath(path).name}» còn {marks} chỗ cần kiểm tra nên chưa lên trang công khai; "
                "khi đã bỏ hết các dấu đó, lần công bố tự động đêm đó sẽ đưa lên.")
    try:
        data = load_text(text, path).data
        day = read_date(data["publish_from"]) if isinstance(data, dict) and isinstance(data.get("publish_from"), str) else None
    except (LoadError, ValueError):
        return None  # the writer has already refused what does not validate
    if day is None or day <= today:
        return None
    return (f"Văn bản này hẹn đăng từ ngày {format_date(day)}: trước ngày đó chưa hiện ở đâu trên trang "
            "công khai; lần công bố tự động đêm ngày đó sẽ đưa lên.")


@dataclass(frozen=True)
class Committer:
    root: Path
    name: str | None  # the editor's name: `--ten`, else `git config user.name`

    def is_repository(self) -> bool:
        return _git(self.root, "rev-parse", "--is-inside-work-tree").stdout.strip() == "true"

    def commit(self, paths: list[str], what: str) -> str | None:
        """Commit exactly `paths` (written or deleted); the short hash, or None when there is no
        repository or nothing changed."""
        if not self.is_repository():
            return None
        _git(self.root, "add", "-A", "--", *paths)
        if _git(self.root, "diff", "--cached", "--quiet", "--", *paths).returncode == 0:
            return None
        name = self.name or "Trình biên tập web"
        email = _git(self.root, "config", "user.email").stdout.strip() or "bien-tap@localhost"
        who = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}
        run = _git(self.root, "commit", "--quiet", "--no-verify", "-m", f"Trình biên tập web: {what}", "--", *paths, env=who)
        if run.returncode != 0:
            return None
        return _git(self.root, "rev-parse", "--short", "HEAD").stdout.strip() or None

    def message(self, committed: str | None, what: str, held: list[str]) -> str:
        """What the page says after a save: saved, committed as …, and when the public site shows it
        (`held`: why a saved file waits, from `held_back`)."""
        if committed is None:
            return f"Đã {what} trên máy này, nhưng chưa ghi vào kho git nên trang công khai chưa đổi; hãy báo cán bộ CNTT."
        when = " ".join(held) or f"Trang công khai sẽ cập nhật {when_published(self.root)}."
        return f"Đã {what} và ghi vào kho git (mã {committed}, người sửa: {self.name or 'Trình biên tập web'}). {when}"
