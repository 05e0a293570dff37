"""A unit (đơn vị): its profile, its contacts, the procedures it handles and its index results."""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ..problems import Code
from .types import Choice, Count, Email, Model, Number, Phone, ProcedureCode, SiteUrl, Slug, Text, Url, VnDate, Year


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
    """Một đơn vị liên quan (đơn vị kế thừa hoặc đơn vị đã sáp nhập vào)."""

    name: Text = Field(description="Tên đơn vị, vd «Ủy ban nhân dân tỉnh Quảng Ngãi»", examples=["Ủy ban nhân dân tỉnh Quảng Ngãi"])
    url: Url | None = Field(None, description="Địa chỉ trang thông tin điện tử của đơn vị đó", examples=["https://quangngai.gov.vn/"])
    slug: Slug | None = Field(None, description="Mã thư mục của đơn vị đó trong units/, nếu có", examples=["son-thuong"])


class Successor(UnitLink):
    """Một đơn vị kế thừa: đơn vị nay giải quyết công việc của đơn vị cũ, các đơn vị cũ được sắp xếp
    vào đó và văn bản quy định việc sắp xếp."""

    took_over: list[Text] = Field(
        default_factory=list, description="Các đơn vị cũ được sắp xếp vào đơn vị kế thừa này, ghi như văn bản, vd «xã Ba Cung»; tìm được bằng tên cũ",
        examples=[["thị trấn Ba Tơ", "xã Ba Cung", "xã Ba Bích"]])
    basis: Text | None = Field(
        None, description="Văn bản, điều, khoản quy định việc sắp xếp", examples=["Nghị quyết số 1677/NQ-UBTVQH15, Điều 1, khoản 45"])


class Source(Model):
    """Nguồn của thông tin."""

    title: Text = Field(description="Tên nguồn, vd «Cổng Dịch vụ công quốc gia»", examples=["Cổng Dịch vụ công quốc gia"])
    url: Url | None = Field(None, description="Đường dẫn tới nguồn", examples=["https://dichvucong.gov.vn/"])
    accessed: VnDate | None = Field(None, description="Ngày tra cứu nguồn (ngày/tháng/năm)", examples=["22/11/2026"])


