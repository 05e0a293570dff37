"""The engine stage: each unit's Markdown and generated config written to disk and built by MkDocs, with the
project's MkDocs events (sanitising, link and anchor checks) and MkDocs' warnings shown whole."""

from .build import UnitPaths, build_site, quiet_mkdocs, source_date_epoch, unit_config, use_commit_time, write_sources

__all__ = ["UnitPaths", "build_site", "quiet_mkdocs", "source_date_epoch", "unit_config", "use_commit_time", "write_sources"]
