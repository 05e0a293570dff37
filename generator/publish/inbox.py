"""`cchc activate --dest DIR`: on the web server, make live the releases runners copied into
DIR/.inbox/<unit>/<release>/ (with rsync), under the destination's lock.

Each release is checked against its manifest first: one that is incomplete (an rsync cut short) is
left in the inbox for the next copy to complete, and never goes live. A complete one is moved into
DIR/<unit>/releases/ by one rename, `current` is switched, old releases are pruned, and the serving
map is rebuilt from everything live. No project checkout is needed on the server.

On a new server, `cchc activate --dest DIR` with nothing pushed yet creates DIR with an empty
`units.map`, which nginx needs before its first start.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from ..problems import printable
from ..problems.messages import Say
from ..resolve.hosts import host_error
from . import manifest, serving
from .lock import DestinationLock
from .policy import NAME_PATTERN
from .releases import IncompleteRelease, UnitReleases

INBOX = ".inbox"


def activate(dest: Path, keep: int = 5, wait: float = 0.0) -> int:
    inbox = dest / INBOX
    failed = 0
    dest.mkdir(parents=True, exist_ok=True)
    with DestinationLock(dest, wait):
        for folder in sorted(inbox.glob("*/*")) if inbox.is_dir() else []:
            slug, release = folder.parent.name, folder.name
            releases = UnitReleases(dest, slug)
            found = manifest.problems(folder, slug, release)
            recorded = manifest.read(folder)
            if not NAME_PATTERN.fullmatch(slug) or not NAME_PATTERN.fullmatch(release):
                found = [Say.INBOX_BAD_NAME(slug=slug, release=release)]
            elif recorded and (error := host_error(recorded.host)):
                found = [error]
            if found:
                failed += 1
                print(Say.INBOX_LEFT(slug=slug, problem=IncompleteRelease(slug, release, found), inbox=INBOX), file=sys.stderr)
                continue
            releases.releases_dir.mkdir(parents=True, exist_ok=True)
            releases.clean()
            if releases.release(release).exists() and not releases.problems(release):
                shutil.rmtree(folder)
            else:
                if releases.release(release).exists():
                    releases.discard(release)
                os.rename(folder, releases.release(release))
            if releases.live_id() != release:
                releases.switch(release)
                print(Say.ACTIVATED(slug=slug, release=release))
            releases.prune(keep)
        for empty in sorted(inbox.glob("*")) if inbox.is_dir() else []:
            if empty.is_dir() and not any(empty.iterdir()):
                empty.rmdir()
        for note in serving.rebuild(dest):
            print(Say.NOTE(note=printable(note)), file=sys.stderr)
    return 1 if failed else 0
