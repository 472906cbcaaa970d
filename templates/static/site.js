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
