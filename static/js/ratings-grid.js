// Ratings grid: "set every member to …" at once in the page (without this script the button posts and the
// server fills the grid the same way), and the months/days of a row open for typing when it is ticked
// "typed by hand".
(function () {
  var grid = document.getElementById("ratings-grid");
  if (!grid) return;
  grid.addEventListener("click", function (event) {
    var button = event.target.closest("[data-set-all]");
    if (!button) return;
    event.preventDefault();
    var value = document.getElementById("set_all_value").value;
    var selects = grid.querySelectorAll("#ratings select[name$='-rating']");
    selects.forEach(function (select) { select.value = value; });
    if (selects.length) selects[0].focus();
  });
  grid.addEventListener("change", function (event) {
    var box = event.target.closest("[data-override]");
    if (!box) return;
    box.closest("tr").querySelectorAll("input[data-computed]").forEach(function (input) {
      input.readOnly = !box.checked;
      if (box.checked) input.removeAttribute("tabindex"); else input.setAttribute("tabindex", "-1");
    });
  });
})();
