"""A procedure (thủ tục hành chính) of the shared catalog: `content/procedures/<code>.yml`."""

from __future__ import annotations

from itertools import groupby
from typing import Self

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from ..problems import Code
from .types import Choice, Count, Model, ProcedureCode, Slug, Text, Url, VnDate, YesNo, official_code
from .unit import Source


class Channel(Choice):
    IN_PERSON = ("in-person", "Trực tiếp")
    ONLINE = ("online", "Trực tuyến")
    POSTAL = ("postal", "Dịch vụ bưu chính công ích")
    UNSPECIFIED = ("unspecified", "Nguồn không ghi cách nộp")


class OnlineLevel(Choice):
    FULL = ("full", "Toàn trình")
    PARTIAL = ("partial", "Một phần")
    NONE = ("none", "Không")
    UNKNOWN = ("unknown", "Chưa có thông tin")


class LegalStatus(Choice):
    IN_FORCE = ("in-force", "Đang có hiệu lực")
    AMENDED = ("amended", "Đã sửa đổi, bổ sung")
    REPLACED = ("replaced", "Đã bị thay thế")
    ABOLISHED = ("abolished", "Đã bãi bỏ")


class HandlingLevel(Choice):
    PROVINCE = ("province", "Cấp tỉnh")
    DISTRICT = ("district", "Cấp huyện (trước 01/7/2025)")
    COMMUNE = ("commune", "Cấp xã")


class ChannelDetail(Model):
    """Một dòng của «Cách thức thực hiện»: một cách nộp, với thời hạn và phí riêng."""

    channel: Channel = Field(
        Channel.UNSPECIFIED,
        description="Cách nộp hồ sơ; để trống khi nguồn ghi thời hạn, phí mà không ghi cách nộp",
        examples=["online"],
    )
    time_limit: Text | None = Field(None, description="Thời hạn giải quyết qua cách này; để trống nếu chưa có nguồn", examples=["03 ngày làm việc"])
    fee: Text | None = Field(
        None,
        description="Phí, lệ phí qua cách này; «Không» nếu miễn phí; để trống nếu chưa có nguồn. Khi nguồn ghi riêng phí và lệ phí: ghi phí ở đây, lệ phí ở «charge»",
        examples=["Không"],
    )
    charge: Text | None = Field(None, description="Lệ phí qua cách này, khi nguồn ghi riêng với phí", examples=["Từ 100.000 đồng đến 500.000 đồng/giấy"])
    description: Text | None = Field(None, description="Mô tả, vd giờ nhận hồ sơ", examples=["Giảm 30% lệ phí khi nộp trực tuyến"])

    @property
    def fee_text(self) -> str | None:
        """The fee on one line: «Phí: …; lệ phí: …» when the source gives them apart."""
        if self.charge is None:
            return self.fee
        return f"Phí: {self.fee}; lệ phí: {self.charge}" if self.fee else f"Lệ phí: {self.charge}"


class ProcedureSource(Source):
    """Một nguồn của bản ghi thủ tục; khi có nhiều nguồn, ghi những gì lấy từ nguồn này."""

    covers: Text | None = Field(
        None, description="Những thông tin lấy từ nguồn này, khi bản ghi có nhiều nguồn, vd «Trình tự thực hiện, thời hạn»", examples=["Trình tự thực hiện, thành phần hồ sơ"])
    steps: list[Text] = Field(
        default_factory=list,
        description="Trình tự thực hiện đúng như nguồn này ghi, khi khác trình tự chung của bản ghi (trang hiện riêng, ghi rõ nguồn)",
        examples=[["Nộp hồ sơ tại Bộ phận Một cửa."]],
    )


class Form(Model):
    """Một mẫu đơn, tờ khai để tải về."""

    title: Text = Field(description="Tên mẫu, vd «Tờ khai đăng ký kết hôn»", examples=["Tờ khai đăng ký kết hôn"])
    url: Url | None = Field(None, description="Đường dẫn tải mẫu; để trống nếu nguồn chỉ ghi tên tệp mẫu", examples=["https://dichvucong.gov.vn/"])


