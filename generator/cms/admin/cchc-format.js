// The project's YAML rule in the browser: every value is text. Decap's own YAML reader follows YAML
// 1.2's core schema and would turn `0255371234` into 255371234, `09` into 9 and `1.000230` into
// 1.00023 before writing them back; this format reads every scalar as text (the failsafe schema)
// and writes lines unfolded, blanks as blanks, so a saved file changes only where the form changed.
import { parse, stringify } from "./yaml/index.js";

function blanksToNull(value) {
  if (value === "") return null;
  if (Array.isArray(value)) return value.map(blanksToNull);
  if (value && typeof value === "object") {
    const out = {};
    for (const [key, item] of Object.entries(value)) out[key] = blanksToNull(item);
    return out;
  }
  return value;
}

const fromFile = (text) => blanksToNull(parse(text, { schema: "failsafe", uniqueKeys: true })) || {};
const toFile = (data) => stringify(blanksToNull(data), { lineWidth: 0, minContentWidth: 0, nullStr: "" });
CMS.registerCustomFormat("yaml-text", "yml", { fromFile, toFile });
// A new plan or report starts with the line that names its JSON Schema, as `cchc new` writes it (an
// existing file keeps its own first lines: the server puts them back).
for (const kind of ["plan", "report"]) {
  const line = `# yaml-language-server: $schema=../../../schema/${kind}.schema.json\n`;
  CMS.registerCustomFormat(`yaml-${kind}`, "yml", { fromFile, toFile: (data) => line + toFile(data) });
}

// Decap's Vietnamese words where they are missing (then it falls back to English: «Add») or say what
// a commune editor should not read (a refusal's details are shown beside the fields instead).
function merge(base, extra) {
  const out = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    out[key] = value && typeof value === "object" ? merge(base[key] || {}, value) : value;
  }
  return out;
}
CMS.registerLocale("vi", merge(CMS.getLocale("vi") || {}, {
  editor: {
    editorWidgets: { list: { add: "Thêm %{item}", addType: "Thêm %{item}" } },
    editorInterface: { togglePreview: "Bật/tắt xem trước", toggleScrollSync: "Cuộn cùng nhau" },
  },
  ui: {
    toast: {
      onFailToPersist: "Chưa lưu: xem các ô được đánh dấu đỏ.",
      onFailToDelete: "Chưa xoá được: xem thông báo ở đầu trang.",
      entrySaved: "Đã lưu.",
    },
  },
}));

// The preview link opens the page being edited: the configuration's `preview_path` (from the
// project's routes), `{{slug}}` being the file's name.
const previewLink = document.querySelector(".cchc-preview");
const previewBase = previewLink ? previewLink.getAttribute("href") : "";
const previewPaths = fetch("config.yml").then((r) => r.text()).then((text) => {
  const paths = {};
  for (const collection of parse(text).collections || []) {
    if (collection.preview_path !== undefined) paths[collection.name] = collection.preview_path;
    for (const file of collection.files || []) {
      if (file.preview_path !== undefined) paths[`${collection.name}/${file.name}`] = file.preview_path;
    }
  }
  return paths;
});
function followRoute() {
  if (!previewLink || !previewBase) return;
  const match = /#\/collections\/([^/]+)\/entries\/([^/?]+)/.exec(window.location.hash);
  previewPaths.then((paths) => {
    let path = "";
    if (match) {
      const [, collection, entry] = match;
      path = paths[`${collection}/${entry}`] ?? (paths[collection] ?? "").replace("{{slug}}", decodeURIComponent(entry));
    }
    previewLink.setAttribute("href", previewBase + path);
  });
}
window.addEventListener("hashchange", followRoute);
followRoute();
CMS.init();
