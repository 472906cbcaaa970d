// Search page: reads ?q=, fetches only the index pieces this query needs, shows results.
// Words shown to readers come from the page (data-* attributes), set in site.yaml.
(function () {
  "use strict";
  var box = document.getElementById("search-results");
  if (!box) return;
  var base = box.getAttribute("data-index");
  var root = box.getAttribute("data-root");
  var query = new URLSearchParams(location.search).get("q") || "";
  var field = document.getElementById("search-page-q");
  if (field) field.value = query;

  function fold(text) {  // the same folding as site_gen/search.py, one char for one char
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      out += (c === "đ" || c === "Đ") ? "d" : c.normalize("NFD")[0].toLowerCase();
    }
    return out;
  }
  function terms(text) {  // a query typed with combining accents (Unikey's "Unicode tổ hợp") too
    var seen = {}, list = [];
    fold(text.normalize("NFC")).replace(/[\u0300-\u036f]+/g, "").split(/[^a-z0-9]+/).forEach(function (t) {
      if (t && !seen[t]) { seen[t] = true; list.push(t); }
    });
    return list;
  }
  function getJSON(path) {
    return fetch(base + path).then(function (r) { return r.ok ? r.json() : null; });
  }
  function decode(text) {  // the inverse of encode() in site_gen/search.py
    var ids = [], last = -1;
    if (!text) return ids;
    text.split(",").forEach(function (item) {
      var parts = item.split(":"), start = last + parseInt(parts[0], 36) + 1;
      last = start + (parts[1] ? parseInt(parts[1], 36) : 0);
      for (var id = start; id <= last; id++) ids.push(id);
    });
    return ids;
  }
  // a result in another language than the page's is marked so: its own `lang` (d[5]),
  // else the site's news language, which an English page names
  var pageLang = box.getAttribute("data-lang") || "";
  var newsLang = box.getAttribute("data-news-language") || "";
  function language(d) {
    var own = d[5] || newsLang;
    return own && own !== pageLang ? own : "";
  }
  // the index tells a time with the site's SA/CH: a page of other words says its own
  var halves = (box.getAttribute("data-halves") || "").split("|");
  function when(text) {
    for (var k = 0; halves.length === 4 && k < 2; k++) {
      var tail = " " + halves[k];
      if (text.slice(-tail.length) === tail) return text.slice(0, -tail.length) + " " + halves[k + 2];
    }
    return text;
  }
  function say(word, n) {
    var p = document.createElement("p");
    p.className = "search-status";
    p.textContent = box.getAttribute(word).replace("{n}", n);
    box.replaceChildren(p);
  }
  function marked(text, words) {
    var folded = fold(text), hits = new Array(text.length).fill(false);
    words.forEach(function (w) {
      var at = folded.indexOf(w);
      while (at >= 0) {
        var startsWord = at === 0 || !/[a-z0-9]/.test(folded[at - 1]);
        if (startsWord) for (var k = at; k < at + w.length; k++) hits[k] = true;
        at = folded.indexOf(w, at + 1);
      }
    });
    var frag = document.createDocumentFragment(), i = 0;
    while (i < text.length) {
      var j = i;
      while (j < text.length && hits[j] === hits[i]) j++;
      var piece = document.createTextNode(text.slice(i, j));
      if (hits[i]) { var m = document.createElement("mark"); m.appendChild(piece); frag.appendChild(m); }
      else frag.appendChild(piece);
      i = j;
    }
    return frag;
  }
  function matchesFor(term, bucket) {
    var title = {}, any = {}, number = {};
    Object.keys(bucket || {}).forEach(function (token) {
      if (term.length >= 3 ? token.indexOf(term) !== 0 : token !== term) return;
      decode(bucket[token][0]).forEach(function (id) { title[id] = true; });
      decode(bucket[token][1]).forEach(function (id) { any[id] = true; });  // title included
      decode(bucket[token][2]).forEach(function (id) { number[id] = true; });  // văn bản numbers
    });
    return { title: title, any: any, number: number };
  }
  function show(words, ranked, meta, shown) {
    var shards = {};
    ranked.slice(0, shown).forEach(function (id) { shards[Math.floor(id / meta.shard)] = true; });
    Promise.all(Object.keys(shards).map(function (s) {
      return getJSON("d/" + s + ".json").then(function (docs) { return [s, docs]; });
    })).then(function (loaded) {
      var docs = {};
      loaded.forEach(function (pair) { docs[pair[0]] = pair[1]; });
      say("data-count", ranked.length);
      var list = document.createElement("ol");
      list.className = "cards search-list";
      ranked.slice(0, shown).forEach(function (id) {
        var d = docs[Math.floor(id / meta.shard)][id % meta.shard];
        var li = document.createElement("li"), h = document.createElement("h2");
        var a = document.createElement("a"), info = document.createElement("p");
        var snippet = document.createElement("p");
        li.className = "card";
        if (language(d)) li.lang = language(d);
        a.href = root + d[1].slice(1);
        a.appendChild(marked(d[0], words));
        h.appendChild(a);
        info.className = "meta";
        info.textContent = when(d[2]) + (d[3] ? " · " + d[3] : "");
        snippet.className = "summary";
        snippet.appendChild(marked(d[4], words));
        li.append(h, info, snippet);
        list.appendChild(li);
      });
      box.appendChild(list);
      if (ranked.length > shown) {
        var more = document.createElement("button");
        more.type = "button";
        more.className = "search-more";
        more.textContent = box.getAttribute("data-more");
        more.addEventListener("click", function () { show(words, ranked, meta, shown + 10); });
        box.appendChild(more);
      }
    });
  }

  var words = terms(query);
  if (!words.length) return;
  say("data-searching", 0);
  getJSON("meta.json").then(function (meta) {
    return Promise.all(words.map(function (w) { return getJSON("t/" + w.slice(0, meta.key) + ".json"); }))
      .then(function (buckets) {
        var found = words.map(function (w, i) { return matchesFor(w, buckets[i]); });
        var ranked = [];
        for (var id = 0; id < meta.docs; id++) {
          if (found.every(function (f) { return f.any[id]; })) ranked.push(id);
        }
        var inTitle = function (id) { return found.filter(function (f) { return f.title[id]; }).length; };
        // the văn bản whose number is the query comes first, then title matches
        var isNumber = function (id) { return found.every(function (f) { return f.number[id]; }) ? 1 : 0; };
        ranked.sort(function (a, b) { return isNumber(b) - isNumber(a) || inTitle(b) - inTitle(a) || b - a; });
        if (!ranked.length) { say("data-none", 0); return; }
        show(words, ranked, meta, 10);
      });
  }).catch(function () { say("data-none", 0); });
})();
