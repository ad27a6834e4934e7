// Moving a unit (unions/forms.py OrganizationMoveForm): choosing the new parent proposes the unit's code under
// it, the parent's code followed by the unit's own number (HN-BTL-001 under HN-TH → HN-TH-001), as
// unions.services.organizations.suggested_code does. A code the clerk typed is never overwritten.
(function () {
  var proposed = "";
  document.addEventListener("change", function (event) {
    var hidden = event.target;
    if (!hidden.matches("form [data-picker-value][name='new_parent']")) { return; }
    var form = hidden.form || hidden.closest("form");
    var code = form.querySelector("input[name='new_code']");
    var label = form.querySelector("[data-picker] [data-picker-input]").value;
    var parent = /\(([^()]+)\)\s*$/.exec(label);
    if (!code || !parent || (code.value && code.value !== proposed)) { return; }
    var current = code.getAttribute("data-current-code") || "";
    var own = current.indexOf("-") >= 0 ? current.slice(current.lastIndexOf("-") + 1) : current;
    proposed = parent[1] + "-" + own;
    code.value = proposed;
  });
})();