class Unit(Model):
    """Hồ sơ đơn vị: tên, cấp, địa chỉ, giờ tiếp nhận, địa chỉ trang, tình trạng."""

    name: Text = Field(description="Tên chính thức, vd «Ủy ban nhân dân huyện Ba Tơ»", examples=["Ủy ban nhân dân xã Sơn Thượng"])
    short_name: Text = Field(description="Tên ngắn hiển thị, vd «Huyện Ba Tơ»", examples=["Xã Sơn Thượng"])
    level: UnitLevel = Field(description="Cấp đơn vị", examples=["commune"])
    parent: Text | None = Field(None, description="Tên đơn vị cấp trên, vd «Tỉnh Quảng Ngãi»", examples=["Huyện Sơn Hà, tỉnh Quảng Ngãi"])
    province: Text = Field(description="Tỉnh, thành phố nơi đơn vị đặt trụ sở", examples=["Quảng Ngãi"])
    address: Text | None = Field(None, description="Địa chỉ trụ sở; để trống nếu chưa có nguồn", examples=["Thôn Làng Rào, xã Sơn Thượng"])
    phone: Phone | None = Field(None, description="Số điện thoại của cơ quan", examples=["0912 345 678"])
    email: Email | None = Field(None, description="Thư điện tử của cơ quan", examples=["ubndxa@quangngai.gov.vn"])
    reception_hours: list[Text] = Field(
        default_factory=list, description="Giờ tiếp nhận hồ sơ, mỗi dòng một khoảng thời gian", examples=[["Sáng: 7 giờ 00 – 11 giờ 30", "Chiều: 13 giờ 30 – 17 giờ 00"]])
    site_url: SiteUrl = Field(description="Địa chỉ công khai của trang này, vd https://bato.quangngai.gov.vn/", examples=["https://bato.quangngai.gov.vn/"])
    status: UnitStatus = Field(UnitStatus.ACTIVE, description="Tình trạng của đơn vị", examples=["dissolved"])
    status_date: VnDate | None = Field(None, description="Ngày sáp nhập hoặc giải thể (ngày/tháng/năm)", examples=["01/07/2025"])
    status_note: Text | None = Field(None, description="Giải thích ngắn về việc sáp nhập, giải thể", examples=["Từ ngày 01/7/2025 không còn đơn vị hành chính cấp huyện."])
    successor: Successor | None = Field(None, description="Đơn vị kế thừa (bắt buộc khi đã sáp nhập, nếu không ghi successors)", examples=[{"name": "Xã Sơn Hà", "took_over": ["thị trấn Di Lăng", "xã Sơn Bao", "xã Sơn Thượng"], "basis": "Nghị quyết số 1677/NQ-UBTVQH15, Điều 1, khoản 34"}])
    successors: list[Successor] = Field(
        default_factory=list, description="Các đơn vị kế thừa, khi đơn vị cũ được chia cho nhiều đơn vị (vd các xã của một huyện được sắp xếp thành nhiều xã mới); ghi successor hoặc successors, không ghi cả hai",
        examples=[[{"name": "Xã Ba Tơ", "took_over": ["thị trấn Ba Tơ", "xã Ba Cung", "xã Ba Bích"], "basis": "Nghị quyết số 1677/NQ-UBTVQH15, Điều 1, khoản 45"}]])
    predecessors: list[UnitLink] = Field(default_factory=list, description="Các đơn vị đã sáp nhập vào đơn vị này", examples=[[{"name": "Ủy ban nhân dân xã A"}]])

    @model_validator(mode="after")
    def _status_complete(self) -> Self:
        if self.status is not UnitStatus.ACTIVE and self.status_date is None:
            raise PydanticCustomError(
                Code.STATUS_DATE_MISSING, "Đơn vị đã sáp nhập hoặc giải thể phải có status_date (ngày/tháng/năm)", {"field": "status"}
            )
        if self.successor is not None and self.successors:
            raise PydanticCustomError(
                Code.SUCCESSOR_TWICE, "Ghi successor (một đơn vị kế thừa) hoặc successors (nhiều đơn vị kế thừa), không ghi cả hai", {"field": "successors"}
            )
        if self.status is UnitStatus.MERGED and not self.heirs:
            raise PydanticCustomError(Code.SUCCESSOR_MISSING, "Đơn vị đã sáp nhập phải ghi successor (đơn vị kế thừa)", {"field": "status"})
        return self

    @property
    def heirs(self) -> list[Successor]:
        """The units that took over this one: its one successor, or its successors."""
        return [self.successor] if self.successor is not None else list(self.successors)

    @property
    def is_active(self) -> bool:
        return self.status is UnitStatus.ACTIVE


class Contact(Model):
    """Một đường dây nóng hoặc nơi tiếp nhận phản ánh, kiến nghị."""

    name: Text = Field(description="Cơ quan, bộ phận tiếp nhận, vd «Bộ phận Tiếp nhận và Trả kết quả»", examples=["Bộ phận Tiếp nhận và Trả kết quả"])
    purpose: Text | None = Field(None, description="Dùng để làm gì, vd «Phản ánh, kiến nghị về thủ tục hành chính»", examples=["Phản ánh, kiến nghị về thủ tục hành chính"])
    phone: Phone | None = Field(None, description="Số điện thoại; để trống nếu chưa có nguồn", examples=["0912 345 678"])
    email: Email | None = Field(None, description="Thư điện tử", examples=["motcua@quangngai.gov.vn"])
    address: Text | None = Field(None, description="Địa chỉ gửi văn bản hoặc đến trực tiếp", examples=["Trụ sở UBND xã"])
    url: Url | None = Field(None, description="Trang gửi phản ánh trực tuyến", examples=["https://dichvucong.gov.vn/"])
    hours: list[Text] = Field(default_factory=list, description="Thời gian tiếp nhận, mỗi dòng một khoảng", examples=[["Giờ hành chính các ngày làm việc"]])
    source: Source | None = Field(None, description="Nguồn của thông tin liên hệ này", examples=[{"title": "Thông báo của UBND xã"}])


