// When the server refuses a save (HTTP 422, the rules of `cchc validate`), put each Vietnamese
// message beside the input that holds the bad value; Decap itself shows the same text in its notice.
(function () {
  "use strict";
  var originalFetch = window.fetch;

  function clearMessages() {
    document.querySelectorAll(".cchc-field-error").forEach(function (node) { node.remove(); });
  }

  function inputsHolding(value) {
    return Array.prototype.filter.call(document.querySelectorAll("input, textarea"), function (input) {
      return input.value === value;
    });
  }

  function show(problems) {
    problems.forEach(function (problem) {
      var text = (problem.field ? problem.field + ": " : "") + problem.message + " [" + problem.code + "]";
      var targets = problem.value ? inputsHolding(problem.value) : [];
      targets.forEach(function (input) {
        var note = document.createElement("p");
        note.className = "cchc-field-error";
        note.setAttribute("role", "alert");
        note.id = "cchc-error-" + Math.random().toString(36).slice(2);
        note.textContent = text;
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", note.id);
        input.insertAdjacentElement("afterend", note);
      });
    });
  }

  window.fetch = function (resource, init) {
    var url = typeof resource === "string" ? resource : resource.url;
    var isApi = url.indexOf("/api/v1") !== -1;
    if (isApi) clearMessages();
    return originalFetch.apply(this, arguments).then(function (response) {
      if (isApi && response.status === 422) {
        response.clone().json().then(function (body) { show(body.problems || []); });
      }
      return response;
    });
  };
})();
