/* A small lightbox for album pages. Without JavaScript each thumbnail is a link to the
   full-size photo; with it, the photo opens over the page: arrows or the buttons move
   between photos, Escape or "Đóng" closes, and focus returns to the thumbnail. */
(function () {
  "use strict";
  var grid = document.querySelector("[data-lightbox]");
  if (!grid) return;
  var links = Array.prototype.slice.call(grid.querySelectorAll("a[href]"));
  var box, img, caption, counter, current = -1, opener = null;

  function button(cls, label, text, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.setAttribute("aria-label", label);
    b.textContent = text;
    b.addEventListener("click", action);
    box.appendChild(b);
    return b;
  }

  function build() {
    box = document.createElement("div");
    box.className = "lightbox";
    box.hidden = true;
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-modal", "true");
    img = document.createElement("img");
    img.alt = "";
    caption = document.createElement("p");
    counter = document.createElement("p");
    counter.className = "lb-count";
    box.appendChild(img);
    box.appendChild(caption);
    box.appendChild(counter);
    button("lb-prev", grid.dataset.prev, "‹", function () { show(current - 1); });
    button("lb-next", grid.dataset.next, "›", function () { show(current + 1); });
    button("lb-close", grid.dataset.close, "×", close);
    box.addEventListener("click", function (event) { if (event.target === box) close(); });
    box.addEventListener("keydown", keys);
    document.body.appendChild(box);
  }

  function show(n) {
    current = (n + links.length) % links.length;
    var link = links[current], thumb = link.querySelector("img");
    img.src = link.href;
    img.width = +link.dataset.width;
    img.height = +link.dataset.height;
    img.alt = thumb ? thumb.alt : "";
    caption.textContent = thumb ? thumb.alt : "";
    counter.textContent = (grid.dataset.of || "{n}/{count}")
      .replace("{n}", current + 1).replace("{count}", links.length);
    box.setAttribute("aria-label", caption.textContent);
  }

  function open(n) {
    if (!box) build();
    opener = links[n];
    box.hidden = false;
    document.documentElement.style.overflow = "hidden";
    show(n);
    box.querySelector(".lb-close").focus();
  }

  function close() {
    box.hidden = true;
    document.documentElement.style.overflow = "";
    if (opener) opener.focus();
  }

  function keys(event) {
    if (event.key === "Escape") { close(); }
    else if (event.key === "ArrowRight") { show(current + 1); }
    else if (event.key === "ArrowLeft") { show(current - 1); }
    else if (event.key === "Tab") {  // keep focus inside the open photo
      var buttons = box.querySelectorAll("button");
      var first = buttons[0], last = buttons[buttons.length - 1];
      if (event.shiftKey && document.activeElement === first) { last.focus(); event.preventDefault(); }
      else if (!event.shiftKey && document.activeElement === last) { first.focus(); event.preventDefault(); }
      return;
    } else { return; }
    event.preventDefault();
  }

  links.forEach(function (link, n) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
      event.preventDefault();
      open(n);
    });
  });
})();
