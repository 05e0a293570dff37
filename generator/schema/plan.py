"""A plan: its tasks, nested to any depth."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from .documents import Issued, Section
from .types import (
    DocNumber,
    Model,
    Text,
)


class Task(Model):
    """Một nhiệm vụ của kế hoạch: làm gì, ai chủ trì, ai phối hợp, khi nào."""

    title: Text = Field(description="Nội dung nhiệm vụ", examples=["Rà soát, cập nhật các TTHC trên Cổng Thông tin điện tử"])
    lead: Text | None = Field(None, description="Cơ quan chủ trì", examples=["Văn phòng huyện"])
    partners: list[Text] = Field(default_factory=list, description="Cơ quan phối hợp", examples=[["Phòng Văn hóa và Thông tin, UBND các xã, thị trấn"]])
    timeframe: Text | None = Field(None, description="Thời gian thực hiện, vd «Hàng năm», «Trước 25/11»", examples=["Thường xuyên trong năm"])
    content: Text | None = Field(None, description="Nội dung chi tiết", examples=["Thông tin tình hình và kết quả thực hiện CCHC."])
    subtasks: list[Task] = Field(default_factory=list, description="Các nhiệm vụ con", examples=[[{"title": "Tuyên truyền trên sóng truyền thanh", "lead": "Trung tâm Truyền thông - Văn hoá - Thể thao huyện", "timeframe": "Hàng tuần"}]])


class Plan(Issued):
    """Một kế hoạch cải cách hành chính."""

    kind_label: ClassVar[str] = "Kế hoạch"

    implements: list[DocNumber] = Field(default_factory=list, description="Số hiệu các văn bản kế hoạch thực hiện", examples=[["845/QĐ-UBND"]])
    preamble: list[Text] = Field(default_factory=list, description="Đoạn mở đầu", examples=[["Thực hiện Quyết định số 845/QĐ-UBND ngày 29/6/2022…"]])
    purposes: list[Text] = Field(default_factory=list, description="Mục đích", examples=[["Nâng cao nhận thức về cải cách hành chính."]])
    requirements: list[Text] = Field(default_factory=list, description="Yêu cầu", examples=[["Tổ chức truyền thông thường xuyên, kịp thời."]])
    content: list[Section] = Field(default_factory=list, description="Nội dung theo chủ đề", examples=[[{"heading": "1. Nội dung", "items": ["…"]}]])
    tasks: list[Task] = Field(default_factory=list, description="Nhiệm vụ cụ thể", examples=[[{"title": "Rà soát, cập nhật các TTHC", "lead": "Văn phòng huyện", "timeframe": "Thường xuyên"}]])
    timeframe: Text | None = Field(None, description="Thời gian thực hiện chung của kế hoạch", examples=["Trong năm 2024 và hoàn thành trước tháng 11 năm 2024."])
    budget: list[Text] = Field(default_factory=list, description="Kinh phí thực hiện", examples=[["Kinh phí từ ngân sách nhà nước theo phân cấp."]])
    organisation: list[Section] = Field(default_factory=list, description="Tổ chức thực hiện", examples=[[{"heading": "1. Văn phòng Sở", "items": ["Là đầu mối…"]}]])
    closing: Text | None = Field(None, description="Đoạn kết", examples=["Trên đây là Kế hoạch…"])

    def cited_numbers(self) -> list[tuple[tuple[str | int, ...], str]]:
        return [(("implements", i), n) for i, n in enumerate(self.implements)]
