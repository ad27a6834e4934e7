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
document.addEventListener("click", function (event) {
  // "Add a line" of a formset: a copy of its empty form, numbered, and the form count raised.
  var button = event.target.closest("[data-formset-add]");
  if (!button) { return; }
  var prefix = button.getAttribute("data-formset-add");
  var total = document.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
  var template = document.querySelector('template[data-formset-empty="' + prefix + '"]');
  var html = template.innerHTML.replace(/__prefix__/g, total.value);
  var holder = document.createElement("div");
  holder.innerHTML = html;
  var target = document.querySelector('[data-formset-forms="' + prefix + '"]');
  while (holder.firstElementChild) {
    var node = holder.firstElementChild;
    target.appendChild(node);
    if (window.htmx) { window.htmx.process(node); }
  }
  total.value = String(Number(total.value) + 1);
  var first = target.lastElementChild && target.lastElementChild.querySelector("input:not([type=hidden])");
  if (first) { first.focus(); }
});
