// Small behaviours without inline scripts (keeps a strict Content-Security-Policy possible).
document.addEventListener("change", function (event) {
  var el = event.target;
  if (el.matches("[data-autosubmit]")) {
    el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
  }
});
document.addEventListener("click", function (event) {
  var el = event.target.closest("[data-confirm]");
  if (el && !window.confirm(el.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
document.addEventListener("click", function (event) {
  // "Cancel" links that go back where the user came from (no javascript: URLs under the CSP).
  var el = event.target.closest("a[data-back]");
  if (el && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});