class HotlinesFile(Model):
    """Nơi người dân gọi điện, gửi phản ánh, kiến nghị."""

    feedback: Contact | None = Field(
        None, description="Địa chỉ tiếp nhận phản ánh, kiến nghị về quy định hành chính (Nghị định 20/2008/NĐ-CP)", examples=[{"name": "Bộ phận Tiếp nhận và Trả kết quả", "phone": "0912 345 678"}])
    hotlines: list[Contact] = Field(default_factory=list, description="Các đường dây nóng, mỗi mục một số", examples=[[{"name": "Đường dây nóng của Chủ tịch UBND", "phone": "0912 345 678"}]])


class LocalProcedure(Model):
    """Một thủ tục của danh mục mà đơn vị giải quyết, kèm các chi tiết riêng của địa phương."""

    code: ProcedureCode = Field(
        description="Mã thủ tục trong danh mục content/procedures (tên tệp của thủ tục), vd «1.000593»; thủ tục không có mã: tên ngắn của nó",
        examples=["1.000593"],
    )
    where: Text | None = Field(None, description="Nơi nộp hồ sơ tại đơn vị; để trống thì dùng địa chỉ đơn vị", examples=["Bộ phận Tiếp nhận và Trả kết quả, UBND xã"])
    time_limit: Text | None = Field(None, description="Thời hạn giải quyết tại địa phương, nếu khác danh mục", examples=["03 ngày làm việc"])
    fee: Text | None = Field(None, description="Phí, lệ phí tại địa phương, nếu khác danh mục", examples=["Không"])
    exemption: Text | None = Field(None, description="Miễn, giảm phí theo nghị quyết của HĐND tỉnh", examples=["Miễn lệ phí theo nghị quyết của HĐND tỉnh"])
    note: Text | None = Field(None, description="Ghi chú riêng của đơn vị", examples=["Nhận hồ sơ cả sáng thứ Bảy"])
    since: VnDate | None = Field(
        None, description="Ngày đơn vị bắt đầu giải quyết thủ tục này (cho bản tin thay đổi)", examples=["01/07/2025"]
    )


class ProceduresFile(Model):
    """Danh sách thủ tục đơn vị giải quyết (mã trong danh mục dùng chung)."""

    procedures: list[LocalProcedure] = Field(description="Danh sách thủ tục đơn vị giải quyết", examples=[[{"code": "1.000593", "where": "Bộ phận Tiếp nhận và Trả kết quả"}]])


class IndexName(Choice):
    PAR_INDEX = ("PAR INDEX", "Chỉ số cải cách hành chính (PAR INDEX)")
    SIPAS = ("SIPAS", "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)")
    PAPI = ("PAPI", "Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)")
    PCI = ("PCI", "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)")
    DTI = ("DTI", "Chỉ số chuyển đổi số (DTI)")
    DDCI = ("DDCI", "Chỉ số năng lực cạnh tranh cấp sở, ngành, địa phương (DDCI)")


class IndexResult(Model):
    """Điểm của một chỉ số trong một năm."""

    index: IndexName = Field(description="Tên chỉ số", examples=["PAR INDEX"])
    year: Year = Field(description="Năm đánh giá", examples=["2023"])
    score: Number = Field(description="Điểm đạt được", examples=["85,5"])
    scale_max: Number = Field(description="Thang điểm tối đa, vd 100", examples=["100"])
    rank: Count | None = Field(None, description="Thứ hạng", examples=["12"])
    ranked_of: Count | None = Field(None, description="Số đơn vị được xếp hạng", examples=["34"])
    source: Source = Field(description="Văn bản hoặc trang công bố kết quả", examples=[{"title": "Quyết định công bố kết quả"}])

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.score.value > self.scale_max.value:
            raise PydanticCustomError(Code.SCORE_ABOVE_SCALE, "Điểm lớn hơn thang điểm tối đa", {"field": "score"})
        if self.rank is not None and self.ranked_of is not None and self.rank > self.ranked_of:
            raise PydanticCustomError(Code.RANK_ABOVE_COUNT, "Thứ hạng lớn hơn số đơn vị được xếp hạng", {"field": "rank"})
        return self


class IndicesFile(Model):
    """Kết quả các chỉ số (PAR INDEX, SIPAS, PAPI, PCI, DTI, DDCI) qua các năm."""

    results: list[IndexResult] = Field(description="Kết quả các chỉ số, mỗi mục một chỉ số một năm", examples=[[{"index": "PAR INDEX", "year": "2023", "score": "85,5", "scale_max": "100", "source": {"title": "Quyết định công bố"}}]])
