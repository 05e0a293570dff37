"""Written documents: the legal documents plans and reports cite, the plans, and the reports."""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .types import Choice, Count, DocNumber, Model, Number, PartialVnDate, Text, Url, VnDate, Year


class CitedDocument(Model):
    """A legal or administrative document that plans and reports refer to by number."""

    number: DocNumber = Field(description="Số hiệu, vd «76/NQ-CP»")
    type: Text = Field(description="Loại văn bản, vd «Nghị quyết»")
    date: VnDate | None = Field(None, description="Ngày ban hành (ngày/tháng/năm)")
    issuer: Text = Field(description="Cơ quan ban hành, vd «Chính phủ»")
    summary: Text = Field(description="Trích yếu nội dung")
    url: Url | None = Field(None, description="Đường dẫn tới toàn văn")


class DocumentsFile(Model):
    """`content/documents.yml` (shared) or `units/<slug>/documents.yml` (the unit's own)."""

    documents: list[CitedDocument] = Field(description="Danh sách văn bản được trích dẫn")


class Signer(Model):
    """Who signed the document."""

    title: Text = Field(description="Chức danh ký, vd «KT. CHỦ TỊCH – PHÓ CHỦ TỊCH»")
    name: Text | None = Field(None, description="Họ và tên người ký")


class Section(Model):
    """A titled part of a document's body: paragraphs, bullet items and sub-sections."""

    heading: Text | None = Field(None, description="Tiêu đề mục; để trống nếu mục không có tiêu đề")
    paragraphs: list[Text] = Field(default_factory=list, description="Các đoạn văn")
    items: list[Text] = Field(default_factory=list, description="Các ý gạch đầu dòng")
    sections: list[Section] = Field(default_factory=list, description="Các mục con")


class Issued(Model):
    """The header every plan and report carries."""

    number: Text | None = Field(
        None, description="Số văn bản (phần trước dấu «/»); để trống nếu văn bản chưa ghi số"
    )
    symbol: Text | None = Field(None, description="Ký hiệu văn bản, vd «KH-UBND»; để trống nếu văn bản không ghi")
    date: PartialVnDate | None = Field(
        None, description="Ngày ban hành: ngày/tháng/năm, hoặc tháng/năm nếu văn bản bỏ trống ngày"
    )
    place: Text | None = Field(None, description="Địa danh ghi ở đầu văn bản, giữ nguyên như bản gốc")
    title: Text = Field(description="Trích yếu (tên) văn bản")
    issuer: Text = Field(description="Cơ quan ban hành")
    signer: Signer | None = Field(None, description="Người ký")
    recipients: list[Text] = Field(default_factory=list, description="Nơi nhận")
    source: Text | None = Field(None, description="Nguồn của văn bản, vd tệp gốc đã số hoá")

    @property
    def reference(self) -> str:
        """The document's number as cited, `…` standing in for a blank number."""
        return f"{self.number or '…'}/{self.symbol or '…'}"


class Task(Model):
    """One task of a plan: what, who leads, who helps, when."""

    title: Text = Field(description="Nội dung nhiệm vụ")
    lead: Text | None = Field(None, description="Cơ quan chủ trì")
    partners: list[Text] = Field(default_factory=list, description="Cơ quan phối hợp")
    timeframe: Text | None = Field(None, description="Thời gian thực hiện, vd «Hàng năm», «Trước 25/11»")
    content: Text | None = Field(None, description="Nội dung chi tiết")
    subtasks: list[Task] = Field(default_factory=list, description="Các nhiệm vụ con")


class Plan(Issued):
    """A plan (kế hoạch): `units/<slug>/plans/<name>.yml`."""

    implements: list[DocNumber] = Field(default_factory=list, description="Số hiệu các văn bản kế hoạch thực hiện")
    preamble: list[Text] = Field(default_factory=list, description="Đoạn mở đầu")
    purposes: list[Text] = Field(default_factory=list, description="Mục đích")
    requirements: list[Text] = Field(default_factory=list, description="Yêu cầu")
    content: list[Section] = Field(default_factory=list, description="Nội dung theo chủ đề")
    tasks: list[Task] = Field(default_factory=list, description="Nhiệm vụ cụ thể")
    timeframe: Text | None = Field(None, description="Thời gian thực hiện chung của kế hoạch")
    budget: list[Text] = Field(default_factory=list, description="Kinh phí thực hiện")
    organisation: list[Section] = Field(default_factory=list, description="Tổ chức thực hiện")
    closing: Text | None = Field(None, description="Đoạn kết")


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
    """Results in one CCHC area."""

    area: Area = Field(description="Lĩnh vực cải cách")


