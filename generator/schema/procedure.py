"""A procedure (thủ tục hành chính) of the shared catalog: `content/procedures/<code>.yml`."""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .types import Choice, Count, Model, ProcedureCode, Slug, Text, Url, VnDate, YesNo
from .unit import Source


class Channel(Choice):
    IN_PERSON = ("in-person", "Trực tiếp")
    ONLINE = ("online", "Trực tuyến")
    POSTAL = ("postal", "Dịch vụ bưu chính công ích")


class OnlineLevel(Choice):
    FULL = ("full", "Toàn trình")
    PARTIAL = ("partial", "Một phần")
    NONE = ("none", "Không")


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
    """One row of «Cách thức thực hiện»: a way to submit, with its own time limit and fee."""

    channel: Channel = Field(description="Cách nộp hồ sơ")
    time_limit: Text | None = Field(None, description="Thời hạn giải quyết qua cách này; để trống nếu chưa có nguồn")
    fee: Text | None = Field(None, description="Phí, lệ phí qua cách này; «Không» nếu miễn phí; để trống nếu chưa có nguồn")
    description: Text | None = Field(None, description="Mô tả, vd giờ nhận hồ sơ")


class Form(Model):
    """A form (mẫu đơn, tờ khai) to download."""

    title: Text = Field(description="Tên mẫu, vd «Tờ khai đăng ký kết hôn»")
    url: Url = Field(description="Đường dẫn tải mẫu")


class DossierItem(Model):
    """One row of «Thành phần hồ sơ»."""

    document: Text = Field(description="Tên giấy tờ")
    originals: Count | None = Field(None, description="Số bản chính")
    copies: Count | None = Field(None, description="Số bản sao")
    present_only: YesNo = Field(False, description="«có» nếu chỉ xuất trình, không nộp lại")
    form: Form | None = Field(None, description="Mẫu đơn, tờ khai kèm theo")


class Procedure(Model):
    """One procedure record, with every part the law requires (Nghị định 63/2010/NĐ-CP, điều 8)."""

    code: ProcedureCode = Field(description="Mã thủ tục quốc gia (viết trong ngoặc kép), vd \"1.000593\"")
    name: Text = Field(description="Tên thủ tục")
    field: Slug = Field(description="Mã lĩnh vực trong content/fields.yml, vd «ho-tich»")
    levels: list[HandlingLevel] = Field(description="Cấp thực hiện")
    online_level: OnlineLevel = Field(description="Mức dịch vụ công trực tuyến (Nghị định 42/2022/NĐ-CP)")
    online_url: Url | None = Field(None, description="Đường dẫn nộp hồ sơ trực tuyến")
    steps: list[Text] = Field(default_factory=list, description="Trình tự thực hiện, mỗi mục một bước")
    channels: list[ChannelDetail] = Field(description="Cách thức thực hiện: mỗi cách nộp một dòng")
    dossier: list[DossierItem] = Field(default_factory=list, description="Thành phần hồ sơ")
    dossier_sets: Text | None = Field(None, description="Số lượng hồ sơ, vd «01 bộ»")
    applicants: list[Text] = Field(default_factory=list, description="Đối tượng thực hiện")
    authority: Text = Field(description="Cơ quan thực hiện")
    result: Text | None = Field(None, description="Kết quả thực hiện")
    conditions: list[Text] = Field(default_factory=list, description="Yêu cầu, điều kiện thực hiện")
    legal_basis: list[Text] = Field(default_factory=list, description="Căn cứ pháp lý")
    status: LegalStatus = Field(LegalStatus.IN_FORCE, description="Tình trạng pháp lý của thủ tục")
    replaced_by: ProcedureCode | None = Field(None, description="Mã thủ tục thay thế, khi thủ tục đã bị thay thế")
    announced_by: Text | None = Field(None, description="Quyết định công bố thủ tục")
    source: Source = Field(description="Nguồn của bản ghi này")
    last_reviewed: VnDate = Field(description="Ngày rà soát gần nhất (ngày/tháng/năm)")

    @model_validator(mode="after")
    def _replacement_named(self) -> Self:
        if self.status is LegalStatus.REPLACED and self.replaced_by is None:
            raise PydanticCustomError("replaced-by-missing", "Thủ tục đã bị thay thế phải ghi replaced_by", {"field": "status"})
        return self

    def is_in_force(self) -> bool:
        return self.status in (LegalStatus.IN_FORCE, LegalStatus.AMENDED)


class FieldEntry(Model):
    """A field (lĩnh vực) of the procedure taxonomy."""

    slug: Slug = Field(description="Mã lĩnh vực, vd «ho-tich»")
    name: Text = Field(description="Tên lĩnh vực, vd «Hộ tịch»")


class FieldsFile(Model):
    """`content/fields.yml`: the taxonomy of fields."""

    fields: list[FieldEntry] = Field(description="Danh sách lĩnh vực")
