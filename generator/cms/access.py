"""Which files the web editor may read and write: the content kinds the registry names, in the
started unit's folder and (where allowed) the shared catalogs under `content/`; never a symlink,
never outside the project. Everything the API touches is first named here, so a path the registry
does not describe (`Makefile`, `.git/config`, `theme/`, another unit, `../`) is unreachable."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from ..content_types import REGISTRY, ContentType, Registry, is_collection

NAME = r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}"  # a file name inside a content folder; the gate checks the convention


def kind_of(path: str, registry: Registry = REGISTRY) -> ContentType[Any] | None:
    """The content kind whose pattern the path fits, for any unit."""
    for kind in registry:
        for pattern in kind.paths:
            if re.fullmatch(re.sub(r"\\\{(unit|name|code)\\\}", "[^/]+", re.escape(pattern)), path):
                return kind
    return None


class Forbidden(Exception):
    """A path the editor may not touch; the message is the Vietnamese sentence the API answers."""


def _regex(pattern: str, slug: str) -> str:
    parts = re.split(r"(\{unit\}|\{name\}|\{code\})", pattern)
    out = []
    for part in parts:
        if part == "{unit}":
            out.append(re.escape(slug))
        elif part in ("{name}", "{code}"):
            out.append(NAME)
        else:
            out.append(re.escape(part))
    return "".join(out)


@dataclass(frozen=True)
class Access:
    """The files of one editing session: `slug`'s unit and, when `catalogs`, the shared files."""

    root: Path
    slug: str
    catalogs: bool = True
    registry: Registry = REGISTRY

    def patterns(self) -> list[str]:
        found = []
        for kind in self.registry:
            for pattern in kind.paths:
                if pattern.startswith("units/{unit}/") or self.catalogs:
                    found.append(pattern)
        return found

    def folders(self) -> set[str]:
        """The folders whose files Decap lists (`entriesByFolder`)."""
        return {str(PurePosixPath(p.replace("{unit}", self.slug)).parent) for p in self.patterns() if is_collection(p)}

    def allowed(self, path: str) -> bool:
        return any(re.fullmatch(_regex(p, self.slug), path) for p in self.patterns())

    def file(self, path: object) -> Path:
        """The file on disk for an API path, or Forbidden: a plain relative path of an allowed kind,
        no symlink anywhere along it, inside the project."""
        if not isinstance(path, str) or not self.allowed(path) or "\\" in path or "\x00" in path:
            raise Forbidden(f"Trình biên tập không được đụng tới tệp «{str(path)[:120]}»: chỉ các tệp nội dung của đơn vị {self.slug} và danh mục dùng chung")
        current = self.root
        for part in PurePosixPath(path).parts:
            current = current / part
            if current.is_symlink():
                raise Forbidden(f"Tệp «{path}» là liên kết tượng trưng (symlink): trình biên tập không ghi qua liên kết")
        if not current.resolve().is_relative_to(self.root.resolve()):
            raise Forbidden(f"Tệp «{path}» nằm ngoài dự án")
        return current

    def folder(self, path: object) -> Path:
        if not isinstance(path, str) or path.rstrip("/") not in self.folders():
            raise Forbidden(f"Trình biên tập không được đọc thư mục «{str(path)[:120]}»")
        found = self.root / path.rstrip("/")
        for parent in (found, *found.parents):
            if parent == self.root:
                break
            if parent.is_symlink():
                raise Forbidden(f"Thư mục «{path}» là liên kết tượng trưng (symlink)")
        return found
