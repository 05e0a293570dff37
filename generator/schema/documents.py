"""Written documents: the legal documents plans and reports cite, the plans, and the reports."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import Field

from .types import (
    Change,
    DocNumber,
    Model,
    PartialVnDate,
    Text,
    Url,
    VnDate,
)


class CitedDocument(Model):
    """Một văn bản mà kế hoạch, báo cáo trích dẫn theo số hiệu."""

    number: DocNumber = Field(description="Số hiệu, vd «76/NQ-CP»", examples=["76/NQ-CP"])
    type: Text = Field(description="Loại văn bản, vd «Nghị quyết»", examples=["Nghị quyết"])
    date: VnDate | None = Field(None, description="Ngày ban hành (ngày/tháng/năm)", examples=["15/07/2021"])
    issuer: Text | None = Field(None, description="Cơ quan ban hành, vd «Chính phủ»; để trống nếu nguồn không ghi", examples=["Chính phủ"])
    summary: Text = Field(description="Trích yếu nội dung", examples=["Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030"])
    url: Url | None = Field(None, description="Đường dẫn tới toàn văn", examples=["https://vanban.chinhphu.vn/"])


class DocumentsFile(Model):
    """Danh sách văn bản được trích dẫn (dùng chung, hoặc riêng của đơn vị)."""

    documents: list[CitedDocument] = Field(description="Danh sách văn bản được trích dẫn", examples=[[{"number": "76/NQ-CP", "type": "Nghị quyết", "issuer": "Chính phủ", "summary": "Ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030"}]])


class Signer(Model):
    """Người ký văn bản."""

    title: Text = Field(description="Chức danh ký, vd «KT. CHỦ TỊCH – PHÓ CHỦ TỊCH»", examples=["KT. CHỦ TỊCH – PHÓ CHỦ TỊCH"])
    name: Text | None = Field(None, description="Họ và tên người ký", examples=["Hồ Văn Thịnh"])


class Section(Model):
    """Một mục của văn bản: tiêu đề, các đoạn văn, các ý gạch đầu dòng và mục con."""

    heading: Text | None = Field(None, description="Tiêu đề mục; để trống nếu mục không có tiêu đề", examples=["1. Đối với Chỉ số cải cách hành chính (PAR INDEX)"])
    paragraphs: list[Text] = Field(default_factory=list, description="Các đoạn văn", examples=[["Tuyên truyền các nội dung trọng tâm…"]])
    items: list[Text] = Field(default_factory=list, description="Các ý gạch đầu dòng", examples=[["Tuyên truyền các quy định của pháp luật trong công tác CCHC."]])
    sections: list[Section] = Field(default_factory=list, description="Các mục con", examples=[[{"heading": "a) Truyền thông về cải cách thể chế", "items": ["…"]}]])


class Publication(Model):
    """Nơi văn bản được biết đến khi không có bản gốc: một bài báo hoặc một trang web
    (tên báo, trang; ngày đăng; địa chỉ). Trang ghi «Nguồn: …» thay cho số và ngày ban hành."""

    publisher: Text = Field(description="Tên báo hoặc trang đăng, vd «Báo Lâm Đồng»", examples=["Báo Lâm Đồng"])
    title: Text | None = Field(None, description="Tiêu đề bài đúng như bài ghi", examples=["Trên 7.600 hồ sơ bị quá hạn trong quý I"])
    date: PartialVnDate | None = Field(None, description="Ngày đăng (ngày/tháng/năm); để trống nếu trang không ghi", examples=["18/03/2020"])
    time: Text | None = Field(None, description="Giờ đăng, nếu trang ghi, vd «13:18»", examples=["13:18"])
    author: Text | None = Field(None, description="Tác giả bài, đúng như bài ghi", examples=["Hữu Hiệp"])
    url: Url = Field(description="Địa chỉ bài báo, trang web (giữ nguyên, kể cả http://)", examples=["https://baolamdong.vn/"])
    accessed: VnDate | None = Field(None, description="Ngày xem trang (ngày/tháng/năm)", examples=["01/12/2026"])


class Issued(Model):
    """Phần đầu chung của kế hoạch và báo cáo."""

    number: Text | None = Field(
        None, description="Số văn bản (phần trước dấu «/»); để trống nếu văn bản chưa ghi số", examples=["11"])
    symbol: Text | None = Field(None, description="Ký hiệu văn bản, vd «KH-UBND»; để trống nếu văn bản không ghi", examples=["KH-UBND"])
    date: PartialVnDate | None = Field(
        None, description="Ngày ban hành: ngày/tháng/năm, hoặc tháng/năm nếu văn bản bỏ trống ngày", examples=["8/2022"])
    place: Text | None = Field(None, description="Địa danh ghi ở đầu văn bản, giữ nguyên như bản gốc", examples=["Trà Bông"])
    title: Text = Field(description="Trích yếu (tên) văn bản", examples=["Kế hoạch cải cách hành chính năm 2024"])
    issuer: Text | None = Field(
        None, description="Cơ quan ban hành; để trống nếu nguồn không ghi (vd bài báo không nêu), trang ghi «Nguồn không ghi cơ quan ban hành»",
        examples=["Ủy ban nhân dân huyện Trà Bồng"])
    signer: Signer | None = Field(None, description="Người ký", examples=[{"title": "KT. CHỦ TỊCH – PHÓ CHỦ TỊCH", "name": "Hồ Văn Thịnh"}])
    recipients: list[Text] = Field(default_factory=list, description="Nơi nhận", examples=[["Sở Thông tin và Truyền thông", "Lưu: VT"]])
    source: Text | None = Field(None, description="Nguồn của văn bản, vd tệp gốc đã số hoá", examples=["Bản số hoá trên Trang thông tin điện tử huyện"])
    published: Publication | None = Field(
        None,
        description="Khi chỉ biết văn bản qua một bài báo hoặc trang web: tên báo, ngày đăng, địa chỉ; khi đó số, ngày ban hành để trống nếu bài không ghi",
        examples=[{"publisher": "Báo Lâm Đồng", "date": "18/03/2020", "url": "https://baolamdong.vn/"}],
    )
    publish_from: VnDate | None = Field(
        None, description="Ngày bắt đầu đăng lên trang (ngày/tháng/năm); trước ngày này văn bản chưa hiện ở đâu trên trang; để trống thì đăng ngay", examples=["01/10/2026"])

    kind_label: ClassVar[str] = "Văn bản"

    def is_due(self, today: dt.date | None) -> bool:
        """True when the document may be on the site on `today` (None: every document, as the
        editor's preview and `cchc validate` see them)."""
        return today is None or self.publish_from is None or self.publish_from <= today

    @property
    def reference(self) -> str:
        """The document's number as cited, `…` standing in for a blank number."""
        return f"{self.number or '…'}/{self.symbol or '…'}"

    @property
    def search_note(self) -> str:
        return f"{self.kind_label} {self.reference}"

    def cited_numbers(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Every document number this one cites by number, with where it is written."""
        return []

    def feed_date(self) -> dt.date | None:
        """The day the document is dated from (its first possible day when the day is blank), or the
        day the article that reports it was published."""
        if self.date is not None:
            return self.date.first_day()
        if self.published is not None and self.published.date is not None:
            return self.published.date.first_day()
        return None

    @property
    def known_from_publication(self) -> bool:
        """Known only through an article or web page: no number and no issue date of its own."""
        return self.published is not None and self.number is None and self.date is None

    def changes(self) -> list[Change]:
        date = self.feed_date()
        return [Change(date, f"{self.kind_label}: {self.title}", f"{self.kind_label} {self.reference}")] if date else []

