"""Checks before a document is read: size, emptiness, language, and for Word and Excel files (zip
archives) their members' sizes and ratios, macros and links to outside files. A refused document
is never opened further, nothing is written and nothing is fetched."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..problems import Code, UsageError

MAX_BYTES = 20 * 1024 * 1024  # a 40-page scanned plan is a few MB; 50 MB is not a document to import
MAX_UNPACKED = 100 * 1024 * 1024  # the sum of a docx/xlsx's members once unpacked
MAX_RATIO = 100  # a member that unpacks to more than 100× its packed size is a zip bomb
MAX_MEMBERS = 2_000
_VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.IGNORECASE)
_EXTERNAL = re.compile(rb'TargetMode="External"')


def refusal(path: Path, code: Code, message: str) -> UsageError:
    """The error `cchc import` prints: file, message, code and hint, in Vietnamese."""
    return UsageError(f"{path.name}: {message} [{code.value}]\n    Gợi ý: {code.hint}")


def check_file(path: Path) -> None:
    if not path.exists():
        raise refusal(path, Code.IMPORT_NOT_FOUND, f"không có tệp này (đã tìm: {path.absolute()})")
    if not path.is_file():
        raise refusal(path, Code.IMPORT_NOT_FOUND, f"đây là một thư mục, không phải tệp ({path.absolute()})")
    size = path.stat().st_size
    if size == 0:
        raise refusal(path, Code.IMPORT_EMPTY, "tệp rỗng (0 byte)")
    if size > MAX_BYTES:
        raise refusal(path, Code.IMPORT_TOO_LARGE, f"tệp quá lớn ({size // (1024 * 1024)} MB, tối đa {MAX_BYTES // (1024 * 1024)} MB)")


def check_archive(path: Path) -> None:
    """A docx/xlsx: refuse zip bombs (by the sizes the archive declares, before unpacking anything),
    macros and links to outside files or web pages."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise refusal(path, Code.IMPORT_UNREADABLE, "tệp hỏng hoặc không phải tệp Word/Excel thật") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED or any(
            m.file_size > MAX_RATIO * max(m.compress_size, 1) and m.file_size > 1024 * 1024 for m in members
        ):
            raise refusal(path, Code.IMPORT_ZIP_BOMB, "tệp nén có phần giải nén ra quá lớn so với tệp (nghi tệp «bom nén»)")
        names = [m.filename for m in members]
        if any(n.lower().endswith(("vbaproject.bin", "vbadata.xml")) for n in names):
            raise refusal(path, Code.IMPORT_MACROS, "tệp có macro (mã VBA); không nhập tệp có macro")
        for member in members:
            if member.filename.endswith(".rels") and _EXTERNAL.search(archive.read(member)):
                raise refusal(path, Code.IMPORT_EXTERNAL_LINK, f"tệp liên kết tới tệp hoặc trang bên ngoài ({member.filename}); không tải gì từ bên ngoài")


def check_text(path: Path, text: str) -> None:
    """The text read: not empty, and Vietnamese (written with its diacritics)."""
    letters = sum(c.isalpha() for c in text)
    if letters == 0:
        raise refusal(path, Code.IMPORT_EMPTY, "không có chữ nào để nhập (tệp trống, hoặc bản quét không đọc được chữ)")
    marked = len(_VIETNAMESE.findall(text))
    if letters >= 20 and marked / letters < 0.03:
        raise refusal(path, Code.IMPORT_NOT_VIETNAMESE, f"văn bản không phải tiếng Việt có dấu ({marked} chữ có dấu trên {letters} chữ cái)")
