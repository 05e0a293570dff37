"""The site engine is a setting (CCHC_ENGINE=mkdocs|properdocs): both build the generated configs
unchanged with Material, and the sites differ only in the `generator` meta line."""

from __future__ import annotations

import re

from conftest import cchc, copy_project, keep_only

from generator.engine.choice import DEFAULT, engine_name

EPOCH = {"SOURCE_DATE_EPOCH": "1700000000"}
META = re.compile(rb'<meta name="generator" content="[^"]*">')


def site_files(root):
    return {p.relative_to(root / "site"): p.read_bytes() for p in sorted((root / "site").rglob("*")) if p.is_file()}


def test_both_engines_build_the_same_sites_but_for_the_generator_line(tmp_path):
    sites = {}
    for engine in ("mkdocs", "properdocs"):
        root = copy_project(tmp_path / engine)
        run = cchc(root, "build", env={**EPOCH, "CCHC_ENGINE": engine})
        assert run.code == 0, run.err
        sites[engine] = site_files(root)
    assert sites["mkdocs"].keys() == sites["properdocs"].keys()
    differing = [path for path, data in sites["mkdocs"].items() if data != sites["properdocs"][path]]
    assert differing and all(path.suffix == ".html" for path in differing)
    for path in differing:
        one, two = (META.sub(b"", sites[engine][path]) for engine in ("mkdocs", "properdocs"))
        assert one == two, path
    home = next(path for path in differing if path.name == "index.html")
    assert b'content="mkdocs-1.6.1, mkdocs-material-9.8.1"' in sites["mkdocs"][home]
    assert b'content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.1"' in sites["properdocs"][home]


def test_the_engine_is_part_of_every_release_id(project, tmp_path):
    keep_only(project, "son-thuong")  # the id is made the same way for every unit; one proves it
    ids = {}
    for engine in ("mkdocs", "properdocs"):
        run = cchc(project, "publish", "--dest", str(tmp_path / engine), env={**EPOCH, "CCHC_ENGINE": engine})
        assert run.code == 0, run.err
        ids[engine] = (tmp_path / engine / "son-thuong/current").resolve().name
    assert ids["mkdocs"] != ids["properdocs"]


def test_an_unknown_engine_is_refused_with_exit_2(project):
    run = cchc(project, "build", env={"CCHC_ENGINE": "hugo"})
    assert (run.code, run.err) == (2, "Lỗi: CCHC_ENGINE=«hugo» không hợp lệ; chọn một trong: mkdocs, properdocs\n")


def test_the_default_engine_is_properdocs(monkeypatch):
    monkeypatch.delenv("CCHC_ENGINE", raising=False)
    assert DEFAULT == "properdocs" and engine_name() == "properdocs"
