"""A report (báo cáo): its period, the plan it reports on and the documents it cites, results by
CCHC area, dossier statistics, figures, strengths, limitations, causes, proposals, next tasks."""

from __future__ import annotations

import re
from typing import Any

from .blocks import Block
from .body import Body, finish
from .citations import citations
from .draft import Draft, slugify
from .figures import dossier, figures
from .sections import begin, ending, in_order, known_only, section_of, texts_of, track_citations
from .source import Line, Source

_ROMAN_Q = {"I": "1", "II": "2", "III": "3", "IV": "4"}
_PERIOD = re.compile(r"(?:[Qq]uý (?P<q>IV|III|II|I|[1-4]) )?năm (?P<y>(?:19|20)\d{2})")
_HALF = re.compile(r"6 tháng (?P<h>đầu|cuối) năm (?P<y>(?:19|20)\d{2})")
_NINE = re.compile(r"9 tháng(?: đầu)? năm (?P<y>(?:19|20)\d{2})")

AREAS = (
    ("institutions", ("thể chế",)),
    ("procedures", ("thủ tục hành chính", "tthc")),
    ("apparatus", ("bộ máy",)),
    ("civil-service", ("công vụ", "công chức", "cán bộ")),
    ("public-finance", ("tài chính công",)),
    ("e-government", ("chính quyền điện tử", "chính quyền số", "chuyển đổi số")),
    ("direction", ("chỉ đạo", "điều hành", "kiểm tra")),
    ("communication", ("tuyên truyền", "truyền thông")),
)
_ASSESS = (
    ("strengths", ("ưu điểm", "làm được", "kết quả đạt được")),
    ("limitations", ("hạn chế", "tồn tại")),
    ("causes", ("nguyên nhân",)),
    ("proposals", ("đề xuất", "kiến nghị")),
)


def period_of(title: str) -> dict[str, str] | None:
    """The period a report's title names: «quý II năm 2024», «6 tháng đầu năm 2023», «năm 2022»."""
    if m := _HALF.search(title):
        return {"year": m["y"], "half": "1" if m["h"] == "đầu" else "2"}
    if m := _NINE.search(title):
        return {"year": m["y"], "nine_months": True}  # type: ignore[dict-item]
    if m := _PERIOD.search(title):
        found = {"year": m["y"]}
        if m["q"]:
            found["quarter"] = _ROMAN_Q.get(m["q"], m["q"])
        return found
    return None


def area_of(heading: str) -> str | None:
    """The CCHC area whose words come first in a heading («Tuyên truyền về … thủ tục hành chính» is
    communication), or None."""
    text = heading.lower()
    found = [(text.find(w), area) for area, words in AREAS for w in words if w in text]
    return min(found)[1] if found else None


def _result(block: Block, area: str) -> dict[str, Any]:
    return {"area": area, **section_of(block)}


def _results(part: Block, body: Body, draft: Draft, report: dict[str, Any]) -> None:
    blocks = part.children or [part]
    for block in blocks:
        area = area_of(block.title) or area_of(part.title) or area_of(str(report.get("title", "")))
        if area is None:
            area = "other"
            if block.heading:
                draft.mark(f"results[{len(report.get('results', []))}].area", "không nhận ra lĩnh vực cải cách từ tiêu đề", block.heading)
        report.setdefault("results", []).append(_result(block, area))
        body.take_block(block)
    if part.children and part.order:
        report["results"][-len(blocks)]["paragraphs"] = texts_of(part.order) + report["results"][-len(blocks)].get("paragraphs", [])
    body.take(part.heading, *part.order)


def _assessment(part: Block, body: Body, report: dict[str, Any]) -> bool:
    placed = False
    for child in part.children:
        title = child.title.lower()
        for key, words in _ASSESS:
            if any(w in title for w in words):
                report[key] = report.get(key, []) + texts_of(child.order)
                body.take(child.heading, *child.order)
                placed = True
                break
    return placed


def _next(part: Block, body: Body, report: dict[str, Any]) -> None:
    if part.paragraphs:
        report["next_intro"] = " ".join(texts_of(part.paragraphs))
    tasks = texts_of(part.items) + [c.title for c in part.children if c.heading]
    for child in part.children:
        tasks += texts_of(child.order)
    report["next_tasks"] = tasks
    body.take_block(part)


