"""A unit (đơn vị): its profile, its contacts, the procedures it handles and its index results."""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .types import Choice, Count, Email, Model, Number, Phone, ProcedureCode, Slug, Text, Url, VnDate, Year


class UnitLevel(Choice):
    PROVINCE = ("province", "Tỉnh, thành phố")
    COMMUNE = ("commune", "Xã")
    WARD = ("ward", "Phường")
    SPECIAL_ZONE = ("special-zone", "Đặc khu")
    TOWNSHIP = ("township", "Thị trấn")
    DEPARTMENT = ("department", "Sở, ban, ngành")
    DISTRICT = ("district", "Huyện, thị xã, thành phố thuộc tỉnh (trước 01/7/2025)")


class UnitStatus(Choice):
    ACTIVE = ("active", "Đang hoạt động")
    MERGED = ("merged", "Đã sáp nhập")
    DISSOLVED = ("dissolved", "Đã giải thể, kết thúc hoạt động")


class UnitLink(Model):
    """Another unit this one is linked to (successor or predecessor)."""

    name: Text = Field(description="Tên đơn vị, vd «Ủy ban nhân dân tỉnh Quảng Ngãi»")
    url: Url | None = Field(None, description="Địa chỉ trang thông tin điện tử của đơn vị đó")
    slug: Slug | None = Field(None, description="Mã thư mục của đơn vị đó trong units/, nếu có")


class Source(Model):
    """Where a fact was taken from."""

    title: Text = Field(description="Tên nguồn, vd «Cổng Dịch vụ công quốc gia»")
    url: Url | None = Field(None, description="Đường dẫn tới nguồn")
    accessed: VnDate | None = Field(None, description="Ngày tra cứu nguồn (ngày/tháng/năm)")


class Unit(Model):
    """The unit's profile: `units/<slug>/unit.yml`."""

    name: Text = Field(description="Tên chính thức, vd «Ủy ban nhân dân huyện Ba Tơ»")
    short_name: Text = Field(description="Tên ngắn hiển thị, vd «Huyện Ba Tơ»")
    level: UnitLevel = Field(description="Cấp đơn vị")
    parent: Text | None = Field(None, description="Tên đơn vị cấp trên, vd «Tỉnh Quảng Ngãi»")
    province: Text = Field(description="Tỉnh, thành phố nơi đơn vị đặt trụ sở")
    address: Text | None = Field(None, description="Địa chỉ trụ sở; để trống nếu chưa có nguồn")
    phone: Phone | None = Field(None, description="Số điện thoại của cơ quan")
    email: Email | None = Field(None, description="Thư điện tử của cơ quan")
    reception_hours: list[Text] = Field(
        default_factory=list, description="Giờ tiếp nhận hồ sơ, mỗi dòng một khoảng thời gian"
    )
    site_url: Url = Field(description="Địa chỉ công khai của trang này, vd https://bato.quangngai.gov.vn/")
    status: UnitStatus = Field(UnitStatus.ACTIVE, description="Tình trạng của đơn vị")
    status_date: VnDate | None = Field(None, description="Ngày sáp nhập hoặc giải thể (ngày/tháng/năm)")
    status_note: Text | None = Field(None, description="Giải thích ngắn về việc sáp nhập, giải thể")
    successor: UnitLink | None = Field(None, description="Đơn vị kế thừa (bắt buộc khi đã sáp nhập)")
    predecessors: list[UnitLink] = Field(default_factory=list, description="Các đơn vị đã sáp nhập vào đơn vị này")

    @model_validator(mode="after")
    def _status_complete(self) -> Self:
        if self.status is not UnitStatus.ACTIVE and self.status_date is None:
            raise PydanticCustomError(
                "status-date-missing", "Đơn vị đã sáp nhập hoặc giải thể phải có status_date (ngày/tháng/năm)", {"field": "status"}
            )
        if self.status is UnitStatus.MERGED and self.successor is None:
            raise PydanticCustomError("successor-missing", "Đơn vị đã sáp nhập phải ghi successor (đơn vị kế thừa)", {"field": "status"})
        return self

    @property
    def is_active(self) -> bool:
        return self.status is UnitStatus.ACTIVE


