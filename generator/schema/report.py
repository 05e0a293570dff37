"""A report: its period, results by area, dossier statistics and other figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar, Self, TypeGuard

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ..problems import Code
from .documents import Issued, Section
from .types import (
    Amount,
    Choice,
    Count,
    DocNumber,
    Model,
    Number,
    Quantity,
    Rate,
    Text,
    VnDate,
    Year,
    format_date,
    rate,
)


class Area(Choice):
    DIRECTION = ("direction", "Chỉ đạo, điều hành")
    COMMUNICATION = ("communication", "Tuyên truyền")
    INSTITUTIONS = ("institutions", "Cải cách thể chế")
    PROCEDURES = ("procedures", "Cải cách thủ tục hành chính")
    APPARATUS = ("apparatus", "Cải cách tổ chức bộ máy")
    CIVIL_SERVICE = ("civil-service", "Cải cách chế độ công vụ")
    PUBLIC_FINANCE = ("public-finance", "Cải cách tài chính công")
    E_GOVERNMENT = ("e-government", "Chính quyền điện tử, chính quyền số")
    OTHER = ("other", "Khác")


class Result(Section):
    """Kết quả trong một lĩnh vực cải cách hành chính."""

    area: Area = Field(description="Lĩnh vực cải cách", examples=["procedures"])


class Half(Choice):
    FIRST = ("1", "6 tháng đầu năm")
    SECOND = ("2", "6 tháng cuối năm")


MONTHS_OF_QUARTER = {1: "I", 2: "II", 3: "III", 4: "IV"}


class Period(Model):
    """Kỳ báo cáo: một năm; một quý, một tháng, 6 tháng hoặc 9 tháng của năm; hoặc một kỳ có tên và
    ngày bắt đầu, kết thúc riêng (vd «Quý I» tính từ 01/12/2019 đến 29/02/2020)."""

    year: Year = Field(description="Năm", examples=["2024"])
    quarter: Count | None = Field(None, description="Quý (1 đến 4); để trống nếu không phải báo cáo quý", examples=["2"])
    month: Count | None = Field(None, description="Tháng (1 đến 12), cho báo cáo tháng", examples=["8"])
    half: Half | None = Field(None, description="Báo cáo 6 tháng: 1 (đầu năm) hoặc 2 (cuối năm)", examples=["1"])
    nine_months: bool = Field(False, description="Báo cáo 9 tháng đầu năm: ghi «true»", examples=[True])
    label: Text | None = Field(None, description="Tên kỳ đúng như văn bản ghi, khi kỳ có ngày riêng, vd «Quý I»", examples=["Quý I"])
    start_date: VnDate | None = Field(None, description="Ngày bắt đầu kỳ, nếu văn bản ghi", examples=["01/12/2019"])
    end_date: VnDate | None = Field(None, description="Ngày kết thúc kỳ, nếu văn bản ghi", examples=["29/02/2020"])

    @model_validator(mode="after")
    def _quarter_in_range(self) -> Self:
        if self.quarter is not None and not 1 <= self.quarter <= 4:
            raise PydanticCustomError(Code.INVALID_QUARTER, "Quý phải từ 1 đến 4", {"field": "quarter"})
        if self.month is not None and not 1 <= self.month <= 12:
            raise PydanticCustomError(Code.INVALID_DATE, "Tháng phải từ 1 đến 12", {"field": "month"})
        return self

    @property
    def start(self) -> dt.date:
        if self.start_date:
            return self.start_date
        if self.month:
            return dt.date(self.year, self.month, 1)
        if self.half:
            return dt.date(self.year, 1 if self.half is Half.FIRST else 7, 1)
        return dt.date(self.year, 3 * self.quarter - 2, 1) if self.quarter else dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        if self.end_date:
            return self.end_date
        if self.month:
            return (dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)) - dt.timedelta(days=1)
        if self.half:
            return dt.date(self.year, 6, 30) if self.half is Half.FIRST else dt.date(self.year, 12, 31)
        if self.nine_months:
            return dt.date(self.year, 9, 30)
        if self.quarter is None or self.quarter == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.quarter + 1, 1) - dt.timedelta(days=1)

    def __str__(self) -> str:
        dates = f"từ ngày {format_date(self.start)} đến ngày {format_date(self.end)}"
        if not (self.month or self.half or self.nine_months or self.quarter) and (self.start_date or self.end_date):
            # A period of its own dates (2.1.2018 – 17.5.2018) is not «Năm 2018»: its name, then its dates.
            return f"{self.label}, {dates}" if self.label else dates[0].upper() + dates[1:]
        if self.month:
            words = f"Tháng {self.month} năm {self.year}"
        elif self.half:
            words = f"{self.half.label} {self.year}"
        elif self.nine_months:
            words = f"9 tháng đầu năm {self.year}"
        elif self.quarter:
            words = f"Quý {MONTHS_OF_QUARTER[self.quarter]} năm {self.year}"
        else:
            words = f"Năm {self.year}"
        if self.label and self.label.lower() == words.lower():
            words = self.label  # the report's own words, as written («quý I năm 2020»)
        elif self.label:
            words = f"{self.label} ({words})" if self.label.lower() not in words.lower() else words
        if self.start_date or self.end_date:
            words += f", {dates}"
        return words


class Received(Model):
    """Số hồ sơ tiếp nhận (Biểu số 06/VPCP/KSTT); chỉ ghi những số văn bản có, tổng ghi đúng như văn bản."""

    total: Amount | None = Field(None, description="Tổng số hồ sơ tiếp nhận, đúng như văn bản ghi", examples=["643.272"])
    online: Amount | None = Field(None, description="Tiếp nhận trực tuyến", examples=["310"])
    in_person: Amount | None = Field(None, description="Tiếp nhận trực tiếp", examples=["4.561"])
    postal: Amount | None = Field(None, description="Tiếp nhận qua dịch vụ bưu chính công ích", examples=["132"])
    in_person_or_postal: Amount | None = Field(None, description="Trực tiếp và qua bưu chính, khi văn bản ghi chung một số", examples=["09"])
    new: Amount | None = Field(None, description="Mới tiếp nhận trong kỳ, khi văn bản ghi riêng", examples=["635.593"])
    carried_over: Amount | None = Field(None, description="Từ kỳ trước chuyển sang", examples=["02"])

    PARTS: ClassVar[tuple[tuple[str, ...], ...]] = (("online", "in_person", "postal", "in_person_or_postal", "carried_over"), ("new", "carried_over"))


class Resolved(Model):
    """Số hồ sơ đã giải quyết."""

    total: Amount | None = Field(None, description="Tổng số đã giải quyết, đúng như văn bản ghi", examples=["318"])
    early: Amount | None = Field(None, description="Giải quyết trước hạn", examples=["318"])
    on_time: Amount | None = Field(None, description="Giải quyết đúng hạn", examples=["0"])
    early_or_on_time: Amount | None = Field(None, description="Trước hạn và đúng hạn, khi văn bản ghi chung một số", examples=["635.593"])
    late: Amount | None = Field(None, description="Giải quyết quá hạn", examples=["0"])

    # Two ways a source splits its resolved dossiers: early and on time apart, or as one figure.
    PARTS: ClassVar[tuple[tuple[str, ...], ...]] = (("early", "on_time", "late"), ("early_or_on_time", "late"))


class InProgress(Model):
    """Số hồ sơ đang giải quyết cuối kỳ."""

    total: Amount | None = Field(None, description="Tổng số đang giải quyết, đúng như văn bản ghi", examples=["0"])
    within_deadline: Amount | None = Field(None, description="Đang giải quyết, chưa đến hạn", examples=["0"])
    overdue: Amount | None = Field(None, description="Đang giải quyết, đã quá hạn", examples=["0"])

    PARTS: ClassVar[tuple[tuple[str, ...], ...]] = (("within_deadline", "overdue"),)


class RateBase(Choice):
    RESOLVED = ("resolved", "trên tổng số hồ sơ đã giải quyết")
    DUE = ("due", "trên tổng số hồ sơ đến hạn")
    RECEIVED = ("received", "trên tổng số hồ sơ tiếp nhận")


class PublishedRate(Model):
    """Một tỷ lệ văn bản công bố, ghi đúng như văn bản (vd «98,33%»)."""

    label: Text = Field(description="Nội dung tỷ lệ, vd «Giải quyết đúng và trước hạn»", examples=["Giải quyết đúng và trước hạn"])
    value: Rate = Field(description="Tỷ lệ đúng như văn bản ghi", examples=["98,33%"])


def _exact(value: Quantity | None) -> TypeGuard[Quantity]:
    """A figure stated as an exact count (not blank, not «khoảng», not a rounded «4,52 ngàn»)."""
    return value is not None and not value.approximate


Named = tuple[str, "Quantity | Decimal"]
"""A figure named in a warning: the Vietnamese words for it, and the stated value or computed sum."""


def _amount(value: Quantity | Decimal) -> Decimal:
    return value.value if isinstance(value, Quantity) else value


@dataclass(frozen=True)
class Excess:
    """Figures that cannot all be true: the `parts` together are more than `whole`."""

    where: tuple[str, ...]
    parts: tuple[Named, ...]
    whole: Named

    @property
    def parts_sum(self) -> Decimal:
        return sum((_amount(v) for _, v in self.parts), Decimal(0))


_WORDS = {"received": "tiếp nhận", "resolved": "đã giải quyết", "in_progress": "đang giải quyết"}


def _sum(group: Model, names: tuple[str, ...]) -> Decimal | None:
    values = [getattr(group, n) for n in names if getattr(group, n) is not None]
    return sum((v.value for v in values), Decimal(0)) if values else None


class DossierStats(Model):
    """Tình hình giải quyết hồ sơ của một phạm vi (toàn tỉnh, cấp tỉnh, cấp huyện, cấp xã, một lĩnh vực…).
    Mọi số đều không bắt buộc: chỉ ghi số văn bản có; số không ghi là «không rõ», không phải 0."""

    scope: Text | None = Field(None, description="Phạm vi của bảng, vd «Toàn tỉnh», «Cấp huyện»", examples=["Cấp xã"])
    received: Received | None = Field(None, description="Số hồ sơ tiếp nhận", examples=[{"online": "310", "in_person_or_postal": "09", "carried_over": "02"}])
    resolved: Resolved | None = Field(None, description="Số hồ sơ đã giải quyết", examples=[{"early": "318", "on_time": "0", "late": "0"}])
    in_progress: InProgress | None = Field(None, description="Số hồ sơ đang giải quyết", examples=[{"within_deadline": "0", "overdue": "0"}])
    overdue_total: Amount | None = Field(None, description="Quá hạn, khi văn bản ghi một số chung cho hồ sơ đã giải quyết quá hạn và đang quá hạn", examples=["7.677"])
    withdrawn: Amount | None = Field(None, description="Số hồ sơ rút hoặc trả lại; để trống nếu văn bản không ghi", examples=["03"])
    due: Amount | None = Field(None, description="Số hồ sơ đến hạn (khi tỷ lệ tính trên hồ sơ đến hạn)", examples=["19.944"])
    rate_base: RateBase | None = Field(None, description="Tỷ lệ của văn bản tính trên: resolved (đã giải quyết), due (đến hạn) hoặc received (tiếp nhận)", examples=["resolved"])
    rates: list[PublishedRate] = Field(default_factory=list, description="Các tỷ lệ văn bản công bố, ghi đúng như văn bản", examples=[[{"label": "Giải quyết đúng và trước hạn", "value": "98,33%"}]])
    note: Text | None = Field(None, description="Ghi chú về bảng số liệu", examples=["Số liệu theo bài báo"])

    def mismatches(self) -> list[tuple[tuple[str, ...], Quantity, Decimal]]:
        """(where, stated total, sum of the stated parts) for every total the parts do not match."""
        found: list[tuple[tuple[str, ...], Quantity, Decimal]] = []
        for name in ("received", "resolved", "in_progress"):
            group = getattr(self, name)
            if group is None or group.total is None or group.total.approximate:
                continue
            for parts in group.PARTS:
                given = [getattr(group, n) for n in parts if getattr(group, n) is not None]
                if len(given) >= 2 and not any(q.approximate for q in given):
                    if (total := _sum(group, parts)) is not None and total != group.total.value:
                        found.append(((name, "total"), group.total, total))
                    break
        return found

    def excesses(self) -> list[Excess]:
        """Every arithmetic impossibility among the exact figures: a part above its group's stated
        total, and dossiers resolved plus in progress above those received (carried over included)."""
        found: list[Excess] = []
        mismatched = {where[0] for where, _, _ in self.mismatches()}
        for name in ("received", "resolved", "in_progress"):
            group = getattr(self, name)
            if group is None or name in mismatched or not _exact(group.total):
                continue
            for part in dict.fromkeys(n for parts in group.PARTS for n in parts):
                if _exact(value := getattr(group, part)) and value.value > group.total.value:
                    label = f"số hồ sơ {_WORDS[name]} ({type(group).model_fields[part].description})"
                    found.append(Excess((name, part), ((label, value),), (f"tổng số hồ sơ {_WORDS[name]}", group.total)))
        received = self._received_in_all()
        known = tuple((f"số hồ sơ {_WORDS[n]}", amount) for n in ("resolved", "in_progress") if (amount := self._group_amount(n)) is not None)
        if received is not None and known:
            excess = Excess(("resolved",) if self.resolved else ("in_progress",), known, received)
            if excess.parts_sum > _amount(received[1]):
                found.append(excess)
        return found

    def _received_in_all(self) -> Named | None:
        """Dossiers received in all (carried over included), when the source states it exactly."""
        r = self.received
        if r is None:
            return None
        if _exact(r.total):
            return "tổng số hồ sơ tiếp nhận", r.total
        if _exact(r.new) and _exact(r.carried_over):
            return "số hồ sơ mới tiếp nhận cộng từ kỳ trước chuyển sang", r.new.value + r.carried_over.value
        return None

    def _group_amount(self, name: str) -> Quantity | Decimal | None:
        """At least how many dossiers a group holds: its exact total, or the sum of its exact parts."""
        group = getattr(self, name)
        if group is None:
            return None
        if group.total is not None:
            return group.total if _exact(group.total) else None
        best: Quantity | Decimal | None = None
        for parts in group.PARTS:  # each way of splitting the group gives a lower bound; the largest is kept
            given = [getattr(group, n) for n in parts if getattr(group, n) is not None]
            if not given or not all(_exact(q) for q in given):
                continue
            amount = given[0] if len(given) == 1 else sum((q.value for q in given), Decimal(0))
            if best is None or _amount(amount) > _amount(best):
                best = amount
        return best

    def on_time(self) -> Decimal | None:
        """Dossiers resolved early or on time, if the source gives them exactly (a rounded «4,52
        ngàn» is no count to compute from)."""
        r = self.resolved
        if r is None:
            return None
        if r.early_or_on_time is not None:
            return r.early_or_on_time.value if _exact(r.early_or_on_time) else None
        if _exact(r.early) and _exact(r.on_time):
            return r.early.value + r.on_time.value
        return None

    def base(self) -> tuple[RateBase, Decimal] | None:
        """The exact figure the computed on-time rate is taken on, and which one it is, if known."""
        if self.rate_base is RateBase.DUE:
            return (RateBase.DUE, self.due.value) if _exact(self.due) else None
        if self.rate_base is RateBase.RECEIVED:
            total = self.received.total if self.received else None
            return (RateBase.RECEIVED, total.value) if _exact(total) else None
        r = self.resolved
        if r is None:
            return None
        if r.total is not None:
            return (RateBase.RESOLVED, r.total.value) if _exact(r.total) else None
        if (on_time := self.on_time()) is not None and _exact(r.late):
            return RateBase.RESOLVED, on_time + r.late.value
        return None

    def published_on_time(self) -> PublishedRate | None:
        """The source's own rate of dossiers resolved early or on time, the counterpart of the computed
        one: the first published rate whose label names both «trước» and «đúng» hạn and no lateness."""
        for published in self.rates:
            label = published.label.lower()
            if "trước" in label and "đúng" in label and not any(w in label for w in ("quá", "trễ", "chậm")):
                return published
        return None

    def places(self) -> int:
        """The published precision: decimals of the first published rate (one when none is published)."""
        for published in self.rates:
            digits = published.value.text.rstrip(" %")
            return len(digits.partition(",")[2])
        return 1


class Figure(Model):
    """Một số liệu khác của báo cáo (số tin bài, biên chế, …)."""

    label: Text = Field(description="Nội dung số liệu", examples=["Tin, bài đăng trên Trang thông tin điện tử xã"])
    value: Number = Field(description="Giá trị (chỉ ghi số)", examples=["26"])
    unit: Text | None = Field(None, description="Đơn vị tính, vd «tin, bài»", examples=["tin, bài"])
    note: Text | None = Field(None, description="Ghi chú", examples=["Cả năm 2022"])


class Report(Issued):
    """Một báo cáo kết quả cải cách hành chính."""

    kind_label: ClassVar[str] = "Báo cáo"

    period: Period | None = Field(
        None, description="Kỳ báo cáo; để trống nếu nguồn không ghi kỳ (vd trang thống kê của cổng dịch vụ công)", examples=[{"year": "2024", "quarter": "2"}])
    plan: DocNumber | None = Field(None, description="Số hiệu kế hoạch được báo cáo", examples=["15/KH-UBND"])
    based_on: list[DocNumber] = Field(default_factory=list, description="Số hiệu các văn bản căn cứ", examples=[["76/NQ-CP"]])
    preamble: list[Text] = Field(default_factory=list, description="Đoạn mở đầu", examples=[["Căn cứ Kế hoạch số 11/KH-UBND…"]])
    results: list[Result] = Field(default_factory=list, description="Kết quả theo lĩnh vực", examples=[[{"area": "procedures", "heading": "2. Cải cách thủ tục hành chính", "paragraphs": ["…"]}]])
    dossier_stats: DossierStats | None = Field(None, description="Tình hình giải quyết hồ sơ trong kỳ (một phạm vi)", examples=[{"received": {"online": "310", "in_person_or_postal": "09", "carried_over": "02"}, "resolved": {"early": "318", "on_time": "0", "late": "0"}, "in_progress": {"within_deadline": "0", "overdue": "0"}, "withdrawn": "03"}])
    dossier_tables: list[DossierStats] = Field(default_factory=list, description="Tình hình giải quyết hồ sơ theo từng phạm vi (toàn tỉnh, cấp tỉnh, cấp huyện, cấp xã…), mỗi bảng có «scope»", examples=[[{"scope": "Cấp xã", "received": {"total": "51.780"}}]])
    figures: list[Figure] = Field(default_factory=list, description="Các số liệu khác", examples=[[{"label": "Tin, bài trên Đài truyền thanh xã", "value": "58", "unit": "tin, bài"}]])
    strengths: list[Text] = Field(default_factory=list, description="Ưu điểm, những mặt làm được", examples=[["Hoàn thành cơ bản nhiệm vụ cải cách hành chính."]])
    limitations: list[Text] = Field(default_factory=list, description="Tồn tại, hạn chế", examples=[["Tỷ lệ người dân dùng điện thoại thông minh còn thấp."]])
    causes: list[Text] = Field(default_factory=list, description="Nguyên nhân", examples=[["Người dân quen nộp hồ sơ trực tiếp."]])
    proposals: list[Text] = Field(default_factory=list, description="Đề xuất, kiến nghị", examples=[["Đề nghị bố trí kinh phí tuyên truyền."]])
    next_intro: Text | None = Field(None, description="Đoạn dẫn phần phương hướng, nhiệm vụ kỳ tới", examples=["Nhiệm vụ trọng tâm Quý III năm 2024 như sau:"])
    next_tasks: list[Text] = Field(default_factory=list, description="Nhiệm vụ kỳ tới", examples=[["Tiếp tục đẩy mạnh ứng dụng công nghệ thông tin."]])
    closing: Text | None = Field(None, description="Đoạn kết", examples=["UBND xã kính báo cáo./."])


    @property
    def period_text(self) -> str:
        """The period in words, or says that the source gives none (never an invented one)."""
        return str(self.period) if self.period else "Không ghi kỳ báo cáo"

    @property
    def search_note(self) -> str:
        return f"Báo cáo {self.period}" if self.period else "Báo cáo không ghi kỳ"

    def dossier_scopes(self) -> list[tuple[tuple[str | int, ...], DossierStats]]:
        """Every dossier table of the report with where it is written."""
        first = [(("dossier_stats",), self.dossier_stats)] if self.dossier_stats else []
        return first + [(("dossier_tables", i), t) for i, t in enumerate(self.dossier_tables)]

    def cited_numbers(self) -> list[tuple[tuple[str | int, ...], str]]:
        plan = [(("plan",), self.plan)] if self.plan else []
        return plan + [(("based_on", i), n) for i, n in enumerate(self.based_on)]

    def feed_date(self) -> dt.date | None:
        """An undated report is dated from the end of its period's last month (its first day); with
        neither a date nor a period it has no date (it is listed, but not in the feed)."""
        return super().feed_date() or (self.period.end.replace(day=1) if self.period else None)

    def results_by_area(self) -> list[tuple[Area, list[Result]]]:
        """The results grouped by CCHC area, in the areas' order."""
        order = list(Area)
        groups: dict[Area, list[Result]] = {}
        for result in self.results:
            groups.setdefault(result.area, []).append(result)
        return sorted(groups.items(), key=lambda item: order.index(item[0]))


def on_time_share(table: DossierStats) -> tuple[Decimal, Decimal, RateBase] | None:
    """(dossiers resolved early or on time, the base, which base) when both are exact counts."""
    base, part = table.base(), table.on_time()
    if base is None or part is None or base[1] == 0:
        return None
    return part, base[1], base[0]


def rate_disagreement(table: DossierStats) -> tuple[int, str] | None:
    """(index of the source's on-time rate, the computed rate) when the source publishes one that
    its own exact counts do not give even rounded to the published decimals; otherwise None."""
    published, share = table.published_on_time(), on_time_share(table)
    if published is None or share is None or published.value.approximate:
        return None
    places = len(published.value.text.rstrip(" %").partition(",")[2])
    part, whole, _ = share
    if abs(part * 100 / whole - published.value.value) <= Decimal(5).scaleb(-places - 1):
        return None
    return table.rates.index(published), rate(part, whole, places)
