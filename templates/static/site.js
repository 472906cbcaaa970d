// Font-size control of article pages (the portal's "100%"), remembered across pages: the
// size chosen is the size of every text read the same way (pages, văn bản, albums), which
// have no control of their own.
(function () {
  var control = document.querySelector(".font-size");
  var body = document.querySelector(".article .body");
  if (!body) return;
  var key = "site-gen-font-scale", steps = [0.8, 0.9, 1, 1.1, 1.25, 1.4, 1.6], index = 2;
  try { index = steps.indexOf(Number(localStorage.getItem(key))); } catch (e) { /* none */ }
  if (index < 0) index = 2;
  body.style.setProperty("--scale", steps[index]);
  if (!control) return;
  function apply() {
    body.style.setProperty("--scale", steps[index]);
    control.querySelector(".font-size-value").textContent = Math.round(steps[index] * 100) + "%";
    try { localStorage.setItem(key, String(steps[index])); } catch (e) { /* private mode */ }
  }
  control.addEventListener("click", function (event) {
    var button = event.target.closest("[data-step]");  // a click may land on its inner text
    if (!button) return;
    var step = button.getAttribute("data-step");
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

// The menu on a phone: the <details> that folds it without JavaScript becomes a button
// that says whether the menu is open (aria-expanded); Escape closes it.
(function () {
  var fold = document.querySelector(".menu-fold");
  var items = document.getElementById("menu-items");
  if (!fold || !items) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "menu-button";
  button.setAttribute("aria-controls", items.id);
  button.setAttribute("aria-expanded", fold.open ? "true" : "false");
  button.append.apply(button, Array.prototype.slice.call(fold.querySelector("summary").childNodes));
  fold.replaceWith(button);
  function toggle(open) { button.setAttribute("aria-expanded", open ? "true" : "false"); }
  button.addEventListener("click", function () {
    toggle(button.getAttribute("aria-expanded") !== "true");
  });
  items.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { toggle(false); button.focus(); }
  });
})();
