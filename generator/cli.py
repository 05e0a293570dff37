"""The `cchc` command line: parses options and calls one command module. Errors the project knows
are printed as plain messages (no traceback unless --debug)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import __version__
from .content_types import REGISTRY
from .problems import CchcError, ContentError, UsageError, count_line, print_problems, printable
from .problems.messages import Say
from .schema.types import read_date, vietnam_today

# argparse's own words (usage, help headings, refusals), which it looks up through its module's `_`,
# in Vietnamese as the rest of the command speaks. A refusal keeps an English code an engineer can
# search for. Wording another Python version changed is not found here and stays English.
ARGPARSE_WORDS = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "show this help message and exit": "in hướng dẫn này rồi thôi",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi [usage]: %(message)s\n(xem: %(prog)s --help)\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "«%(value)s» không phải lựa chọn có sẵn (chọn một trong: %(choices)s)",
    "invalid %(type)s value: %(value)r": "«%(value)s» không phải giá trị hợp lệ",
    "expected one argument": "cần một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected at most one argument": "chỉ nhận tối đa một giá trị",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s không rõ: có thể là %(matches)s",
}
vars(argparse)["_"] = lambda text: ARGPARSE_WORDS.get(text, text)

TODAY_HELP = "ngày đăng, dạng ngày/tháng/năm: kế hoạch, báo cáo hẹn ngày đăng sau ngày này chưa lên trang (mặc định: hôm nay, giờ Việt Nam)"


def _day(text: str) -> dt.date:
    try:
        return read_date(text)
    except ValueError as error:  # pydantic's error is a ValueError; argparse prints the message
        raise argparse.ArgumentTypeError(f"«{text}» không phải ngày dạng ngày/tháng/năm (vd: 01/10/2026)") from error


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cchc", description="Dựng trang thông tin cải cách hành chính từ YAML.")
    parser.add_argument("-C", dest="root", type=Path, default=Path("."), metavar="THƯ_MỤC", help="thư mục dự án (mặc định: thư mục hiện tại)")
    parser.add_argument("--debug", action="store_true", help="in traceback khi có lỗi (cho lập trình viên)")
    parser.add_argument("--version", action="version", version=f"cchc {__version__}", help="in số phiên bản rồi thôi")
    parser.set_defaults(needs_project=True)
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    validate = commands.add_parser("validate", help="kiểm tra toàn bộ dữ liệu, in mọi lỗi và cảnh báo một lần")
    validate.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi")
    validate.add_argument("--format", choices=["text", "json"], default="text", help="json: cho máy (chú thích CI)")
    validate.set_defaults(func=_validate)
    build = commands.add_parser("build", help="dựng trang của các đơn vị (mặc định: tất cả)")
    build.add_argument("slugs", nargs="*", metavar="ĐƠN_VỊ")
    build.add_argument("--strict", action="store_true", help="không dựng khi còn cảnh báo")
    build.add_argument("--today", type=_day, default=None, metavar="NGÀY", help=TODAY_HELP)
    build.set_defaults(func=_build)
    serve = commands.add_parser("serve", help="xem trước một đơn vị, tự cập nhật khi sửa YAML")
    serve.add_argument("slug", metavar="ĐƠN_VỊ")
    serve.add_argument("--port", type=int, default=8000, metavar="CỔNG")
    serve.set_defaults(func=_serve)
    edit = commands.add_parser("edit", help="mở trình biên tập trên trình duyệt cho một đơn vị (kèm xem trước)")
    edit.add_argument("slug", metavar="ĐƠN_VỊ")
    edit.add_argument("--port", type=int, default=8080, metavar="CỔNG")
    edit.add_argument("--preview-port", type=int, default=8000, metavar="CỔNG")
    edit.add_argument("--ten", "--name", dest="name", default=None, metavar="TÊN", help="tên người sửa ghi vào git (mặc định: git config user.name)")
    edit.add_argument("--no-browser", action="store_true", help="không tự mở trình duyệt")
    edit.set_defaults(func=_edit)
    owners = commands.add_parser("owners", help="kiểm tra người biên tập có được sửa các tệp đã đổi không")
    owners.add_argument("--changed", nargs="+", default=None, metavar="TỆP")
    owners.add_argument("--target", default=None, metavar="NHÁNH", help="nhánh đích được bảo vệ (vd origin/main): quy tắc đọc từ đó, thay đổi so với đó")
    owners.add_argument("--editor", required=True, metavar="TÊN")
    owners.add_argument("--rules", type=Path, default=None, metavar="TỆP", help="tệp quy tắc (mặc định deploy/cms/OWNERS)")
    owners.set_defaults(func=_owners)
    publish = commands.add_parser("publish", help="đăng mọi đơn vị có thay đổi vào DIR (chạy hằng đêm)")
    publish.add_argument("--dest", type=Path, required=True, metavar="THƯ_MỤC", help="thư mục đăng: THƯ_MỤC/<đơn-vị>/current")
    publish.add_argument("--keep", type=int, default=5, metavar="SỐ", help="số bản giữ lại để quay về (mặc định 5)")
    publish.add_argument("--jobs", type=int, default=None, metavar="SỐ", help="số tiến trình dựng song song (mặc định: số lõi)")
    publish.add_argument("--shard", default=None, metavar="I/N", help="chỉ đăng phần I trong N phần (chia việc cho N máy)")
    publish.add_argument("--report", type=Path, default=None, metavar="TỆP", help="ghi tóm tắt dạng JSON vào tệp này")
    publish.add_argument("--strict", action="store_true", help="đơn vị còn cảnh báo cũng không được đăng")
    publish.add_argument("--wait", type=float, default=0.0, metavar="GIÂY", help="chờ tối đa chừng này giây nếu một lần đăng khác đang chạy (mặc định 0)")
    publish.add_argument("--remote-state", type=Path, default=None, metavar="TỆP", help="state.json của máy chủ web: không dựng lại bản máy chủ đang đăng")
    publish.add_argument("--today", type=_day, default=None, metavar="NGÀY", help=TODAY_HELP)
    publish.set_defaults(func=_publish)
    rollback = commands.add_parser("rollback", help="đưa một đơn vị về bản đăng trước")
    rollback.add_argument("slug", metavar="ĐƠN_VỊ")
    rollback.add_argument("--dest", type=Path, required=True, metavar="THƯ_MỤC")
    rollback.add_argument("--wait", type=float, default=0.0, metavar="GIÂY")
    rollback.set_defaults(func=_rollback, needs_project=False)  # on the web server: no project needed
    activate = commands.add_parser("activate", help="trên máy chủ web: đăng các bản đã chép vào DIR/.inbox (không cần thư mục dự án)")
    activate.add_argument("--dest", type=Path, required=True, metavar="THƯ_MỤC")
    activate.add_argument("--keep", type=int, default=5, metavar="SỐ")
    activate.add_argument("--wait", type=float, default=0.0, metavar="GIÂY")
    activate.set_defaults(func=_activate, needs_project=False)
    commands.add_parser("schema", help="ghi lại JSON Schema (schema/) và trang tham chiếu (docs/tham-chieu.md)").set_defaults(func=_schema)
    new = commands.add_parser(
        "new",
        help="tạo tệp mẫu có chú thích; thay các giá trị «CẦN GHI: …» rồi kiểm tra",
        description=" | ".join(f"{c} {' '.join(a.upper() for a in t.scaffold.args)}" for c, t in REGISTRY.scaffolds().items() if t.scaffold),
    )
    new.add_argument("kind", choices=list(REGISTRY.scaffolds()), metavar="LOẠI", help="loại tệp: " + ", ".join(REGISTRY.scaffolds()))
    new.add_argument("args", nargs="+", metavar="THAM_SỐ")
    imp = commands.add_parser("import", help="nhập kế hoạch, báo cáo, danh mục thủ tục từ văn bản (txt, docx, pdf, xlsx, ảnh) thành bản nháp")
    imp.add_argument("file", type=Path, metavar="TỆP", help="văn bản cần nhập")
    imp.add_argument("--unit", required=True, metavar="ĐƠN_VỊ", help="thư mục của đơn vị trong units/ (vd: son-thuong)")
    imp.add_argument("--kind", choices=["plan", "report", "procedures", "procedure"], default=None, help="loại văn bản (mặc định: tự nhận ra)")
    imp.add_argument("--stdout", action="store_true", help="in bản nháp YAML ra màn hình thay vì ghi tệp")
    imp.add_argument("--apply", action="store_true", help="danh mục thủ tục: ghi các thay đổi vào procedures.yml của đơn vị")
    imp.set_defaults(func=_import)
    new.set_defaults(func=_new)
    return parser


# One function per command, bound to its parser by `set_defaults(func=…)`: it gets the project folder
# and the parsed options, and imports its command module only when run (a web server running
# `activate` needs no project and loads no engine).


def _validate(root: Path, args: argparse.Namespace) -> int:
    from .commands.validate import validate

    validate(root, strict=args.strict, as_json=args.format == "json")
    return 0


def _build(root: Path, args: argparse.Namespace) -> int:
    from .commands.build import build

    build(root, args.slugs, strict=args.strict, today=args.today or vietnam_today())
    return 0


def _serve(root: Path, args: argparse.Namespace) -> int:
    from .commands.serve import serve

    serve(root, args.slug, args.port)
    return 0


def _edit(root: Path, args: argparse.Namespace) -> int:
    from .commands.edit import edit

    edit(root, args.slug, args.port, args.preview_port, name=args.name, browser=not args.no_browser)
    return 0


def _owners(root: Path, args: argparse.Namespace) -> int:
    from .commands.owners import owners

    return owners(root, args.changed, args.editor, args.rules, target=args.target)


def _publish(root: Path, args: argparse.Namespace) -> int:
    from .commands.publish import publish

    return publish(root, args.dest.resolve(), args.keep, args.jobs, args.shard, args.report, args.strict, args.wait, args.remote_state,
                   args.today or vietnam_today())


def _rollback(root: Path, args: argparse.Namespace) -> int:
    from .commands.publish import rollback

    rollback(args.dest.resolve(), args.slug, args.wait)
    return 0


def _activate(root: Path, args: argparse.Namespace) -> int:
    from .commands.publish import activate

    return activate(args.dest.resolve(), args.keep, args.wait)


def _schema(root: Path, args: argparse.Namespace) -> int:
    from .commands.schema import schema

    schema(root)
    return 0


def _new(root: Path, args: argparse.Namespace) -> int:
    from .commands.new import new

    new(root, args.kind, args.args)
    return 0


def _import(root: Path, args: argparse.Namespace) -> int:
    from .commands.import_ import import_

    return import_(root, args.file, args.unit, args.kind, args.stdout, args.apply)


def _run(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    if args.needs_project and not (root / "units").is_dir():
        raise UsageError(Say.NOT_A_PROJECT(root=root))
    return args.func(root, args) or 0


def _report(error: CchcError) -> None:
    if isinstance(error, ContentError):
        from .cms.answers import named  # the form's words for each field; loaded only to print them

        print_problems(error.problems, named)
        blocked = "lỗi" if any(p.is_error for p in error.problems) else "cảnh báo (chế độ --strict)"
        print(Say.BLOCKED(count=count_line(error.problems), blocked=blocked), file=sys.stderr)
    else:
        # The message may quote what was typed or written (a unit name, a file name): never echo
        # a control character raw to the terminal; its own line breaks stay.
        print("\n".join(printable(line) for line in f"Lỗi: {error}".split("\n")), file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        code = _run(args)
    except CchcError as error:
        if args.debug:
            raise
        _report(error)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    return code or 0
