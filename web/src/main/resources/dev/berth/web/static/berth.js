// Every htmx request carries the page's CSRF token (from the meta tag), so state-changing
// requests made by htmx pass the server's check as plain forms do with their hidden field.
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta && meta.content) {
    event.detail.headers["X-CSRF-Token"] = meta.content;
  }
});

// The followed log keeps its newest lines in view. Done here rather than in an hx-on attribute,
// which htmx runs with eval: the content security policy allows only scripts from Berth's files.
document.addEventListener("htmx:afterSettle", function (event) {
  var log = event.detail.elt;
  if (log && log.id === "log") {
    log.scrollTop = log.scrollHeight;
  }
});
