// Injected by `site-gen serve` only: reload when the site is rebuilt, show build errors.
(function () {
  var state = window.__siteGen;
  function show(errors) {
    var box = document.getElementById("site-gen-errors");
    if (!errors.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "site-gen-errors";
      document.body.appendChild(box);
    }
    // also the box sent with a page opened while the content is broken
    box.style.cssText = "position:fixed;inset:0;margin:0;padding:2rem;z-index:99999;overflow:auto;" +
      "background:rgba(20,0,0,.92);color:#fff;font:14px/1.5 monospace;white-space:pre-wrap";
    box.textContent = errors.join("\n");
  }
  function poll() {
    fetch("/__live?since=" + state.generation + "&errors=" + state.revision)
      .then(function (r) { return r.json(); })
      .then(function (next) {
        if (next.generation !== state.generation) { location.reload(); return; }
        state.errors = next.errors;
        state.revision = next.revision;
        show(next.errors);
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  show(state.errors);
  poll();
})();