class Period(Model):
    """A report's period: a year, or a quarter of a year."""

    year: Year = Field(description="Năm")
    quarter: Count | None = Field(None, description="Quý (1 đến 4); để trống nếu là báo cáo năm")

    @model_validator(mode="after")
    def _quarter_in_range(self) -> Self:
        if self.quarter is not None and not 1 <= self.quarter <= 4:
            raise PydanticCustomError("invalid-quarter", "Quý phải từ 1 đến 4", {"field": "quarter"})
        return self

    def __str__(self) -> str:
        roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
        return f"Quý {roman[self.quarter]} năm {self.year}" if self.quarter else f"Năm {self.year}"


class Received(Model):
    """Dossiers received in the period (Biểu số 06/VPCP/KSTT)."""

    online: Count = Field(description="Tiếp nhận trực tuyến")
    in_person: Count = Field(description="Tiếp nhận trực tiếp hoặc qua dịch vụ bưu chính")
    carried_over: Count = Field(description="Từ kỳ trước chuyển sang")

    @property
    def total(self) -> int:
        return self.online + self.in_person + self.carried_over


class Resolved(Model):
    """Dossiers resolved in the period."""

    early: Count = Field(description="Giải quyết trước hạn")
    on_time: Count = Field(description="Giải quyết đúng hạn")
    late: Count = Field(description="Giải quyết quá hạn")

    @property
    def total(self) -> int:
        return self.early + self.on_time + self.late


class InProgress(Model):
    """Dossiers still being handled at the end of the period."""

    within_deadline: Count = Field(description="Đang giải quyết, chưa đến hạn")
    overdue: Count = Field(description="Đang giải quyết, đã quá hạn")

    @property
    def total(self) -> int:
        return self.within_deadline + self.overdue


class DossierStats(Model):
    """Dossier statistics in the columns of the official form; totals and rates are computed."""

    received: Received = Field(description="Số hồ sơ tiếp nhận")
    resolved: Resolved = Field(description="Số hồ sơ đã giải quyết")
    in_progress: InProgress = Field(description="Số hồ sơ đang giải quyết")
    withdrawn: Count = Field(description="Số hồ sơ rút hoặc trả lại (ghi riêng)")

    @model_validator(mode="after")
    def _adds_up(self) -> Self:
        accounted = self.resolved.total + self.in_progress.total + self.withdrawn
        if accounted != self.received.total:
            raise PydanticCustomError(
                "dossier-sum-mismatch",
                "Số liệu hồ sơ không khớp: tiếp nhận {received} nhưng đã giải quyết + đang giải quyết + rút/trả lại = {accounted}",
                {"received": self.received.total, "accounted": accounted},
            )
        return self


class Figure(Model):
    """Another figure a report gives (items broadcast, staff counts, …)."""

    label: Text = Field(description="Nội dung số liệu")
    value: Number = Field(description="Giá trị (chỉ ghi số)")
    unit: Text | None = Field(None, description="Đơn vị tính, vd «tin, bài»")
    note: Text | None = Field(None, description="Ghi chú")


class Report(Issued):
    """A report (báo cáo): `units/<slug>/reports/<name>.yml`."""

    period: Period = Field(description="Kỳ báo cáo")
    plan: DocNumber | None = Field(None, description="Số hiệu kế hoạch được báo cáo")
    based_on: list[DocNumber] = Field(default_factory=list, description="Số hiệu các văn bản căn cứ")
    preamble: list[Text] = Field(default_factory=list, description="Đoạn mở đầu")
    results: list[Result] = Field(default_factory=list, description="Kết quả theo lĩnh vực")
    dossier_stats: DossierStats | None = Field(None, description="Tình hình giải quyết hồ sơ trong kỳ")
    figures: list[Figure] = Field(default_factory=list, description="Các số liệu khác")
    strengths: list[Text] = Field(default_factory=list, description="Ưu điểm, những mặt làm được")
    limitations: list[Text] = Field(default_factory=list, description="Tồn tại, hạn chế")
    causes: list[Text] = Field(default_factory=list, description="Nguyên nhân")
    proposals: list[Text] = Field(default_factory=list, description="Đề xuất, kiến nghị")
    next_intro: Text | None = Field(None, description="Đoạn dẫn phần phương hướng, nhiệm vụ kỳ tới")
    next_tasks: list[Text] = Field(default_factory=list, description="Nhiệm vụ kỳ tới")
    closing: Text | None = Field(None, description="Đoạn kết")

