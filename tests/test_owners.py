"""`cchc owners`: a unit's editor may change only the unit's folder; content/ only provincial editors."""

from __future__ import annotations

import shutil

from conftest import ROOT, cchc


def _project(project):
    (project / "deploy" / "cms").mkdir(parents=True)
    shutil.copy(ROOT / "deploy" / "cms" / "OWNERS", project / "deploy" / "cms" / "OWNERS")
    return project


def test_a_unit_editor_changes_only_the_unit(project):
    root = _project(project)
    ok = cchc(root, "owners", "--editor", "bien-tap-son-thuong", "--changed", "units/son-thuong/hotlines.yml", "units/son-thuong/reports/2024-q2-ket-qua-cchc.yml")
    assert ok.code == 0, ok.out
    refused = cchc(root, "owners", "--editor", "@bien-tap-son-thuong", "--changed", "units/son-thuong/hotlines.yml", "units/ba-to/unit.yml", "content/procedures/1.000593.yml")
    assert refused.code == 1
    assert refused.out.splitlines() == [
        "units/ba-to/unit.yml: @bien-tap-son-thuong không được sửa tệp này; người được sửa: @bien-tap-ba-to, @bien-tap-tinh [not-owner]",
        "content/procedures/1.000593.yml: @bien-tap-son-thuong không được sửa tệp này; người được sửa: @bien-tap-tinh [not-owner]",
        "Có 2 tệp ngoài quyền của @bien-tap-son-thuong; hãy chuyển cho người được sửa duyệt.",
    ]


def test_provincial_editors_change_the_catalog_and_no_one_else_the_code(project):
    root = _project(project)
    assert cchc(root, "owners", "--editor", "bien-tap-tinh", "--changed", "content/documents.yml", "units/ba-to/unit.yml").code == 0
    refused = cchc(root, "owners", "--editor", "bien-tap-tinh", "--changed", "generator/cli.py")
    assert refused.code == 1 and "@cntt-tinh" in refused.out
    # a look-alike folder is not the unit's folder
    assert cchc(root, "owners", "--editor", "bien-tap-ba-to", "--changed", "units/ba-to-moi/unit.yml").code == 1


def test_ci_turns_validate_json_into_a_code_quality_report(project):
    import json

    from generator.cms.codequality import code_quality

    hotlines = project / "units" / "son-thuong" / "hotlines.yml"
    hotlines.write_text(hotlines.read_text(encoding="utf-8").replace("  phone:\n", "  phone: 0255 38AB 111\n", 1), encoding="utf-8")
    run = cchc(project, "validate", "--format", "json")
    assert run.code == 1
    issues = code_quality(json.loads(run.out))
    bad = [i for i in issues if i["severity"] == "major"]
    assert bad == [{
        "description": bad[0]["description"], "check_name": "invalid-phone", "fingerprint": bad[0]["fingerprint"],
        "severity": "major", "location": {"path": "units/son-thuong/hotlines.yml", "lines": {"begin": 7}},
    }]
    assert bad[0]["description"].startswith("feedback.phone: «0255 38AB 111» không phải số điện thoại Việt Nam hợp lệ")
