// Member picker of a registration: "select all", a whole division or group, or everyone of a job title, then
// one post. Without this script the page still registers everyone listed (the filters narrow by group and
// job title) with its "Register all … listed" button.
(function () {
  var form = document.getElementById("register-members");
  if (!form) return;
  form.querySelectorAll(".js-only").forEach(function (el) { el.hidden = false; });
  var boxes = function (selector) { return form.querySelectorAll("input[name='members']" + (selector || "")); };
  var all = document.getElementById("check-all");
  var counter = form.querySelector("[data-checked-count]");

  function refresh() {
    var members = Array.prototype.slice.call(boxes());
    var ticked = members.filter(function (box) { return box.checked; }).length;
    if (counter) counter.textContent = ticked;
    if (all) {
      all.checked = members.length > 0 && ticked === members.length;
      all.indeterminate = ticked > 0 && ticked < members.length;
    }
    form.querySelectorAll("[data-unit-box]").forEach(function (unitBox) {
      var own = Array.prototype.slice.call(boxes("[data-unit='" + unitBox.getAttribute("data-unit-box") + "']"));
      var on = own.filter(function (box) { return box.checked; }).length;
      unitBox.checked = own.length > 0 && on === own.length;
      unitBox.indeterminate = on > 0 && on < own.length;
    });
  }

  form.addEventListener("change", function (event) {
    var el = event.target;
    if (el === all) {
      boxes().forEach(function (box) { box.checked = all.checked; });
    } else if (el.hasAttribute("data-unit-box")) {
      boxes("[data-unit='" + el.getAttribute("data-unit-box") + "']").forEach(function (box) { box.checked = el.checked; });
    }
    refresh();
  });
  form.addEventListener("click", function (event) {
    if (!event.target.closest("[data-check-job]")) return;
    var job = document.getElementById("check-job").value;
    if (!job) return;
    boxes().forEach(function (box) { if (box.getAttribute("data-job") === job) box.checked = true; });
    refresh();
  });
  refresh();
})();
