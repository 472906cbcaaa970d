// Font-size control of article pages (the portal's "100%"), remembered across pages.
(function () {
  var control = document.querySelector(".font-size");
  var body = document.querySelector(".article .body");
  if (!control || !body) return;
  var key = "site-gen-font-scale", steps = [0.8, 0.9, 1, 1.1, 1.25, 1.4, 1.6];
  var index = steps.indexOf(Number(localStorage.getItem(key)));
  if (index < 0) index = 2;
  function apply() {
    body.style.setProperty("--scale", steps[index]);
    control.querySelector(".font-size-value").textContent = Math.round(steps[index] * 100) + "%";
    try { localStorage.setItem(key, String(steps[index])); } catch (e) { /* private mode */ }
  }
  control.addEventListener("click", function (event) {
    var step = event.target.getAttribute("data-step");
    if (step === null) return;
    index = step === "0" ? 2 : Math.min(steps.length - 1, Math.max(0, index + Number(step)));
    apply();
  });
  control.hidden = false;
  apply();
})();

// Print and copy-link buttons: shown only where JavaScript can run them.
(function () {
  var print = document.querySelector(".print-button");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
  var copy = document.querySelector(".copy-link");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var canonical = document.querySelector('link[rel="canonical"]');
      navigator.clipboard.writeText(canonical ? canonical.href : location.href).then(function () {
        copy.textContent = copy.getAttribute("data-copied");
      });
    });
  }
})();

// Văn bản filter: choosing a type, issuer or year opens that list (links work without it).
(function () {
  document.querySelectorAll("select[data-filter]").forEach(function (select) {
    select.addEventListener("change", function () { location.href = select.value; });
  });
})();
