// «Nhập từ văn bản»: the editor picks a document (Word, PDF, Excel, a scan, a .txt); the server reads
// it (POST /api/import, the file as it is) and answers what it recognised, what needs a look and
// why, and what it could not place. Nothing is saved until the editor confirms (POST
// /api/import/save); the draft is then saved like any entry and opened, and the fields the importer
// marked «cần kiểm tra» are highlighted beside the field, with a sign and words, not by colour alone.
(function () {
  "use strict";
  var previousFetch = window.fetch;
  var SAVED_NOTICE = "cchc-import-notice";

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function list(title, items) {
    var part = document.createDocumentFragment();
    if (!items.length) return part;
    part.appendChild(element("h3", title + " (" + items.length + ")"));
    var ul = element("ul");
    items.forEach(function (item) { ul.appendChild(element("li", item)); });
    part.appendChild(ul);
    return part;
  }

  function reviewText(mark) {
    return mark.words + ": " + mark.reason + " (" + mark.place + " trong văn bản gốc)";
  }

  function said(body) {
    return (body.error || "Không nhập được văn bản. Hãy thử lại.") + (body.hint ? "\nGợi ý: " + body.hint : "");
  }

  function post(url, body, type) {
    return previousFetch.call(window, url, {method: "POST", headers: {"Content-Type": type}, body: body, credentials: "same-origin"})
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (answer) { return {ok: response.ok, body: answer}; });
      });
  }

  // -- the dialog ---------------------------------------------------------------------------------

  function dialog() { return document.getElementById("cchc-import"); }
  function result() { return document.getElementById("cchc-import-result"); }

  function show(nodes, isError) {
    var box = result();
    box.textContent = "";
    box.className = "cchc-import-result" + (isError ? " cchc-import-error" : "");
    nodes.forEach(function (node) { box.appendChild(node); });
  }

  function summary(answer) {
    var nodes = [element("p", "Đã đọc xong. Đây là " + answer.what + ". " + answer.counts, "cchc-import-lead")];
    var box = document.createElement("div");
    box.appendChild(list("Thay đổi so với danh sách hiện có", answer.changes || []));
    box.appendChild(list("Cần kiểm tra", (answer.review || []).map(reviewText)));
    box.appendChild(list("Chưa xếp vào ô nào (vẫn giữ trong bản nháp)", (answer.unplaced || []).map(function (line) {
      return line.place + ": «" + line.text + "»";
    })));
    box.appendChild(list("Lưu ý", answer.notes || []));
    nodes.push(box);
    var apply = answer.kind === "procedures";
    nodes.push(element("p", apply
      ? "Chưa có gì được lưu. Bấm «Áp dụng các thay đổi» để cập nhật danh sách thủ tục của đơn vị (ghi vào kho git như mọi lần lưu)."
      : "Chưa có gì được lưu. Bấm «Lưu bản nháp và mở ra» để lưu bản nháp (ghi vào kho git như mọi lần lưu) rồi sửa tiếp trong mẫu."));
    var confirm = element("button", apply ? "Áp dụng các thay đổi" : "Lưu bản nháp và mở ra", "cchc-import-confirm");
    confirm.type = "button";
    confirm.addEventListener("click", function () { save(answer.ticket, confirm); });
    var cancel = element("button", "Huỷ, không lưu");
    cancel.type = "button";
    cancel.addEventListener("click", function () { show([element("p", "Đã huỷ: không có gì được lưu.")]); });
    var actions = element("div", "", "cchc-import-actions");
    actions.appendChild(confirm);
    actions.appendChild(cancel);
    nodes.push(actions);
    show(nodes);
    result().focus();
  }

  function read(event) {
    event.preventDefault();
    var file = document.getElementById("cchc-import-file").files[0];
    if (!file) {
      show([element("p", "Hãy chọn một văn bản trước.")], true);
      return;
    }
    var kind = document.getElementById("cchc-import-kind").value;
    show([element("p", "Đang đọc «" + file.name + "»… (bản quét có thể mất vài phút)")]);
    var url = "/api/import?ten=" + encodeURIComponent(file.name) + (kind ? "&loai=" + encodeURIComponent(kind) : "");
    post(url, file, "application/octet-stream").then(function (answer) {
      if (answer.ok) summary(answer.body);
      else show([element("p", said(answer.body))], true);
    }, function () { show([element("p", "Mất kết nối tới trình biên tập: hãy kiểm tra cửa sổ lệnh cchc edit.")], true); });
  }

  function save(ticket, button) {
    button.disabled = true;
    post("/api/import/save", JSON.stringify({ticket: ticket}), "application/json").then(function (answer) {
      if (!answer.ok) {
        button.disabled = false;
        show([element("p", said(answer.body))], true);
        return;
      }
      var cchc = answer.body.cchc || {};
      var lines = [cchc.message || "Đã lưu bản nháp."];
      (cchc.warnings || []).forEach(function (problem) { lines.push((problem.label ? problem.label + ": " : "") + problem.message); });
      sessionStorage.setItem(SAVED_NOTICE, JSON.stringify({lines: lines, review: answer.body.review || [], unplaced: answer.body.unplaced || []}));
      // A fresh load: Decap keeps the previous form when only the address's #… changes.
      location.assign("/admin/" + answer.body.open);
      location.reload();
    });
  }

  // -- the draft opened: its fields to check ---------------------------------------------------------

  // Each mark: the reason beside the field, and «Đã đối chiếu, bỏ dấu» once the editor has compared
  // the value with the document (POST /api/import/checked: the «# KIỂM TRA» line leaves the file
  // through the validated writer and is committed; no text editor needed).
  function mark(marks, path) {
    var left = marks.filter(function (item) {
      var target = window.cchcLabelled(item.label);
      if (!target) return true;
      if (target.dataset.cchcReview === item.field) return false;
      var box = element("div", "", "cchc-review");
      var note = element("p", "⚠ Cần kiểm tra – " + reviewText(item), "cchc-review-note");
      note.id = "cchc-review-" + item.field.replace(/[^\w-]/g, "-");
      var done = element("button", "Đã đối chiếu, bỏ dấu", "cchc-review-done");
      done.type = "button";
      done.setAttribute("aria-describedby", note.id);
      done.addEventListener("click", function () { checked(path, item, target, box, done); });
      box.appendChild(note);
      box.appendChild(done);
      target.dataset.cchcReview = item.field;  // also what outlines it (cchc-import.css)
      if (target.matches("input, textarea, select")) {
        target.setAttribute("aria-describedby", ((target.getAttribute("aria-describedby") || "") + " " + note.id).trim());
      }
      target.insertAdjacentElement("afterend", box);
      return false;
    });
    return left;
  }

  // The document's lines no field took (the file's «# CHƯA XẾP» lines): listed under the notice
  // whenever the draft is open, each with «Đã xử lý, bỏ dòng này» once the editor has copied it
  // into a field or found it not needed (the same route as a mark, with the line's place).
  var draft = {path: null, unplaced: []};

  function unplacedPart() {
    var part = document.createDocumentFragment();
    var path = draft.path;  // the buttons act on this draft, even once another entry is open
    if (!draft.unplaced.length) return part;
    part.appendChild(element("h3", "Chưa xếp vào ô nào (" + draft.unplaced.length + "): chép vào đúng ô nếu cần"));
    var list = element("ul", "", "cchc-unplaced");
    draft.unplaced.forEach(function (line) {
      var item = element("li");
      var words = element("p", line.place + ": " + line.text);
      words.id = "cchc-unplaced-" + line.place.replace(/[^\w-]/g, "-");
      var done = element("button", "Đã xử lý, bỏ dòng này", "cchc-review-done");
      done.type = "button";
      done.setAttribute("aria-describedby", words.id);
      done.addEventListener("click", function () { placed(path || draft.path, line, done); });
      item.appendChild(words);
      item.appendChild(done);
      list.appendChild(item);
    });
    part.appendChild(list);
    return part;
  }

  // One mark or line taken away (POST /api/import/checked); `done(body)` on success, the refusal
  // said in the notice otherwise.
  function takeAway(request, button, done) {
    button.disabled = true;
    post("/api/import/checked", JSON.stringify(request), "application/json").then(function (answer) {
      if (answer.ok) return done(answer.body);
      button.disabled = false;
      banner([answer.body.error || "Chưa bỏ được. Hãy thử lại."], true);
    });
  }

  function placed(path, line, button) {
    takeAway({path: path, place: line.place}, button, function (body) {
      if (draft.path === path) draft.unplaced = body.unplaced || [];
      var left = body.review || [];
      banner([(body.cchc && body.cchc.message) || "Đã bỏ dòng."].concat(reviewLines(left)).concat(
        draft.unplaced.length ? [] : ["Không còn dòng nào chưa xếp trong bản nháp này."]));
      document.getElementById("cchc-status").focus();
    });
  }

  function checked(path, item, target, box, button) {
    takeAway({path: path, field: item.field}, button, function (body) {
      var note = box.querySelector(".cchc-review-note");
      var described = (target.getAttribute("aria-describedby") || "").split(" ").filter(function (id) { return id && id !== note.id; });
      if (described.length) target.setAttribute("aria-describedby", described.join(" "));
      else target.removeAttribute("aria-describedby");
      delete target.dataset.cchcReview;
      box.remove();
      var left = body.review || [];
      banner([(body.cchc && body.cchc.message) || "Đã bỏ dấu."].concat(
        left.length ? reviewLines(left) : ["Không còn chỗ nào cần kiểm tra trong bản nháp này."]));
      (target.matches("input, textarea, select") ? target : document.getElementById("cchc-status")).focus();
    });
  }

  function banner(lines, isError) {
    var box = document.getElementById("cchc-status");
    box.hidden = false;
    box.className = "cchc-status " + (isError ? "cchc-status-error" : "cchc-status-warning");
    box.textContent = "";
    lines.forEach(function (line, i) { box.appendChild(element(i === 0 ? "strong" : "p", line)); });
    if (!isError) box.appendChild(unplacedPart());
    var close = element("button", "Đóng thông báo");
    close.type = "button";
    close.addEventListener("click", function () { box.hidden = true; });
    box.appendChild(close);
  }

  function reviewLines(marks) {
    if (!marks.length) return [];
    return ["Bản nháp có " + marks.length + " chỗ cần kiểm tra (đánh dấu ⚠ bên cạnh ô). Đối chiếu với văn bản gốc rồi sửa nếu cần:"]
      .concat(marks.map(reviewText));
  }

  var toldAfterSave = false;  // the notice of a save is shown once, on the page the save opened

  function highlight(marks, path) {
    var tries = 0;
    (function again() {  // the form's fields appear a moment after the entry is read
      marks = mark(marks, path);
      tries += 1;
      if (marks.length && tries < 60) setTimeout(again, 250);
    })();
    if (!toldAfterSave) banner(reviewLines(marks));
  }

  function opened(body) {  // an entry the form shows: a draft's marks and lines to place, if any
    var cchc = body && body.cchc;
    draft = {path: body && body.file ? body.file.path : null, unplaced: (cchc && cchc.unplaced) || []};
    if (cchc && cchc.review && cchc.review.length) highlight(cchc.review, draft.path);
    else if (draft.unplaced.length && !toldAfterSave) banner([]);
  }

  // The button shows only where documents can be read: the editor's own server (`cchc edit`, Decap's
  // proxy backend). On the province's server (team mode, the GitLab backend) nothing answers an
  // upload, so the button stays hidden; the configuration Decap loads says which it is.
  function offerImport(config) {
    if (/^backend:\s*\n\s+name:\s*proxy\s*$/m.test(config)) document.getElementById("cchc-import-open").hidden = false;
  }

  window.fetch = function (resource, init) {
    var url = typeof resource === "string" ? resource : resource.url;
    var reading = url.indexOf("/api/v1") !== -1 && init && typeof init.body === "string" && init.body.indexOf("\"getEntry\"") !== -1;
    var configuring = /(^|\/)config\.yml(\?|$)/.test(url);
    return previousFetch.apply(this, arguments).then(function (response) {
      if (configuring && response.ok) response.clone().text().then(offerImport);
      if (reading && response.ok) {
        response.clone().json().then(opened).catch(function () { /* not JSON: nothing to mark */ });
      }
      return response;
    });
  };

  document.addEventListener("DOMContentLoaded", function () {
    document.getElementById("cchc-import-open").addEventListener("click", function () { dialog().showModal(); });
    document.getElementById("cchc-import-close").addEventListener("click", function () { dialog().close(); });
    document.getElementById("cchc-import-form").addEventListener("submit", read);
    var saved = sessionStorage.getItem(SAVED_NOTICE);  // the draft just saved: what the save said, what to check
    sessionStorage.removeItem(SAVED_NOTICE);
    if (saved) {
      var notice = JSON.parse(saved);
      toldAfterSave = true;
      draft.unplaced = notice.unplaced || [];
      banner(notice.lines.concat(reviewLines(notice.review)));
    }
  });
})();
