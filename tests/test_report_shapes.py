"""Report shapes met while encoding the real records (tests/data/real/): how a period with its own
dates is named, and how a dossier group the source gives only parts of is shown."""

from generator.render.charts import dossier_summary
from generator.schema.report import DossierStats, Period


def test_a_period_named_as_the_report_writes_it_keeps_the_reports_words():
    """lamdong-2020-q1: «quý I năm 2020 (tính từ 1/12/2019 đến 29/2/2020)»."""
    period = Period.model_validate({"year": "2020", "quarter": "1", "label": "quý I năm 2020", "start_date": "01/12/2019", "end_date": "29/02/2020"})
    assert str(period) == "quý I năm 2020, từ ngày 01/12/2019 đến ngày 29/02/2020"
    assert str(Period.model_validate({"year": "2024", "quarter": "2"})) == "Quý II năm 2024"
    named = Period.model_validate({"year": "2021", "month": "8", "label": "tháng 8/2021", "start_date": "21/07/2021", "end_date": "20/08/2021"})
    assert str(named) == "tháng 8/2021 (Tháng 8 năm 2021), từ ngày 21/07/2021 đến ngày 20/08/2021"


def test_a_period_of_its_own_dates_is_not_called_a_year():
    """quangnam-2018-tthcc: from 2.1.2018 to 17.5.2018 is not «Năm 2018»."""
    period = Period.model_validate({"year": "2018", "start_date": "02/01/2018", "end_date": "17/05/2018"})
    assert str(period) == "Từ ngày 02/01/2018 đến ngày 17/05/2018"
    named = Period.model_validate({"year": "2018", "label": "Đợt 1", "start_date": "02/01/2018", "end_date": "17/05/2018"})
    assert str(named) == "Đợt 1, từ ngày 02/01/2018 đến ngày 17/05/2018"


def test_a_group_given_only_by_one_part_is_a_list_not_a_dash_in_the_text():
    """quangnam-2018-tthcc: only «108» online, no total received. The value must carry a line break
    so the summary list renders it as a block (a list), not as the text «- Trực tuyến: 108»."""
    table = DossierStats.model_validate({"received": {"online": "108"}, "resolved": {"total": "1.456", "on_time": "1.447"}})
    rows = dict(dossier_summary(table))
    assert "\n" in rows["Tổng số hồ sơ tiếp nhận"] and rows["Tổng số hồ sơ tiếp nhận"].strip() == "- Trực tuyến: 108"
    assert rows["Đã giải quyết"] == "**1.456**\n\n- Đúng hạn: 1.447"