def extract_report(source: Source, issuer: str, known: set[str]) -> Draft:
    body, report, draft = begin("report", source, issuer)
    title_line = body.head.where.get("title")
    if (period := period_of(report["title"])) and title_line:
        report["period"] = period
        draft.mark("period", "kỳ báo cáo lấy từ tên văn bản", title_line)
    all_lines = [line for line in source.lines if line.number not in body.used]
    _citations(all_lines, report, draft, known)
    report["preamble"] = texts_of(body.preamble)
    body.take(*body.preamble)
    for part in body.parts:
        title = part.title.lower()
        if "phương hướng" in title or "nhiệm vụ" in title and "kết quả" not in title or "kế hoạch" in title:
            _next(part, body, report)
        elif ("đánh giá" in title or "đề xuất" in title) and _assessment(part, body, report):
            body.take(part.heading)  # a paragraph right under the part stays unplaced, so it is listed
        else:
            _results(part, body, draft, report)
    stats, found, dossier_lines = dossier(all_lines)
    if stats:
        report["dossier_stats"] = stats
        for item in found:
            draft.mark(item.path, item.reason or f"số «{item.value}» đọc từ câu trong văn bản", item.line)
    for index, (figure, line) in enumerate(figures(all_lines, dossier_lines)):
        report.setdefault("figures", []).append(figure)
        draft.mark(f"figures[{index}].label", "nhãn là nguyên câu chứa số liệu: viết lại cho ngắn", line)
    report.update(ending(body))
    year = report.get("period", {}).get("year") or "khong-ro-nam"
    draft.name = f"{year}{_period_slug(report.get('period'))}-{slugify(report['title'])}"
    draft.data = in_order(report, REPORT_ORDER)
    return finish(draft, body)


_ISSUED_BY = re.compile(r"của (?:UBND|Ủy ban nhân dân) (?P<level>huyện|xã|tỉnh|thị xã|thị trấn|phường|thành phố)"
                        r"(?: (?P<name>[A-ZĐ]\w*(?: [A-ZĐ]\w*)*))?")


def _issued_by_unit(after: str, issuer: str) -> bool:
    """Whether the words after a cited plan say the unit itself issued it (or name no issuer)."""
    m = _ISSUED_BY.search(after)
    if m is None:
        return True
    return m["level"] in issuer and (m["name"] is None or m["name"] in issuer)


def _citations(lines: list[Line], report: dict[str, Any], draft: Draft, known: set[str]) -> None:
    """The plan reported on: the first «…/KH-…» the unit itself issued, else the first plan cited;
    every other number cited: based_on, in the order of first mention."""
    cited = [(c, line) for line in lines for c in citations(line.text)]
    plans = [(c, line) for c, line in cited if c.number.split("/")[-1].startswith("KH")]
    issuer = str(report.get("issuer", ""))
    own = [(c, line) for c, line in plans if _issued_by_unit(_after(line.text, c.written), issuer)]
    plan = (own or plans)[0] if plans else None
    if plan:
        report["plan"] = plan[0].number
        if len({c.number for c, _ in plans}) > 1:
            draft.mark("plan", "văn bản trích nhiều kế hoạch: kiểm tra kế hoạch được báo cáo", plan[1])
    others = [(c.number, line) for c, line in cited if c.number != report.get("plan")]
    report["based_on"] = known_only(others, known, "based_on", draft)
    track_citations(lines, "based_on", draft)


def _after(text: str, written: str) -> str:
    at = text.find(written) + len(written)
    return text[at:at + 60]


def _period_slug(period: dict[str, Any] | None) -> str:
    if not period:
        return ""
    if "quarter" in period:
        return f"-q{period['quarter']}"
    if "half" in period:
        return f"-6-thang-{'dau' if period['half'] == '1' else 'cuoi'}"
    return ""


REPORT_ORDER = ("number", "symbol", "date", "place", "title", "issuer", "source", "period", "plan", "based_on", "preamble",
                "results", "dossier_stats", "figures", "strengths", "limitations", "causes", "proposals", "next_intro",
                "next_tasks", "closing", "signer", "recipients")
