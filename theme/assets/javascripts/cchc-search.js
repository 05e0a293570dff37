/* The site's own script (Material's JavaScript bundle is not loaded): the menu button, then search. */

/* The menu: Material's drawer opens with a CSS checkbox (#__drawer) through a <label>, which a
   keyboard cannot reach. A real button takes the label's place and toggles the same checkbox;
   Escape closes the menu and gives focus back to the button. Without JavaScript the label still
   opens the drawer on touch and click. */
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var label = document.querySelector(".md-header label[for='__drawer']");
  var nav = document.querySelector(".md-sidebar--primary");
  if (!toggle || !label || !nav) return;
  nav.id = nav.id || "cchc-menu";
  var button = document.createElement("button");
  button.type = "button";
  button.className = label.className + " cchc-menu";
  button.innerHTML = label.innerHTML;
  button.setAttribute("aria-label", "Danh mục trang");
  button.setAttribute("aria-controls", nav.id);
  button.setAttribute("aria-expanded", "false");
  label.replaceWith(button);

  function set(open) {
    toggle.checked = open;
    button.setAttribute("aria-expanded", String(open));
  }
  button.addEventListener("click", function () {
    set(!toggle.checked);
    if (toggle.checked) {
      var first = nav.querySelector("a[href]");
      if (first) first.focus();
    }
  });
  toggle.addEventListener("change", function () { set(toggle.checked); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      set(false);
      button.focus();
    }
  });
})();

/* The site's own search: folds Vietnamese diacritics and đ/d on both the index and the query, so
   "dang ky khai sinh" finds "Đăng ký khai sinh". The index (search.json) is fetched on first use. */
(function () {
  "use strict";
  var form = document.querySelector(".cchc-search form");
  if (!form) return;
  var input = form.querySelector("input");
  var list = form.querySelector(".cchc-search__results");
  var count = form.querySelector(".cchc-search__count");
  var index = null;
  var pending = null;
  var MAX = 20;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }

  function load() {
    if (!pending) {
      pending = fetch(form.dataset.index)
        .then(function (response) { return response.json(); })
        .then(function (entries) {
          index = entries.map(function (e) {
            return { title: e[0], url: e[1], meta: e[2], title_f: fold(e[0]), all_f: fold(e[0] + " " + e[2]) };
          });
        });
    }
    return pending;
  }

  function rank(entry, words, phrase) {
    if (entry.title_f.indexOf(phrase) === 0) return 0;
    if (entry.title_f.indexOf(phrase) > 0) return 1;
    return words.every(function (w) { return entry.title_f.indexOf(w) >= 0; }) ? 2 : 3;
  }

  function show() {
    var phrase = fold(input.value).trim().replace(/\s+/g, " ");
    list.textContent = "";
    if (!phrase) { list.hidden = true; count.textContent = ""; return; }
    var words = phrase.split(" ");
    var hits = index.filter(function (e) {
      return words.every(function (w) { return e.all_f.indexOf(w) >= 0; });
    });
    hits.sort(function (a, b) {
      return rank(a, words, phrase) - rank(b, words, phrase) || a.title.length - b.title.length;
    });
    hits.slice(0, MAX).forEach(function (e) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = form.dataset.base + e.url;
      link.textContent = e.title;
      var meta = document.createElement("span");
      meta.textContent = e.meta;
      item.appendChild(link);
      item.appendChild(meta);
      list.appendChild(item);
    });
    list.hidden = hits.length === 0;
    count.textContent = hits.length === 0 ? "Không tìm thấy kết quả nào."
      : "Có " + hits.length + " kết quả" + (hits.length > MAX ? ", hiện " + MAX + " kết quả đầu." : ".");
  }

  input.addEventListener("input", function () { load().then(show); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load().then(show);
  });
})();