class DossierItem(Model):
    """Một dòng của «Thành phần hồ sơ»."""

    document: Text = Field(description="Tên giấy tờ", examples=["Tờ khai đăng ký kết hôn"])
    originals: Count | None = Field(None, description="Số bản chính; để trống nếu nguồn không ghi (trang không hiện dòng này)", examples=["1"])
    copies: Count | None = Field(None, description="Số bản sao; để trống nếu nguồn không ghi (trang không hiện dòng này)", examples=["0"])
    present_only: YesNo = Field(False, description="«có» nếu chỉ xuất trình, không nộp lại", examples=["có"])
    form: Form | None = Field(None, description="Mẫu đơn, tờ khai kèm theo", examples=[{"title": "Mẫu tờ khai", "url": "https://dichvucong.gov.vn/"}])
    group: Text | None = Field(
        None,
        description="Nhóm giấy tờ, khi nguồn chia hồ sơ thành nhóm (vd «Hồ sơ gửi UBND huyện nơi đi»); các mục liền nhau cùng nhóm hiện dưới một tiêu đề",
        examples=["Giấy tờ phải nộp"],
    )


class Procedure(Model):
    """Một thủ tục hành chính với đủ các bộ phận theo Nghị định 63/2010/NĐ-CP (điều 8)."""

    code: ProcedureCode = Field(
        description="Mã thủ tục như nguồn ghi (viết trong ngoặc kép), vd \"1.000593\"; nguồn không ghi mã thì đặt một tên ngắn "
        "không dấu, vd dang-ky-khai-sinh-chau-phu: nó là tên tệp và địa chỉ trang, còn trang ghi «Nguồn không ghi mã»",
        examples=["1.000593"],
    )
    name: Text = Field(description="Tên thủ tục", examples=["Đăng ký kết hôn lưu động"])
    name_from_editor: YesNo = Field(
        False,
        description="«có» khi nguồn không ghi tên thủ tục và tên trên do người biên tập đặt để nhận diện; trang sẽ nói rõ điều đó",
        examples=["không"],
    )
    field: Slug | None = Field(
        None, description="Mã lĩnh vực trong content/fields.yml, vd «ho-tich»; để trống nếu nguồn không ghi (trang ghi «Nguồn không ghi lĩnh vực»)", examples=["ho-tich"])
    levels: list[HandlingLevel] = Field(default_factory=list, description="Cấp thực hiện; để trống nếu nguồn không ghi", examples=[["commune"]])
    online_level: OnlineLevel = Field(
        OnlineLevel.UNKNOWN,
        description="Mức dịch vụ công trực tuyến (Nghị định 42/2022/NĐ-CP): full, partial, none; «unknown» (hoặc để trống) nếu nguồn không ghi",
        examples=["partial"],
    )
    online_url: Url | None = Field(None, description="Đường dẫn nộp hồ sơ trực tuyến", examples=["https://dichvucong.gov.vn/"])
    steps: list[Text] = Field(default_factory=list, description="Trình tự thực hiện, mỗi mục một bước", examples=[["Nộp hồ sơ tại Bộ phận Tiếp nhận và Trả kết quả."]])
    channels: list[ChannelDetail] = Field(default_factory=list, description="Cách thức thực hiện: mỗi cách nộp một dòng", examples=[[{"channel": "in-person", "time_limit": "03 ngày làm việc", "fee": "Không"}]])
    fee: Text | None = Field(
        None,
        description="Phí, lệ phí chung của thủ tục, khi nguồn ghi một lần cho mọi cách nộp (không chép vào từng dòng cách nộp); để trống nếu nguồn không ghi",
        examples=["Không"],
    )
    notes: list[Text] = Field(default_factory=list, description="Ghi chú chung của thủ tục, đúng như nguồn ghi", examples=[["Giảm 50% lệ phí khi nộp trực tuyến."]])
    dossier: list[DossierItem] = Field(default_factory=list, description="Thành phần hồ sơ", examples=[[{"document": "Tờ khai đăng ký kết hôn", "originals": "1"}]])
    dossier_sets: Text | None = Field(None, description="Số lượng hồ sơ, vd «01 bộ»", examples=["01 bộ"])
    applicants: list[Text] = Field(default_factory=list, description="Đối tượng thực hiện", examples=[["Công dân Việt Nam cư trú trong nước"]])
    authority: Text | None = Field(None, description="Cơ quan thực hiện; để trống nếu nguồn không ghi", examples=["Ủy ban nhân dân cấp xã"])
    result: Text | None = Field(None, description="Kết quả thực hiện", examples=["Giấy chứng nhận kết hôn"])
    conditions: list[Text] = Field(default_factory=list, description="Yêu cầu, điều kiện thực hiện", examples=[["Hai bên nam, nữ đủ điều kiện kết hôn theo luật"]])
    legal_basis: list[Text] = Field(default_factory=list, description="Căn cứ pháp lý", examples=[["Luật Hộ tịch năm 2014"]])
    status: LegalStatus = Field(LegalStatus.IN_FORCE, description="Tình trạng pháp lý của thủ tục", examples=["in-force"])
    replaced_by: ProcedureCode | None = Field(None, description="Mã thủ tục thay thế, khi thủ tục đã bị thay thế", examples=["1.000894"])
    status_date: VnDate | None = Field(
        None, description="Ngày thủ tục được sửa đổi, thay thế hoặc bãi bỏ (theo quyết định công bố)", examples=["15/03/2025"]
    )
    announced_by: Text | None = Field(None, description="Quyết định công bố thủ tục", examples=["Quyết định công bố của Chủ tịch UBND tỉnh"])
    source: ProcedureSource | None = Field(None, description="Nguồn của bản ghi này, khi chỉ có một nguồn", examples=[{"title": "Cổng Dịch vụ công quốc gia, thủ tục 1.000593", "url": "https://dichvucong.gov.vn/"}])
    sources: list[ProcedureSource] = Field(
        default_factory=list,
        description="Các nguồn của bản ghi (vd bản ghi quốc gia cho trình tự, trang của đơn vị cho giờ và thời hạn riêng): mỗi nguồn có tên, địa chỉ, ngày tra cứu",
        examples=[[{"title": "Cổng Dịch vụ công quốc gia, thủ tục 1.000593", "url": "https://dichvucong.gov.vn/", "accessed": "22/11/2026"}]],
    )
    last_reviewed: VnDate = Field(description="Ngày rà soát gần nhất (ngày/tháng/năm)", examples=["22/11/2026"])

    @model_validator(mode="after")
    def _replacement_named(self) -> Self:
        if self.status is LegalStatus.REPLACED and self.replaced_by is None:
            raise PydanticCustomError(Code.REPLACED_BY_MISSING, "Thủ tục đã bị thay thế phải ghi replaced_by", {"field": "status"})
        return self

    @model_validator(mode="after")
    def _sourced(self) -> Self:
        if self.source is None and not self.sources:
            raise PydanticCustomError(Code.SOURCE_MISSING, "Bản ghi thủ tục phải ghi nguồn (sources)", {"field": "sources"})
        return self

    @property
    def official_code(self) -> str | None:
        """The code as the source publishes it; None when the source gives no code."""
        return official_code(self.code)

    @property
    def all_sources(self) -> list[ProcedureSource]:
        """Every source of the record, the single `source` first."""
        return ([self.source] if self.source else []) + self.sources

    @property
    def dossier_groups(self) -> list[tuple[str | None, list[DossierItem]]]:
        """The dossier as the source groups it: consecutive items of one group together, in order."""
        return [(group, list(items)) for group, items in groupby(self.dossier, key=lambda item: item.group)]

    def channel(self, channel: Channel) -> ChannelDetail | None:
        return next((c for c in self.channels if c.channel is channel), None)

    def is_in_force(self) -> bool:
        return self.status in (LegalStatus.IN_FORCE, LegalStatus.AMENDED)

    def is_online(self) -> bool:
        return self.online_level in (OnlineLevel.FULL, OnlineLevel.PARTIAL)


class FieldEntry(Model):
    """Một lĩnh vực thủ tục hành chính."""

    slug: Slug = Field(description="Mã lĩnh vực, vd «ho-tich»", examples=["ho-tich"])
    name: Text = Field(description="Tên lĩnh vực, vd «Hộ tịch»", examples=["Hộ tịch"])


class FieldsFile(Model):
    """Danh mục lĩnh vực thủ tục hành chính."""

    fields: list[FieldEntry] = Field(description="Danh sách lĩnh vực", examples=[[{"slug": "ho-tich", "name": "Hộ tịch"}]])
