"""The real published records of tests/data/real/, encoded as project YAML (`<id>/record.yml`), are
built into a throwaway copy of the bundled project, and every fact of each record's `facts.yml`
must appear on its built page exactly as published (HTML text, whitespace normalised), except the
facts its `not_shown.yml` lists with a reason. Change one figure in a record.yml and this fails."""

import html
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, cchc, copy_project

REAL = ROOT / "tests/data/real"
ENCODED = sorted(p.parent.name for p in REAL.glob("*/record.yml"))
UNIT = "son-thuong"
FIELDS = {"dat-dai": "Đất đai", "cong-nghiep-tieu-dung": "Công nghiệp tiêu dùng", "hang-hai-va-duong-thuy": "Hàng hải và đường thủy", "che-bien-nong-lam-thuy-san-va-nghe-muoi": "Chế biến nông lâm thủy sản và nghề muối", "noi-vu-cap-xa": "Nội vụ cấp xã"}


def normalised(page: str) -> str:
    main = page[page.index("<article"):page.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def kind_of(record: str) -> str:
    return "procedure" if re.search(r"^code:", record, re.M) else "report"


def code_of(record: str) -> str:
    return re.search(r'^code: "([^"]+)"', record, re.M)[1]


def not_shown(record_id: str) -> dict[str, str]:
    path = REAL / record_id / "not_shown.yml"
    listed = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    return {entry["text"]: entry["reason"] for entry in (listed or {}).get("not_shown", [])}


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled project plus every encoded record, in one unit, built once."""
    root = copy_project(tmp_path_factory.mktemp("real"))
    fields = root / "content/fields.yml"
    fields.write_text(fields.read_text(encoding="utf-8") + "".join(f"  - slug: {s}\n    name: {n}\n" for s, n in FIELDS.items()), encoding="utf-8")
    procedures = root / f"units/{UNIT}/procedures.yml"
    for record_id in ENCODED:
        text = (REAL / record_id / "record.yml").read_text(encoding="utf-8")
        if kind_of(text) == "procedure":
            code = code_of(text)
            shutil.copy(REAL / record_id / "record.yml", root / f"content/procedures/{code}.yml")
            procedures.write_text(procedures.read_text(encoding="utf-8") + f'  - code: "{code}"\n', encoding="utf-8")
        else:
            shutil.copy(REAL / record_id / "record.yml", root / f"units/{UNIT}/reports/{record_id}.yml")
    run = cchc(root, "build", UNIT, env={"SOURCE_DATE_EPOCH": "1779408000"})
    assert run.code == 0, run.err
    return root


def page_of(root: Path, record_id: str) -> str:
    text = (REAL / record_id / "record.yml").read_text(encoding="utf-8")
    path = f"thu-tuc/{code_of(text)}" if kind_of(text) == "procedure" else f"bao-cao/{record_id}"
    return normalised((root / "site" / UNIT / path / "index.html").read_text(encoding="utf-8"))


def test_at_least_five_reports_and_five_procedures_are_encoded():
    kinds = [kind_of((REAL / r / "record.yml").read_text(encoding="utf-8")) for r in ENCODED]
    assert kinds.count("report") >= 5 and kinds.count("procedure") >= 5, ENCODED


@pytest.mark.parametrize("record_id", ENCODED)
def test_every_fact_of_the_source_is_on_the_page_as_published(real_site, record_id):
    facts = yaml.safe_load((REAL / record_id / "facts.yml").read_text(encoding="utf-8"))["facts"]
    skipped = not_shown(record_id)
    assert set(skipped) <= {f["text"] for f in facts}, "not_shown names a text that is not a fact"
    assert all(reason.strip() for reason in skipped.values())
    text = page_of(real_site, record_id)
    missing = [f"{f['what']}: «{f['text']}»" for f in facts if f["text"] not in skipped and " ".join(f["text"].split()) not in text]
    assert not missing, f"{record_id}: not on the page as published:\n" + "\n".join(missing)


def test_the_corpus_open_data_validates_and_matches_its_pages(real_site):
    """The real records' figures also reach the unit's CSV/JSON: the data package validates with
    frictionless and every report's data rows equal the figures on its page."""
    from test_open_data import assert_valid, check_procedures, check_report

    site = real_site / "site" / UNIT
    reports = [r for r in ENCODED if kind_of((REAL / r / "record.yml").read_text(encoding="utf-8")) == "report"]
    rows = [row for record_id in reports for row in check_report(site, f"bao-cao/{record_id}/")]
    assert len(rows) >= 5 * 3, "the real reports should give their figures to the data files"
    texts = [(REAL / r / "record.yml").read_text(encoding="utf-8") for r in ENCODED]
    procedures = {code_of(text) for text in texts if kind_of(text) == "procedure"}
    rows = {row["key"]: row for row in check_procedures(site)}
    assert procedures <= set(rows)
    assert rows["angiang-chauphu-dang-ky-khai-sinh"]["code"] == "", "a source without a code gets no code in the data"
    assert_valid(site / "du-lieu" / "datapackage.json")


def test_a_report_with_no_period_says_so_and_invents_none(real_site):
    """thuathienhue-dvc-thongke is a dashboard with no period and no date: its page and the report
    index say «Không ghi kỳ báo cáo»; no year, quarter or date is made up for it."""
    text = page_of(real_site, "thuathienhue-dvc-thongke")
    assert "Kỳ báo cáo Không ghi kỳ báo cáo" in text
    assert "không ghi ngày đăng" in text and not re.search(r"Năm \d{4}|Quý [IV]+", text)
    index = normalised((real_site / "site" / UNIT / "bao-cao" / "index.html").read_text(encoding="utf-8"))
    assert "Không ghi kỳ báo cáo …/… Kết quả giải quyết thủ tục hành chính" in index


def test_a_procedure_whose_source_gives_no_code_or_name_says_so(real_site):
    """angiang-chauphu has a name but no code; molao (a print page cut at the top) has neither. Each is
    published at the short name its editor chose, says «Nguồn không ghi mã» where the code would be,
    and no code is made up; molao's page says its title is the editor's, not the source's."""
    chauphu = page_of(real_site, "angiang-chauphu-dang-ky-khai-sinh")
    assert "Mã thủ tục Nguồn không ghi mã" in chauphu
    assert "Nguồn không ghi cách nộp Thời hạn giải quyết Ngay trong ngày" in chauphu  # time limit without a channel
    assert "Nguồn không ghi tên thủ tục" not in chauphu
    molao = page_of(real_site, "hanoi-molao-khai-sinh-luu-dong")
    assert "Mã thủ tục Nguồn không ghi mã" in molao
    assert "Nguồn không ghi tên thủ tục; tên trên do người biên tập đặt để nhận diện." in molao
    assert "1. TK đăng ký khai sinh.doc (nguồn không có đường dẫn tải)" in molao  # a form named without a link
    for page in (chauphu, molao):
        assert not re.search(r"\d\.\d{6}", page), "no procedure code may appear on a page whose source gives none"
    index = normalised((real_site / "site" / UNIT / "thu-tuc" / "index.html").read_text(encoding="utf-8"))
    assert "Đăng ký khai sinh Mã Nguồn không ghi mã" in index


def test_a_dossier_in_named_groups_keeps_its_groups_in_order(real_site):
    """The national record lists its dossier under two headings; each item stays under its own."""
    page = page_of(real_site, "dvcqg-bo-tri-on-dinh-dan-cu-ngoai-huyen")
    order = ["Hồ sơ gửi UBND huyện nơi đi", "Tờ trình của UBND cấp xã", "Hồ sơ gửi UBND huyện nơi đến", "Quyết định UBND huyện nơi đi"]
    positions = [page.find(text) for text in order]
    assert -1 not in positions and positions == sorted(positions), list(zip(order, positions, strict=True))


def test_what_a_source_does_not_give_is_said_and_not_invented(real_site):
    """A procedure whose source names no field, no authority and no counts of originals or copies says
    so (never «Bản chính: —», which reads as "none needed"); its fee for the whole procedure is given
    once; an article that names no reporting body says so, and names its author."""
    quan1 = page_of(real_site, "hcm-quan1-sao-luc-van-ban-hanh-chinh")
    assert "Lĩnh vực Nguồn không ghi lĩnh vực" in quan1
    assert "Cơ quan thực hiện Nguồn không ghi cơ quan thực hiện" in quan1
    assert "Bản chính" not in quan1 and "Bản sao —" not in quan1 and " — " not in quan1.split("Cần chuẩn bị")[1].split("Mất bao lâu")[0]
    assert quan1.count("1.000 đồng/trang, từ trang thứ ba trở đi 500 đồng/trang.") == 1
    assert "Ghi chú của nguồn: khi đến xin sao lục văn bản hành chính" in quan1
    assert "Lĩnh vực Nguồn không ghi lĩnh vực" in page_of(real_site, "dvcqg-bo-tri-on-dinh-dan-cu-ngoai-huyen")
    lamdong = page_of(real_site, "lamdong-2019-10")
    assert "Cơ quan báo cáo Nguồn không ghi cơ quan báo cáo" in lamdong and "Ủy ban nhân dân" not in lamdong
    assert "Báo Lâm Đồng, bài của GIA KHÁNH, đăng ngày 25/11/2019" in lamdong
    index = normalised((real_site / "site" / UNIT / "thu-tuc" / "index.html").read_text(encoding="utf-8"))
    assert "Nguồn không ghi lĩnh vực" in index


def test_a_record_with_two_sources_says_what_came_from_which(real_site):
    page = page_of(real_site, "bo-tri-on-dinh-dan-cu-hai-nguon")
    assert "(ma_thu_tuc=104079) (tra cứu ngày 01/12/2026): cách nộp, thời hạn giải quyết" in page
    assert "(UBND huyện Gò Công Tây) (tra cứu ngày 01/12/2026): lĩnh vực, lệ phí «Không»" in page


def test_no_rate_is_computed_from_a_rounded_count(real_site):
    """bentre-2021-05 gives «4,52 ngàn» resolved on time of 4.561 and publishes 99,7%: the page shows
    the article's rate and figures as written, and computes no rate from the rounded count."""
    page = page_of(real_site, "bentre-2021-05-ttpvhcc")
    assert "Trước hạn và đúng hạn: 4,52 ngàn" in page and "Giải quyết đúng và trước hạn: 99,7% (tỷ lệ báo cáo công bố)" in page
    assert "tính từ số liệu" not in page and "99,1%" not in page


@pytest.fixture(scope="module")
def corpus_warnings(real_site: Path) -> str:
    """What `cchc validate` tells the editor about the corpus (warnings only: it must pass)."""
    run = cchc(real_site, "validate")
    assert run.code == 0, run.err
    return run.out + run.err


def test_impossible_totals_of_the_corpus_are_warned(corpus_warnings):
    """lamdong-2020-q1's cấp tỉnh: 51.780 resolved plus 2.800 in progress is more than the 54.575 received."""
    assert (
        "dossier_tables[1].resolved (Tình hình giải quyết hồ sơ theo từng phạm vi 2 › Số hồ sơ đã giải quyết): Số hồ sơ đã giải quyết 51.780 cộng số hồ sơ đang giải quyết 2.800 là 54.580, nhiều hơn"
        " tổng số hồ sơ tiếp nhận 54.575: không thể cùng đúng; trang vẫn hiện đúng số văn bản ghi, hãy đối chiếu lại với bản gốc [dossier-excess]"
    ) in corpus_warnings


def test_a_published_rate_its_own_counts_do_not_give_is_warned_and_labelled(real_site, corpus_warnings):
    """hcm-phugiao-2025-q3 (2025): for the commune's own dossiers the article gives 2.602 of 2.760 and
    says «chiếm 96,2%»; the counts give 94,3%. The editor is told both; the page shows the article's
    96,2% as the article's and the 94,3% as computed. The centre's 99,2% has no on-time count beside it,
    so nothing is computed for it."""
    assert (
        f"units/{UNIT}/reports/hcm-phugiao-2025-q3.yml:41:16: cảnh báo: dossier_tables[1].rates[0].value (Tình hình giải quyết hồ sơ theo từng phạm vi 2 › Tỷ lệ văn bản công bố 1 › Tỷ lệ đúng như văn bản ghi): Tỷ lệ báo cáo công bố"
        " «Hồ sơ được giải quyết đúng và trước hạn» 96,2% khác tỷ lệ tính từ số liệu của chính báo cáo 94,3%, quá mức làm tròn;"
        " trang hiện cả hai, ghi rõ tỷ lệ nào là của báo cáo [rate-mismatch]"
    ) in corpus_warnings
    page = page_of(real_site, "hcm-phugiao-2025-q3")
    centre, commune = page.split("Phạm vi: Riêng các hồ sơ thuộc thẩm quyền cấp xã", 1)
    assert "Tỷ lệ hồ sơ giải quyết đúng và trước hạn: 99,2% (tỷ lệ báo cáo công bố)" in centre and "tính từ số liệu" not in centre
    assert "Hồ sơ được giải quyết đúng và trước hạn: 96,2% (tỷ lệ báo cáo công bố)" in commune
    assert "94,3% (tính từ số liệu, trên tổng số hồ sơ tiếp nhận: 2.760; khác tỷ lệ báo cáo công bố 96,2%)" in commune


def test_a_rounded_count_and_rounded_rates_of_a_2026_article_are_shown_as_written(real_site):
    """tayninh-2026-02-23-sau-tet: the headline's «hơn 1.650» stands beside the exact 1.665, shown as
    written and approximate in the open data; the article's «hơn 90%» and «gần 50%» are shown as the
    article's; the one computed rate comes from exact counts only and says so; counts the article writes
    in words («tám», «sáu») are shown in words and are 8 and 6 in the open data."""
    from test_open_data import check_report

    page = page_of(real_site, "tayninh-2026-02-23-sau-tet")
    assert "Hồ sơ được tiếp nhận (tiêu đề bài, số làm tròn) hơn 1.650 hồ sơ" in page
    assert "Tỉ lệ hồ sơ qua môi trường mạng: hơn 90% (tỷ lệ báo cáo công bố)" in page
    assert "Hồ sơ được giải quyết trước hạn: gần 50% (tỷ lệ báo cáo công bố)" in page
    assert "Quá hạn: tám" in page and "Đã giải quyết sáu" in page
    assert page.count("tính từ số liệu") == 1
    assert "Tỷ lệ giải quyết trước hạn và đúng hạn: 98% (tính từ số liệu, trên tổng số hồ sơ đã giải quyết: 490)" in page
    rows = check_report(real_site / "site" / UNIT, "bao-cao/tayninh-2026-02-23-sau-tet/")
    found = {(r["value"], r["as_published"], r["approximate"]) for r in rows}
    assert {("1650", "hơn 1.650", "true"), ("8", "tám", "false"), ("6", "sáu", "false"), ("90", "hơn 90%", "true")} <= found, found
