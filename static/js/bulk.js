// Ticking many rows, and the council's required votes, without inline scripts (the CSP forbids them).
document.addEventListener("change", function (event) {
  // A box with data-check-all="subject" ticks or clears every enabled box named "subject" of its form.
  var all = event.target.closest("[data-check-all]");
  if (!all) return;
  var name = all.getAttribute("data-check-all");
  // form.elements also holds boxes placed outside the form element and tied to it by their form attribute.
  Array.prototype.forEach.call(all.form.elements, function (box) {
    if (box.type === "checkbox" && box.name === name && !box.disabled) box.checked = all.checked;
  });
});
document.addEventListener("input", function (event) {
  // The share of all council members a line needs, in votes, once the number of members is typed.
  if (event.target.name !== "members_total") return;
  var total = parseInt(event.target.value, 10);
  document.querySelectorAll("[data-share]").forEach(function (cell) {
    var share = parseInt(cell.getAttribute("data-share"), 10);
    var out = cell.querySelector("[data-votes]");
    if (!out || isNaN(share)) return;
    out.textContent = total > 0 ? Math.ceil((share * total) / 100) : "…";
  });
});
