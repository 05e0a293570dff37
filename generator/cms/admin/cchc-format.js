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

CMS.registerCustomFormat("yaml-text", "yml", {
  fromFile: (text) => blanksToNull(parse(text, { schema: "failsafe", uniqueKeys: true })) || {},
  toFile: (data) => stringify(blanksToNull(data), { lineWidth: 0, minContentWidth: 0, nullStr: "" }),
});
CMS.init();
