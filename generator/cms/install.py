"""`python -m generator.cms.install` (`make cms`): the two files trees the admin page loads, from npm,
without the 730 packages their package.json files pull. The page needs only Decap CMS's
self-contained browser bundle (`decap-cms/dist`) and the yaml library's browser build; npm fetches
each package's tarball (`npm pack`, through its cache), the SHA-512 is checked against
`cms/package-lock.json`, and only those folders are unpacked (no source maps, no install scripts)."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from .server import CMS_DIR

KEEP = {"decap-cms": ("dist/",), "yaml": ("browser/",)}  # what the admin page loads, per package
ALWAYS = ("package.json", "LICENSE", "README.md")
STAMP = ".cchc-installed"


class InstallError(Exception):
    pass


def pinned(lock: Path) -> dict[str, tuple[str, str]]:
    """name → (version, integrity) from the lock file."""
    packages = json.loads(lock.read_text(encoding="utf-8"))["packages"]
    return {path.removeprefix("node_modules/"): (entry["version"], entry["integrity"])
            for path, entry in packages.items() if path.startswith("node_modules/")}


def _wanted(name: str, member: str) -> bool:
    inside = member.removeprefix("package/")
    base = PurePosixPath(inside).name
    if not member.startswith("package/") or inside.endswith(".map") or (base.endswith("cms.js") and not base.endswith("decap-cms.js")):
        return False  # source maps and the second copy of the bundle (`cms.js`, its chunks): not loaded
    return inside in ALWAYS or inside.startswith(KEEP[name])


def unpack(tarball: Path, name: str, dest: Path) -> None:
    with tarfile.open(tarball, "r:gz") as archive:
        for member in archive.getmembers():
            parts = PurePosixPath(member.name).parts
            if not member.isfile() or ".." in parts or member.name.startswith("/") or not _wanted(name, member.name):
                continue
            target = dest.joinpath(*parts[1:])
            target.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            if source is not None:
                target.write_bytes(source.read())


def install(cms: Path = CMS_DIR) -> None:
    modules = cms / "node_modules"
    lock = cms / "package-lock.json"
    pins = pinned(lock)
    stamp = modules / STAMP
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == lock.read_text(encoding="utf-8"):
        return
    with tempfile.TemporaryDirectory() as scratch:
        for name, (version, integrity) in pins.items():
            run = subprocess.run(["npm", "pack", "--silent", "--pack-destination", scratch, f"{name}@{version}"],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                raise InstallError(f"npm không tải được {name}@{version}: {run.stderr.strip()[-300:]}")
            tarball = Path(scratch) / run.stdout.strip().splitlines()[-1]
            digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
            if digest != integrity:
                raise InstallError(f"{name}@{version}: mã kiểm tra SHA-512 khác với cms/package-lock.json, không cài")
            shutil.rmtree(modules / name, ignore_errors=True)
            unpack(tarball, name, modules / name)
    stamp.write_text(lock.read_text(encoding="utf-8"), encoding="utf-8")


if __name__ == "__main__":
    try:
        install()
    except InstallError as error:
        print(error, file=sys.stderr)
        sys.exit(1)