class Contact(Model):
    """A hotline or a feedback address."""

    name: Text = Field(description="Cơ quan, bộ phận tiếp nhận, vd «Bộ phận Tiếp nhận và Trả kết quả»")
    purpose: Text | None = Field(None, description="Dùng để làm gì, vd «Phản ánh, kiến nghị về thủ tục hành chính»")
    phone: Phone | None = Field(None, description="Số điện thoại; để trống nếu chưa có nguồn")
    email: Email | None = Field(None, description="Thư điện tử")
    address: Text | None = Field(None, description="Địa chỉ gửi văn bản hoặc đến trực tiếp")
    url: Url | None = Field(None, description="Trang gửi phản ánh trực tuyến")
    hours: list[Text] = Field(default_factory=list, description="Thời gian tiếp nhận, mỗi dòng một khoảng")
    source: Source | None = Field(None, description="Nguồn của thông tin liên hệ này")


class HotlinesFile(Model):
    """`units/<slug>/hotlines.yml`: where citizens call and send feedback."""

    feedback: Contact | None = Field(
        None, description="Địa chỉ tiếp nhận phản ánh, kiến nghị về quy định hành chính (Nghị định 20/2008/NĐ-CP)"
    )
    hotlines: list[Contact] = Field(default_factory=list, description="Các đường dây nóng, mỗi mục một số")


class LocalProcedure(Model):
    """A catalog procedure this unit handles, with the details that differ locally."""

    code: ProcedureCode = Field(description="Mã thủ tục trong danh mục content/procedures, vd «1.000593»")
    where: Text | None = Field(None, description="Nơi nộp hồ sơ tại đơn vị; để trống thì dùng địa chỉ đơn vị")
    time_limit: Text | None = Field(None, description="Thời hạn giải quyết tại địa phương, nếu khác danh mục")
    fee: Text | None = Field(None, description="Phí, lệ phí tại địa phương, nếu khác danh mục")
    exemption: Text | None = Field(None, description="Miễn, giảm phí theo nghị quyết của HĐND tỉnh")
    note: Text | None = Field(None, description="Ghi chú riêng của đơn vị")


class ProceduresFile(Model):
    """`units/<slug>/procedures.yml`: the procedures the unit handles."""

    procedures: list[LocalProcedure] = Field(description="Danh sách thủ tục đơn vị giải quyết")


class IndexName(Choice):
    PAR_INDEX = ("PAR INDEX", "Chỉ số cải cách hành chính (PAR INDEX)")
    SIPAS = ("SIPAS", "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)")
    PAPI = ("PAPI", "Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)")
    PCI = ("PCI", "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)")
    DTI = ("DTI", "Chỉ số chuyển đổi số (DTI)")
    DDCI = ("DDCI", "Chỉ số năng lực cạnh tranh cấp sở, ngành, địa phương (DDCI)")


class IndexResult(Model):
    """One index score of one year."""

    index: IndexName = Field(description="Tên chỉ số")
    year: Year = Field(description="Năm đánh giá")
    score: Number = Field(description="Điểm đạt được")
    scale_max: Number = Field(description="Thang điểm tối đa, vd 100")
    rank: Count | None = Field(None, description="Thứ hạng")
    ranked_of: Count | None = Field(None, description="Số đơn vị được xếp hạng")
    source: Source = Field(description="Văn bản hoặc trang công bố kết quả")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.score > self.scale_max:
            raise PydanticCustomError("score-above-scale", "Điểm lớn hơn thang điểm tối đa", {"field": "score"})
        if self.rank is not None and self.ranked_of is not None and self.rank > self.ranked_of:
            raise PydanticCustomError("rank-above-count", "Thứ hạng lớn hơn số đơn vị được xếp hạng", {"field": "rank"})
        return self


class IndicesFile(Model):
    """`units/<slug>/indices.yml`: index results over the years."""

    results: list[IndexResult] = Field(description="Kết quả các chỉ số, mỗi mục một chỉ số một năm")
