// What the server says about a save, shown where the editor looks, in plain Vietnamese:
// - a refused save (HTTP 422): beside each field, its label, the message and the «Gợi ý» hint;
// - a save that went through: that it was saved and committed, when the public site changes, and
//   each warning (what is odd and where), said to have been saved anyway;
// - any other refusal: its Vietnamese sentence.
// Never a file path, an English code or «API_ERROR»: the server's `code`, `field` and `value` are used
// to find the place, never shown.
(function () {
  "use strict";
  var originalFetch = window.fetch;

  function clearMessages() {
    document.querySelectorAll(".cchc-field-error").forEach(function (node) { node.remove(); });
    document.querySelectorAll("[aria-invalid='true']").forEach(function (node) { node.removeAttribute("aria-invalid"); });
    var box = document.getElementById("cchc-status");
    if (box) box.hidden = true;
  }

  function inputsHolding(value) {
    return Array.prototype.filter.call(document.querySelectorAll("input, textarea"), function (input) {
      return input.value === value;
    });
  }

  function labelled(label) {
    // Decap draws a <label> per field; the form's labels are the server's `label` (plus «(bắt buộc)»).
    var found = null;
    document.querySelectorAll("label").forEach(function (node) {
      if (!found && label && node.textContent.trim().indexOf(label) === 0) found = node;
    });
    if (!found) return null;
    var id = found.getAttribute("for");
    return (id && document.getElementById(id)) || found;
  }

  window.cchcLabelled = labelled;  // cchc-import.js finds the fields to check the same way

  function sentence(problem) {
    var text = (problem.label ? problem.label + ": " : "") + problem.message;
    return problem.hint ? text + "\nGợi ý: " + problem.hint : text;
  }

  function note(text, kind) {
    var node = document.createElement("p");
    node.className = "cchc-field-error" + (kind === "warning" ? " cchc-field-warning" : "");
    node.id = "cchc-note-" + Math.random().toString(36).slice(2);
    node.textContent = text;
    return node;
  }

  function showBeside(problems, kind) {
    var placed = 0;
    problems.forEach(function (problem) {
      var targets = problem.value ? inputsHolding(problem.value) : [];
      if (!targets.length) {
        var byLabel = labelled(problem.label);
        if (byLabel) targets = [byLabel];
      }
      targets.forEach(function (target) {
        var node = note(sentence(problem), kind);
        if (kind !== "warning") node.setAttribute("role", "alert");
        if (target.matches("input, textarea")) {
          if (kind !== "warning") target.setAttribute("aria-invalid", "true");
          target.setAttribute("aria-describedby", node.id);
        }
        target.insertAdjacentElement("afterend", node);
        placed += 1;
      });
    });
    return placed;
  }

  function banner(lines, kind) {
    var box = document.getElementById("cchc-status");
    box.hidden = false;
    box.className = "cchc-status cchc-status-" + kind;
    box.textContent = "";
    lines.forEach(function (line, i) {
      var node = document.createElement(i === 0 ? "strong" : "p");
      node.textContent = line;
      box.appendChild(node);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Đóng thông báo";
    close.addEventListener("click", function () { box.hidden = true; });
    box.appendChild(close);
  }

  function refused(body) {
    var problems = body.problems || [];
    showBeside(problems, "error");
    // Not the server's `error`: the sentence is the same for every refusal, the problems say what.
    var lines = ["Chưa lưu: có ô cần sửa. Sửa các ô được đánh dấu rồi bấm «Công bố» lại."];
    problems.forEach(function (problem) { lines.push(sentence(problem)); });
    banner(lines, "error");
  }

  // The server's message says when the public site shows the save: tonight, the day a plan or
  // report is dated to appear, or once an imported draft's checks are done (`held`).
  function saved(body) {
    var cchc = body.cchc || {};
    var warnings = cchc.warnings || [];
    var lines = [cchc.message || "Đã lưu."];
    if (warnings.length) {
      lines.push("Đã lưu, nhưng có " + warnings.length + " điều nên xem lại" + (cchc.held ? ":" : " (trang vẫn được đăng như đã lưu):"));
      warnings.forEach(function (problem) { lines.push(sentence(problem)); });
      showBeside(warnings, "warning");
    }
    banner(lines, warnings.length ? "warning" : "ok");
  }

  function request(init) {
    try {
      return JSON.parse(init && init.body ? init.body : "{}");
    } catch (e) {
      return {};
    }
  }

  function isWrite(body) {
    return body.action === "persistEntry" || body.action === "deleteFile" || body.action === "deleteFiles";
  }

  // Decap's parts the project restyles or relabels: «(không bắt buộc)» after every optional label
  // (the form says once which fields must be filled), and the catalog choices the unit already lists
  // (marked by the configuration) are left out of an open list of choices.
  var LISTED = " – đã có trong danh sách";
  function tidy(root) {
    root.querySelectorAll("label[for] > span").forEach(function (span) {
      if (/^\s*\(không bắt buộc\)\s*$/.test(span.textContent)) span.remove();
    });
    root.querySelectorAll("[id*='-option-']").forEach(function (option) {
      if (option.textContent.slice(-LISTED.length) === LISTED) option.style.display = "none";
    });
    root.querySelectorAll("button:not([aria-label])").forEach(function (button) {
      if (!button.textContent.trim()) {
        var svg = button.querySelector("svg");
        var name = button.getAttribute("title") || (svg && /close|remove|delete/i.test(svg.outerHTML) ? "Xoá mục này" : "Thu gọn hoặc mở mục này");
        button.setAttribute("aria-label", name);
      }
    });
    root.querySelectorAll("[aria-roledescription='sortable']:not([aria-label])").forEach(function (handle) {
      handle.setAttribute("aria-label", "Kéo để đổi thứ tự");
    });
  }
  new MutationObserver(function () { tidy(document); }).observe(document.documentElement, { childList: true, subtree: true });

  window.fetch = function (resource, init) {
    var url = typeof resource === "string" ? resource : resource.url;
    var isApi = url.indexOf("/api/v1") !== -1;
    var sent = isApi ? request(init) : {};
    var write = isApi && isWrite(sent);
    if (write) clearMessages();
    return originalFetch.apply(this, arguments).then(function (response) {
      if (!write) return response;
      response.clone().json().then(function (body) {
        if (response.status === 422) refused(body);
        else if (response.ok) saved(body);
        else banner([body.error || "Chưa lưu được. Hãy thử lại."], "error");
      }).catch(function () { /* not JSON: Decap shows its own notice */ });
      return response;
    });
  };
})();
