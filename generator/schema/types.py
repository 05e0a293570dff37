"""Field types shared by every model: each turns the loader's text into a typed value or fails
with a Vietnamese message and a stable code (`PydanticCustomError(code, message)`)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..problems import Code


class Model(BaseModel):
    """Base of every content model: unknown keys refused, values immutable once read."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Choice(str, Enum):
    """An enumeration whose members carry the Vietnamese label shown to citizens."""

    label: str

    def __new__(cls, value: str, label: str) -> Choice:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member


def _fail(code: Code, message: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(code.value, message, ctx or None)


MAX_TEXT = 10_000  # characters in one value: the longest paragraph of the seeds is about 2,000
# What a starting file (`cchc new`) writes where only the editor knows the value (a procedure's
# name, a unit's province). Never content: a file still holding one is refused, so no invented
# text is published.
PLACEHOLDER = "CẦN GHI:"


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _fail(Code.NOT_TEXT, "Cần một đoạn chữ, không phải danh sách hay khối")
    value = value.strip()
    if not value:
        raise _fail(Code.EMPTY_TEXT, "Không được để trống")
    if len(value) > MAX_TEXT:
        raise _fail(Code.TEXT_TOO_LONG, "Đoạn chữ dài {length} ký tự, quá giới hạn {limit}", length=len(value), limit=MAX_TEXT)
    _refuse_placeholder(value)
    return str(value)


# Its forms once half edited: «Cần ghi: …», «CAN GHI: …» (typed without accents), «CẦN GHI» alone or
# with the colon deleted. A sentence that merely starts «Cần ghi rõ…» is content.
_PLACEHOLDER_LEFT = re.compile(r"^\s*((?i:c[aầ]n\s+ghi)\s*:|C[AẦ]N\s+GHI\b)")


def _refuse_placeholder(value: str) -> None:
    if PLACEHOLDER in value or _PLACEHOLDER_LEFT.match(value):
        raise _fail(Code.PLACEHOLDER_TEXT, "Còn chữ mẫu của tệp khởi đầu: «{value}»", value=value.strip())


Text = Annotated[str, BeforeValidator(_text)]


def _digits_text(value: Any) -> str:
    """A value that holds digits (a code, date, year, number, phone): digits are 0-9 only. `\\d`
    and `int()` also take fullwidth (１) and Arabic-Indic (١) digits, which would give a second
    page for one procedure or a date nobody can search for; they are refused with the ASCII form."""
    text = _text(value)
    if all(char.isascii() or not char.isdecimal() for char in text):
        return text
    ascii_form = "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)
    raise _fail(
        Code.NON_ASCII_DIGITS,
        "«{value}» có chữ số không phải 0-9 (chữ số toàn độ rộng hoặc Ả Rập, thường do dán từ tài liệu khác); hãy viết «{suggestion}»",
        value=text, suggestion=unicodedata.normalize("NFKC", ascii_form),
    )


CURLY_QUOTES = set("“”‘’")
CURLY_ADVICE = "; dấu nháy phải là dấu nháy thẳng \"…\", không phải “…” (thường do chép từ Word)"


def _matching(code: Code, regex: str, message: str) -> Callable[[Any], str]:
    """The check of a text that must match `regex` (its digits 0-9 only)."""
    compiled = re.compile(regex)

    def check(value: Any) -> str:
        text = _digits_text(value)
        if not compiled.fullmatch(text):
            curly = CURLY_QUOTES.intersection(text)  # pasted from Word: YAML's quotes are the straight ones
            raise _fail(code, message + (CURLY_ADVICE if curly else ""), value=text)
        return text

    return check


def _pattern(code: Code, regex: str, message: str) -> tuple[BeforeValidator, WithJsonSchema]:
    """A text that must match `regex`: checked here, and stated in the editors' JSON Schema."""
    return BeforeValidator(_matching(code, regex, message)), WithJsonSchema({"type": "string", "pattern": f"^({regex})$"})


# The one definition of each pattern; `cchc new` and the loader's file names use the same.
SLUG_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"
PROCEDURE_CODE_PATTERN = r"[0-9]\.[0-9]{6}((\.[0-9]{3}\.[0-9]{2}\.[0-9]{2})?\.H[0-9]{2})?|[A-Z]+(-[A-Z0-9]+)+"
# A procedure's key in the catalog: its code, or (when the source gives none) a slug the editor chose.
PROCEDURE_KEY_PATTERN = f"{PROCEDURE_CODE_PATTERN}|{SLUG_PATTERN}"
# What an editor is told to write when the source gives no code (every message about a bad code ends so).
NO_CODE_ADVICE = "thủ tục mà nguồn không ghi mã: một tên ngắn không dấu, vd dang-ky-khai-sinh-chau-phu"
DATE_FORMAT = "%d/%m/%Y"


def format_date(value: dt.date) -> str:
    """The one way a date is written for people: 22/01/2024."""
    return value.strftime(DATE_FORMAT)


Slug = Annotated[
    str,
    *_pattern(
        Code.INVALID_SLUG,
        SLUG_PATTERN,
        "«{value}» không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch nối (vd: ba-to)",
    ),
]

ProcedureCode = Annotated[
    str,
    *_pattern(
        Code.INVALID_PROCEDURE_CODE,
        PROCEDURE_KEY_PATTERN,
        f"Mã thủ tục «{{value}}» không đúng dạng (vd: 1.000593, 1.000593.H37, 1.000593.000.00.00.H37 hoặc B-BTP-BS43; {NO_CODE_ADVICE})",
    ),
]


def official_code(key: str) -> str | None:
    """The procedure code as its source publishes it, or None when the key is an editor's slug."""
    return key if re.fullmatch(PROCEDURE_CODE_PATTERN, key) else None

DocNumber = Annotated[
    str,
    *_pattern(
        Code.INVALID_DOCUMENT_NUMBER,
        r"[0-9]+[a-z]?(-[A-Za-zĐđ]+)?(/[0-9]{4})?/[0-9A-Za-zĐđ]+(-[0-9A-Za-zĐđ]+)*",
        "Số hiệu văn bản «{value}» không đúng dạng (vd: 76/NQ-CP, 93/2021/NQ-HĐND, 04-NQ/TU)",
    ),
]

_VN_PHONE = re.compile(
    r"(\+84|0)[35789][0-9]{8}"  # mobile: 10 digits
    r"|(\+84|0)2[0-9]{9}"  # landline: 11 digits, area code 02x
    r"|(1800|1900)[0-9]{4,6}"  # toll-free and shared-cost hotlines
    r"|1[0-9]{2,3}"  # short public numbers: 111, 113, 1022…
)


def _phone(value: Any) -> str:
    text = _digits_text(value)
    digits = re.sub(r"[ .]", "", text)
    if not re.fullmatch(r"\+?[0-9 .]+", text) or not _VN_PHONE.fullmatch(digits):
        raise _fail(
            Code.INVALID_PHONE,
            "«{value}» không phải số điện thoại Việt Nam hợp lệ (di động 10 số; cố định 11 số bắt đầu bằng 02; hoặc 1800, 1900)",
            value=text,
        )
    return text


Phone = Annotated[str, BeforeValidator(_phone), WithJsonSchema({"type": "string", "pattern": r"^\+?[0-9 .]+$"})]

Email = Annotated[
    str,
    *_pattern(Code.INVALID_EMAIL, r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", "Địa chỉ thư điện tử «{value}» không hợp lệ"),
]

_URL = (
    Code.INVALID_URL,
    r"https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~:/?#@!$&*+,;=%-]*)?",
    "Đường dẫn «{value}» phải bắt đầu bằng https:// (hoặc http://), không có dấu cách, ngoặc hay dấu nháy",
)
Url = Annotated[str, *_pattern(*_URL)]

_url = _matching(*_URL)


def _site_url(value: Any) -> str:
    """A unit's public address: the root of its own host, always written with its final slash (the
    sitemap, robots.txt and feed append paths to it). A path, query or fragment is refused: nginx
    serves each unit at the root of its host, so pages under a path would never be reached."""
    if isinstance(value, str):
        _refuse_placeholder(value)  # a new unit's address, which only the IT centre knows
    text = _url(value)
    scheme, _, after = text.partition("://")
    origin = f"{scheme}://{re.split(r'[/?#]', after, maxsplit=1)[0]}"
    rest = text[len(origin):]
    if rest not in ("", "/"):
        raise _fail(
            Code.SITE_URL_PATH,
            "Địa chỉ trang «{value}» có phần «{part}» sau tên miền; mỗi đơn vị được phục vụ ở gốc tên miền riêng, hãy ghi «{root}»",
            value=text, part=rest, root=f"{origin}/",
        )
    return f"{origin}/"


SITE_URL_SCHEMA = r"^https?://[A-Za-z0-9.-]+(:[0-9]+)?/?$"
SiteUrl = Annotated[str, BeforeValidator(_site_url), WithJsonSchema({"type": "string", "pattern": SITE_URL_SCHEMA})]


DATE_SCHEMA = r"^([0-9]{1,2}/[0-9]{1,2}/[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2})$"
_DMY = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    text = _digits_text(value)
    if match := _DMY.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise _fail(Code.INVALID_DATE_FORMAT, "«{value}» không phải ngày dạng ngày/tháng/năm (vd: 22/01/2024)", value=text)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _fail(Code.INVALID_DATE, "Ngày «{value}» không có trên lịch", value=text) from None


VnDate = Annotated[
    dt.date,
    BeforeValidator(_date),
    PlainSerializer(format_date, return_type=str),
    WithJsonSchema({"type": "string", "pattern": DATE_SCHEMA}),
]


@dataclass(frozen=True, order=True)
class Change:
    """A dated change an item announces in the unit's feed."""

    date: dt.date
    title: str
    summary: str


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date whose day (and month) may be blank, as in `ngày   tháng 8 năm 2022`."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.day:02d}/{self.month:02d}/{self.year}"
        if self.month is not None:
            return f"tháng {self.month:02d}/{self.year}"
        return f"năm {self.year}"

    @property
    def is_complete(self) -> bool:
        return self.day is not None

    def first_day(self) -> dt.date:
        """The earliest calendar day this date may mean (1 January for a bare year)."""
        return dt.date(self.year, self.month or 1, self.day or 1)


def _partial_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    text = _digits_text(value)
    if re.fullmatch(r"[0-9]{4}", text):
        return PartialDate(int(text))
    if match := re.fullmatch(r"([0-9]{1,2})/([0-9]{4})", text):
        month, year = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise _fail(Code.INVALID_DATE, "Tháng trong «{value}» phải từ 1 đến 12", value=text)
        return PartialDate(year, month)
    full = _date(text)
    return PartialDate(full.year, full.month, full.day)


PARTIAL_DATE_SCHEMA = r"^([0-9]{1,2}/){0,2}[0-9]{4}$"
PartialVnDate = Annotated[
    PartialDate,
    BeforeValidator(_partial_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": PARTIAL_DATE_SCHEMA}),
]


# Vietnamese notation: «.» groups thousands, «,» starts the decimals. Words and signs that mark a
# value as not exact («khoảng», «~», «trên»…) and rounded multiples («5,65 nghìn») are kept.
_SCALE = {"nghìn": 1_000, "ngàn": 1_000, "triệu": 1_000_000, "tỷ": 1_000_000_000, "tỉ": 1_000_000_000}
_QUANTITY = re.compile(
    r"(?P<approx>(?:(?:~|khoảng|gần|trên|hơn|dưới)\s*)*)"
    r"(?P<sign>-)?(?P<digits>[0-9][0-9.,]*)"
    r"(?:\s*(?P<scale>nghìn|ngàn|triệu|tỷ|tỉ))?"
    r"(?P<percent>\s*%)?",
    re.IGNORECASE,
)
# «159,845» (one to three digits, a comma, exactly three): a thousands comma in English notation or
# a decimal in Vietnamese; the reader refuses to guess, in every field alike.
_COMMA_THOUSANDS = re.compile(r"[1-9]\d{0,2},\d{3}")
# A small count a news article writes in words («… và chỉ tám hồ sơ quá hạn»): read as its number and
# shown as written. Only the single words for 0 to 10; anything else in words is refused as before.
_NUMBER_WORDS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười")
_WORDS_SCHEMA = "|".join(_NUMBER_WORDS)
_GROUPED = re.compile(r"\d{1,3}(\.\d{3})+")
_DECIMAL = re.compile(r"(\d+|\d{1,3}(\.\d{3})+),\d+")


@dataclass(frozen=True)
class Quantity:
    """A count or figure as the source writes it (`text`, shown on pages) and as it reads the
    Vietnamese way (`value`): «1.234» is 1234, «12,5» is 12.5, «5,65 nghìn» is about 5650."""

    text: str
    value: Decimal
    approximate: bool = False

    def __str__(self) -> str:
        return self.text

    @property
    def is_whole(self) -> bool:
        return self.value == self.value.to_integral_value()


def read_quantity(value: Any, *, whole: bool) -> Quantity:
    """The one reader of numbers. `whole`: a count of things (no decimals unless scaled, «5,65 nghìn»)."""
    text = " ".join(_digits_text(value).split())
    if (word := unicodedata.normalize("NFC", text)) in _NUMBER_WORDS:
        return Quantity(text, Decimal(_NUMBER_WORDS.index(word)), False)
    match = _QUANTITY.fullmatch(text)
    if not match or (match["percent"] and whole):
        if whole:
            raise _fail(Code.NOT_A_COUNT, "«{value}» phải là số nguyên không âm (vd: 0, 12, 1.234)", value=text)
        raise _fail(Code.NOT_A_NUMBER, "«{value}» phải là một số viết kiểu Việt Nam (vd: 1.234 hoặc 85,12)", value=text)
    digits, scale = match["digits"], match["scale"]
    if re.fullmatch(r"\d+", digits) or _GROUPED.fullmatch(digits):
        number = Decimal(digits.replace(".", ""))
    elif _DECIMAL.fullmatch(digits) and not (not scale and _COMMA_THOUSANDS.fullmatch(digits)):
        number = Decimal(digits.replace(".", "").replace(",", "."))
    elif re.fullmatch(r"\d+[.,]\d+", digits) or "." in digits:
        raise _fail(
            Code.AMBIGUOUS_NUMBER,
            "«{value}» không rõ nghĩa: theo cách viết Việt Nam, dấu chấm ngăn cách hàng nghìn (1.234) và dấu phẩy"
            " đứng trước phần thập phân (12,5); hãy viết lại đúng như văn bản gốc",
            value=text,
        )
    else:
        raise _fail(Code.NOT_A_NUMBER, "«{value}» phải là một số viết kiểu Việt Nam (vd: 1.234 hoặc 85,12)", value=text)
    if scale:
        number *= _SCALE[scale.lower()]
    if match["sign"]:
        if whole:
            raise _fail(Code.NOT_A_COUNT, "«{value}» phải là số nguyên không âm (vd: 0, 12, 1.234)", value=text)
        number = -number
    if whole and number != number.to_integral_value():
        raise _fail(Code.NOT_A_COUNT, "«{value}» phải là số nguyên không âm (vd: 0, 12, 1.234)", value=text)
    return Quantity(text, number, bool(match["approx"] or scale))


QUANTITY_SCHEMA = rf"^((~|khoảng|gần|trên|hơn|dưới)\s*)*-?[0-9][0-9.,]*(\s*(nghìn|ngàn|triệu|tỷ|tỉ))?(\s*%)?$|^({_WORDS_SCHEMA})$"


def _count(value: Any) -> int:
    quantity = read_quantity(value, whole=True)
    if quantity.approximate:
        raise _fail(Code.NOT_A_COUNT, "«{value}» phải là số nguyên không âm (vd: 0, 12, 1.234)", value=quantity.text)
    return int(quantity.value)


COUNT_SCHEMA = rf"^([0-9][0-9.]*|{_WORDS_SCHEMA})$"
Count = Annotated[int, BeforeValidator(_count), WithJsonSchema({"type": "string", "pattern": COUNT_SCHEMA})]
"""A small whole number used as a key (a quarter, a rank, a number of copies)."""


def _as_quantity(whole: bool) -> Any:
    def read(value: Any) -> Quantity:
        return value if isinstance(value, Quantity) else read_quantity(value, whole=whole)

    return read


Amount = Annotated[
    Quantity,
    BeforeValidator(_as_quantity(True)),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": QUANTITY_SCHEMA}),
]
"""A count of things as the source writes it: «1.234», «09», «5,65 nghìn», «~60.000»."""

Number = Annotated[
    Quantity,
    BeforeValidator(_as_quantity(False)),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": QUANTITY_SCHEMA}),
]
"""Any figure as the source writes it: «85,5», «1.234,5», «98,33%», «hơn 95%» (a percent sign kept
with the spacing the source gives it)."""


Rate = Annotated[
    Quantity,
    BeforeValidator(_as_quantity(False)),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": QUANTITY_SCHEMA}),
]
"""A rate as published, kept as text: «98,33%», «3,45 %»."""


def _year(value: Any) -> int:
    text = _digits_text(value)
    if not re.fullmatch(r"(19|20)[0-9]{2}", text):
        raise _fail(Code.INVALID_YEAR, "Năm «{value}» phải có 4 chữ số (vd: 2024)", value=text)
    return int(text)


YEAR_SCHEMA = r"^(19|20)[0-9]{2}$"
Year = Annotated[int, BeforeValidator(_year), WithJsonSchema({"type": "string", "pattern": YEAR_SCHEMA})]


def _yes_no(value: Any) -> bool:
    text = _text(value).lower()
    if text in ("có", "true", "yes"):
        return True
    if text in ("không", "false", "no"):
        return False
    raise _fail(Code.NOT_YES_NO, "«{value}» phải là «có» hoặc «không»", value=text)


YesNo = Annotated[bool, BeforeValidator(_yes_no), WithJsonSchema({"type": "string", "enum": ["có", "không"]})]


def read_date(text: str) -> dt.date:
    """A day written ngày/tháng/năm (or yyyy-mm-dd), as a field of type VnDate reads it."""
    return _date(text)


VIETNAM = dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")  # no daylight saving time since 1975


def vietnam_today() -> dt.date:
    """Today's date in Vietnam: what a build or publish run uses unless given `--today`."""
    return dt.datetime.now(VIETNAM).date()


def number(value: object) -> str:
    """A figure for people. A value read from a source is shown exactly as written (`Quantity`);
    a value the tool computed is written in Vietnamese notation: 1234567 → 1.234.567; 85.5 → 85,5."""
    if isinstance(value, Quantity):
        return value.text
    if isinstance(value, Decimal):
        value = value.normalize() if value == value.to_integral_value() else value
        if value == value.to_integral_value():
            value = int(value)
    whole, _, fraction = f"{value}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    grouped = f"{abs(int(whole)):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def rate(part: object, whole: object, places: int = 1) -> str:
    """The one way the tool writes a share it computed (never typed by an editor): 310 of 321 →
    96,6%, 29 of 321 → 9,0%; `places` is the published precision of the report (one decimal when none is published)."""
    p, w = (Decimal(v.value if isinstance(v, Quantity) else v) for v in (part, whole))  # type: ignore[arg-type]
    if w == 0:
        return "—"
    share = (p * 100 / w).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    whole_part, _, fraction = f"{share:f}".partition(".")  # keeps the decimals: 9,0% beside 89,9%
    return f"{number(int(whole_part))}{',' + fraction if fraction else ''}%"
