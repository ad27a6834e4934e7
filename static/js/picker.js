// The search picker (unions/pickers.py): htmx fills the list as one types; choosing a row fills the hidden pk.
(function () {
  function pickerOf(el) { return el.closest("[data-picker]"); }
  function results(picker) { return picker.querySelector("[data-picker-results]"); }
  function close(picker) {
    results(picker).innerHTML = "";
    picker.querySelector("[data-picker-input]").setAttribute("aria-expanded", "false");
  }
  function choose(button) {
    var picker = pickerOf(button);
    var target = picker.querySelector("[data-picker-value]");
    var value = button.getAttribute("data-pick");
    var label = button.getAttribute("data-pick-label");
    if (target.tagName === "SELECT") {
      // A filter's short list: the unit found below its levels joins it, then is chosen.
      if (!Array.prototype.some.call(target.options, function (o) { return o.value === value; })) {
        target.add(new Option(label, value));
      }
      picker.querySelector("[data-picker-input]").value = "";
    } else {
      picker.querySelector("[data-picker-input]").value = label;
    }
    target.value = value;
    close(picker);
    // Filter forms refresh on change (htmx).
    target.dispatchEvent(new Event("change", { bubbles: true }));
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-picker] [data-pick]");
    if (button) { choose(button); }
  });
  document.addEventListener("input", function (event) {
    // Typing again drops the earlier choice: the form never posts a pk that the box no longer shows.
    if (event.target.matches("[data-picker-input]")) {
      var target = pickerOf(event.target).querySelector("[data-picker-value]");
      if (target.tagName !== "SELECT") { target.value = ""; }
    }
  });
  document.addEventListener("change", function (event) {
    // The search box is no filter of its own: leaving it must not refresh a filter form.
    if (event.target.matches("[data-picker-input]")) { event.stopPropagation(); }
  }, true);
  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (el.matches("[data-picker-input]")) {
      var first = results(pickerOf(el)).querySelector("[data-pick]");
      if (event.key === "Enter") {
        // Enter chooses the first match instead of sending the whole form half filled.
        event.preventDefault();
        if (first) { choose(first); }
      } else if (event.key === "ArrowDown" && first) {
        event.preventDefault();
        first.focus();
      } else if (event.key === "Escape") {
        close(pickerOf(el));
      }
    } else if (el.matches("[data-picker] [data-pick]")) {
      var sibling = event.key === "ArrowDown" ? el.nextElementSibling : event.key === "ArrowUp" ? el.previousElementSibling : null;
      if (sibling && sibling.matches("[data-pick]")) { event.preventDefault(); sibling.focus(); }
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var picker = pickerOf(event.target);
    if (picker && event.target.matches("[data-picker-results]")) {
      picker.querySelector("[data-picker-input]").setAttribute("aria-expanded", event.target.children.length ? "true" : "false");
    }
  });
})();
