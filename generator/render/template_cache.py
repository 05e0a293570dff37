"""Compiled templates, kept between builds and between processes: the Markdown templates of
`render` and the theme's (Material's and theme/'s), which MkDocs loads into a new Jinja environment
for every site it builds. Without it, each unit's build compiled them all again, about a third of its
time, and `cchc publish` builds each unit in a process of its own. Jinja's bytecode cache keeps the
compiled form on disk, keyed by the template's name and file and checked against a hash of its
source (and Jinja's and Python's versions), so an edited template is compiled again and a page is
byte for byte what it would be without the cache.

The cache is Jinja's own folder for it (`$TMPDIR/_jinja2-cache-<uid>`, kept at mode 0700 and refused
when another user owns it or it is not a folder). It only saves time: when the folder cannot be made or a
file cannot be read or written (a full or read-only disk), the build compiles as before."""

from __future__ import annotations

import functools

from jinja2.bccache import Bucket, FileSystemBytecodeCache


class _Cache(FileSystemBytecodeCache):
    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):  # unreadable or cut short: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a full or read-only disk costs the next build time, nothing else
            pass


@functools.cache
def compiled() -> FileSystemBytecodeCache | None:
    """The machine's cache of compiled templates, or None when it cannot be used."""
    try:
        return _Cache()
    except (OSError, RuntimeError):  # RuntimeError: Jinja found the folder unsafe
        return None
