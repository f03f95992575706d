// potline site search. Queries the index `potline build` writes under /search/<lang>/ in the
// browser: no server, no other site, no dependencies. It fetches the index manifest once, then
// only the postings files holding the query's terms and the records of the results it shows.
//
// Markup (docs/templates.md, "Search"): an element with `data-potline-search` and
// `data-index="<URL of index.json>"`, holding a form with an input named `q`, and optionally
// `[data-search-status]` (a live region), `[data-search-results]` (a list),
// `[data-search-more]` (a button), `[data-search-nojs]` (shown until this script runs) and
// `[data-search-other]` (another language's results offered, see `offerOthers`). Texts can be translated with `data-text-*` attributes on the root (see `TEXTS` below).
(function () {
  "use strict";

  // --- Terms: mirrors src/search/tokens.rs; keep the two in step. ---------------------------
  var MAX_WORD_CHARS = 40;
  var PREFIX_MIN_CHARS = 3;
  var FORMAT = 1;
  var WEIGHT_SCALE = 32; // postings are gap * 32 + weight
  var IN_TITLE = 16;
  var IN_META = 8;
  var MAX_PREFIX_FILES = 4;
  var MANIFEST_MAX_AGE_MS = 60000;
  var PAGE_SIZE = 10;
  var EXCERPT_CHARS = 180;
  var WORD_CHAR = /^[\p{Alphabetic}\p{N}]$/u;

  function isCjk(code) {
    return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x4dbf) ||
      (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af) ||
      (code >= 0xf900 && code <= 0xfaff) || (code >= 0x20000 && code <= 0x2fa1f);
  }

  function fold(ch) {
    var code = ch.codePointAt(0);
    return code >= 0xff01 && code <= 0xff5e ? String.fromCodePoint(code - 0xfee0) : ch;
  }

  function isWordChar(ch) {
    return !isCjk(ch.codePointAt(0)) && WORD_CHAR.test(ch);
  }

  function isApostrophe(ch) {
    return ch === "'" || ch === "\u2019";
  }

  function stem(word) {
    if (Array.from(word).length <= 3 || !word.endsWith("s")) return word;
    if (word.endsWith("ies")) {
      var base = word.slice(0, -3);
      if (!base.endsWith("e") && !base.endsWith("a")) return base + "y";
    }
    var sibilants = ["sses", "shes", "ches", "xes", "zes"];
    for (var i = 0; i < sibilants.length; i++) {
      if (word.endsWith(sibilants[i])) return word.slice(0, -2);
    }
    if (word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) return word;
    return word.slice(0, -1);
  }

  function wordTerm(raw) {
    var lower = raw.toLowerCase();
    if (lower.endsWith("'s") || lower.endsWith("\u2019s")) lower = lower.slice(0, -2);
    var word = lower.replace(/['\u2019]/g, "");
    if (!word || Array.from(word).length > MAX_WORD_CHARS) return null;
    return stem(word);
  }

  // Every term of `text` with its place (UTF-16 offsets): { term, start, end, cjk }.
  function tokenize(text) {
    var chars = [];
    var at = 0;
    for (var ch of text) {
      chars.push([at, fold(ch)]);
      at += ch.length;
    }
    var out = [];
    var wordStart = -1;
    var previous = -1;
    function endOf(k) {
      return k + 1 < chars.length ? chars[k + 1][0] : text.length;
    }
    function flushWord(to) {
      if (wordStart < 0) return;
      var raw = "";
      for (var j = wordStart; j < to; j++) raw += chars[j][1];
      var term = wordTerm(raw);
      if (term) out.push({ term: term, start: chars[wordStart][0], end: endOf(to - 1), cjk: false });
      wordStart = -1;
    }
    function flushRun() {
      if (previous < 0) return;
      out.push({ term: chars[previous][1], start: chars[previous][0], end: endOf(previous), cjk: true });
      previous = -1;
    }
    for (var k = 0; k < chars.length; k++) {
      var c = chars[k][1];
      if (isCjk(c.codePointAt(0))) {
        flushWord(k);
        if (previous >= 0) {
          out.push({ term: chars[previous][1] + c, start: chars[previous][0], end: endOf(k), cjk: true });
        }
        previous = k;
        continue;
      }
      flushRun();
      var inner = isApostrophe(c) && wordStart >= 0 && k + 1 < chars.length && isWordChar(chars[k + 1][1]);
      if (isWordChar(c) || inner) {
        if (wordStart < 0) wordStart = k;
      } else {
        flushWord(k);
      }
    }
    flushWord(chars.length);
    flushRun();
    return out;
  }

  // What a query asks for: every requirement { term, prefix, cjk } must be met.
  function parseQuery(text) {
    var tokens = tokenize(text);
    var out = [];
    var seen = new Set();
    tokens.forEach(function (token, i) {
      var single = token.cjk && Array.from(token.term).length === 1;
      var before = tokens[i - 1];
      if (single && before && before.cjk && Array.from(before.term).length === 2 && before.end === token.end) return;
      var prefix = token.cjk ? single : Array.from(token.term).length >= PREFIX_MIN_CHARS;
      var key = token.term + (prefix ? "*" : "");
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ term: token.term, prefix: prefix, cjk: token.cjk });
    });
    return out;
  }

  // Terms are sorted by code point, as Rust sorts strings (not by UTF-16 unit).
  function compare(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      var x = a.charCodeAt(i);
      var y = b.charCodeAt(i);
      if (x !== y) {
        var xs = x >= 0xd800 && x <= 0xdfff;
        var ys = y >= 0xd800 && y <= 0xdfff;
        if (xs !== ys) return xs ? 1 : -1;
        return x - y;
      }
    }
    return a.length - b.length;
  }

  // The first index in sorted `list` whose item is not before `term`.
  function lowerBound(list, term) {
    var lo = 0;
    var hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (compare(list[mid], term) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // --- The index ----------------------------------------------------------------------------
  function fetchJson(url, fresh) {
    // The manifest is checked with the server every time (a 304 when unchanged): it names the
    // postings files, which are named by their content and never change.
    return fetch(url, fresh ? { cache: "no-cache" } : undefined).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  function Index(url) {
    this.url = url;
    this.folder = url.replace(/[^/]*$/, "");
    this.manifest = null;
    this.files = new Map();
    this.records = new Map();
    this.loadedAt = 0;
    this.recordsVersion = null;
  }

  // The manifest, read again when it is more than a minute old (the site may have been
  // published since); postings files are named by content, so a new manifest names new files.
  Index.prototype.load = function () {
    var self = this;
    if (!self.manifest || Date.now() - self.loadedAt > MANIFEST_MAX_AGE_MS) {
      self.loadedAt = Date.now();
      self.manifest = fetchJson(self.url, true).then(function (manifest) {
        if (manifest.format !== FORMAT) throw new Error("search index format " + manifest.format);
        if (manifest.records !== self.recordsVersion) self.records.clear();
        self.recordsVersion = manifest.records;
        return manifest;
      });
      self.manifest.catch(function () { self.manifest = null; });
    }
    return self.manifest;
  };

  Index.prototype.file = function (manifest, i) {
    var name = manifest.chunks[i];
    if (!this.files.has(name)) {
      var self = this;
      var loading = fetchJson(this.folder + name).then(function (chunk) {
        var at = new Map();
        chunk.t.forEach(function (term, k) { at.set(term, k); });
        return { terms: chunk.t, postings: chunk.p, at: at };
      });
      loading.catch(function () { self.files.delete(name); });
      this.files.set(name, loading);
    }
    return this.files.get(name);
  };

  // The postings files a requirement needs: the one holding its term, and for a prefix the
  // ones after it that start with the prefix (too many: the prefix is matched as a word).
  Index.prototype.filesFor = function (manifest, requirement) {
    var from = manifest.from;
    var first = Math.max(0, lowerBound(from, requirement.term) - 1);
    if (first + 1 < from.length && from[first + 1] === requirement.term) first += 1;
    var last = first;
    if (requirement.prefix) {
      while (last + 1 < from.length && from[last + 1].startsWith(requirement.term)) last += 1;
      if (last - first + 1 > MAX_PREFIX_FILES) {
        requirement.prefix = false;
        last = first;
      }
    }
    var out = [];
    for (var i = first; i <= last; i++) out.push(i);
    return out;
  };

  // Documents meeting one requirement: doc -> { score, title }.
  Index.prototype.match = function (manifest, requirement) {
    var self = this;
    var files = manifest.chunks.length ? self.filesFor(manifest, requirement) : [];
    return Promise.all(files.map(function (i) { return self.file(manifest, i); })).then(function (chunks) {
      var found = new Map();
      chunks.forEach(function (chunk) {
        var k = requirement.prefix ? lowerBound(chunk.terms, requirement.term) : chunk.at.get(requirement.term);
        if (k === undefined) return;
        for (; k < chunk.terms.length; k++) {
          var term = chunk.terms[k];
          var exact = term === requirement.term;
          if (!exact && !(requirement.prefix && term.startsWith(requirement.term))) break;
          addPostings(found, chunk.postings[k], exact);
          if (!requirement.prefix) break;
        }
      });
      return found;
    });
  };

  function addPostings(found, list, exact) {
    var doc = 0;
    for (var i = 0; i < list.length; i++) {
      var value = list[i];
      var weight = value % WEIGHT_SCALE;
      doc += Math.floor(value / WEIGHT_SCALE);
      var title = (weight & IN_TITLE) !== 0;
      var score = (title ? 20 : 0) + (weight & IN_META ? 6 : 0) + (weight & 7);
      if (exact) score *= 2;
      var best = found.get(doc);
      if (!best) found.set(doc, { score: score, title: title });
      else {
        best.score = Math.max(best.score, score);
        best.title = best.title || title;
      }
    }
  }

  // What each requirement matches. If a file is missing, the site may have been published
  // again since the manifest was read: read it once more and start again.
  Index.prototype.matches = function (requirements, retried) {
    var self = this;
    return self.load().then(function (manifest) {
      return Promise.all(requirements.map(function (r) { return self.match(manifest, r); }));
    }).catch(function (error) {
      if (retried) throw error;
      self.manifest = null;
      self.files.clear();
      self.records.clear();
      return self.matches(requirements, true);
    });
  };

  // Every document meeting all requirements, best first: title hits, then score, then newest.
  Index.prototype.search = function (requirements) {
    if (!requirements.length) return Promise.resolve([]);
    return this.matches(requirements, false).then(function (matches) {
      matches.sort(function (a, b) { return a.size - b.size; });
      var hits = [];
      matches[0].forEach(function (first, doc) {
        var titles = 0;
        var score = 0;
        for (var i = 0; i < matches.length; i++) {
          var hit = matches[i].get(doc);
          if (!hit) return;
          titles += hit.title ? 1 : 0;
          score += hit.score;
        }
        hits.push({ doc: doc, titles: titles, score: score });
      });
      hits.sort(function (a, b) { return b.titles - a.titles || b.score - a.score || b.doc - a.doc; });
      return hits;
    });
  };

  Index.prototype.record = function (doc) {
    var self = this;
    if (!self.records.has(doc)) {
      var loading = self.load().then(function (manifest) {
        return fetchJson(self.folder + "d/" + doc + ".json?v=" + manifest.records);
      });
      loading.catch(function () { self.records.delete(doc); });
      self.records.set(doc, loading);
    }
    return self.records.get(doc);
  };

  // --- Excerpts -----------------------------------------------------------------------------
  // Where `text` matches the query: sorted, merged [start, end) ranges.
  function highlights(text, requirements) {
    var ranges = [];
    var words = requirements.filter(function (r) { return !r.cjk; });
    if (words.length) {
      tokenize(text).forEach(function (token) {
        if (token.cjk) return;
        var hit = words.some(function (r) {
          return token.term === r.term || (r.prefix && token.term.startsWith(r.term));
        });
        if (hit) ranges.push([token.start, token.end]);
      });
    }
    requirements.forEach(function (r) {
      if (!r.cjk) return;
      for (var at = text.indexOf(r.term); at >= 0; at = text.indexOf(r.term, at + 1)) {
        ranges.push([at, at + r.term.length]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var merged = [];
    ranges.forEach(function (range) {
      var last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
      else merged.push([range[0], range[1]]);
    });
    return merged;
  }

  function isLowSurrogate(text, at) {
    var code = text.charCodeAt(at);
    return code >= 0xdc00 && code <= 0xdfff;
  }

  // The part of `text` to show: the window of EXCERPT_CHARS with the most matches.
  function excerpt(text, ranges) {
    if (text.length <= EXCERPT_CHARS) return { start: 0, end: text.length };
    var best = 0;
    var bestCount = -1;
    ranges.slice(0, 200).forEach(function (range, i) {
      var count = 0;
      for (var j = i; j < ranges.length && ranges[j][1] <= range[0] + EXCERPT_CHARS - 40; j++) count++;
      if (count > bestCount) {
        bestCount = count;
        best = Math.max(0, range[0] - 40);
      }
    });
    var start = best;
    var space = text.lastIndexOf(" ", start);
    if (start > 0 && space >= 0 && start - space < 20) start = space + 1;
    while (start > 0 && isLowSurrogate(text, start)) start -= 1;
    var end = Math.min(text.length, start + EXCERPT_CHARS);
    var spaceAfter = text.indexOf(" ", end);
    if (end < text.length && spaceAfter >= 0 && spaceAfter - end < 20) end = spaceAfter;
    while (end < text.length && isLowSurrogate(text, end)) end += 1;
    return { start: start, end: end };
  }

  // Appends `text[start, end)` to `parent`, with the matched ranges in <mark>.
  function appendMarked(parent, text, ranges, start, end) {
    var at = start;
    ranges.forEach(function (range) {
      var from = Math.max(range[0], start);
      var to = Math.min(range[1], end);
      if (from >= to || from < at) return;
      parent.appendChild(document.createTextNode(text.slice(at, from)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(from, to);
      parent.appendChild(mark);
      at = to;
    });
    parent.appendChild(document.createTextNode(text.slice(at, end)));
  }

  // --- The page -----------------------------------------------------------------------------
  var TEXTS = {
    results: "{n} results for “{q}”",
    result: "1 result for “{q}”",
    none: "No results for “{q}”. Try fewer words, or other ones.",
    error: "Search is not available right now.",
  };

  function Page(root) {
    this.root = root;
    this.index = new Index(root.getAttribute("data-index"));
    this.form = root.querySelector("form");
    this.input = root.querySelector("input[name=q]");
    this.status = root.querySelector("[data-search-status]");
    this.list = root.querySelector("[data-search-results]");
    this.more = root.querySelector("[data-search-more]");
    this.nojs = root.querySelectorAll("[data-search-nojs]");
    this.others = root.querySelectorAll("[data-search-other]");
    this.level = root.getAttribute("data-heading-level") || "2";
    this.lang = root.getAttribute("data-lang") || document.documentElement.lang || undefined;
    this.sequence = 0;
    this.hits = [];
    this.shown = 0;
    this.requirements = [];
    this.timer = 0;
  }

  Page.prototype.text = function (name, values) {
    var template = this.root.getAttribute("data-text-" + name) || TEXTS[name];
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return key in values ? String(values[key]) : whole;
    });
  };

  Page.prototype.start = function () {
    var self = this;
    self.nojs.forEach(function (element) { element.hidden = true; });
    if (!self.input) return;
    var query = new URLSearchParams(window.location.search).get("q") || "";
    if (query) {
      self.input.value = query;
      self.run(query);
    }
    if (self.form) {
      self.form.addEventListener("submit", function (event) {
        event.preventDefault();
        window.clearTimeout(self.timer);
        self.run(self.input.value);
      });
    }
    self.input.addEventListener("input", function () {
      window.clearTimeout(self.timer);
      self.timer = window.setTimeout(function () { self.run(self.input.value); }, 250);
    });
    self.input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && self.links().length) {
        event.preventDefault();
        self.links()[0].focus();
      }
    });
    if (self.list) {
      self.list.addEventListener("keydown", function (event) { self.arrows(event); });
    }
    if (self.more) {
      self.more.addEventListener("click", function () { self.showMore(true); });
    }
  };

  Page.prototype.links = function () {
    return this.list ? Array.prototype.slice.call(this.list.querySelectorAll("a[data-search-link]")) : [];
  };

  // Up and down arrows move between results; up from the first goes back to the box.
  Page.prototype.arrows = function (event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = this.links();
    var at = links.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    var next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) this.input.focus();
    else if (next < links.length) links[next].focus();
  };

  Page.prototype.run = function (raw) {
    var self = this;
    var query = raw.trim();
    var sequence = ++self.sequence;
    self.remember(query);
    self.offerOthers(query);
    self.requirements = parseQuery(query);
    if (!self.requirements.length) {
      self.show([], query);
      return Promise.resolve();
    }
    if (self.list) self.list.setAttribute("aria-busy", "true");
    return self.index.search(self.requirements).then(function (hits) {
      if (sequence === self.sequence) return self.show(hits, query);
    }, function () {
      if (sequence !== self.sequence) return;
      self.clear();
      self.say(self.text("error", {}));
      self.nojs.forEach(function (element) { element.hidden = false; });
    });
  };

  // The query goes into the address, so that a result page can be bookmarked and Back works.
  Page.prototype.remember = function (query) {
    var url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    if (url.href !== window.location.href) window.history.replaceState(null, "", url.href);
  };

  // A link to another language's search page keeps the query (the language switcher marks its
  // links with `data-search-keep-query`), and a `[data-search-other]` offer of that language is
  // shown when the query is written in its script (`data-script="cjk"` or `"latin"`): Chinese
  // words typed on the English page offer the Chinese results, and the reverse.
  Page.prototype.offerOthers = function (query) {
    var cjk = Array.from(query).some(function (ch) { return isCjk(ch.codePointAt(0)); });
    var latin = !cjk && /[A-Za-z]/.test(query);
    document.querySelectorAll("a[data-search-keep-query]").forEach(function (link) {
      withQuery(link, query);
    });
    Array.prototype.forEach.call(this.others, function (offer) {
      var script = offer.getAttribute("data-script");
      offer.hidden = !query || !(script === "cjk" ? cjk : latin);
      var link = offer.querySelector("a");
      if (link) withQuery(link, query);
      var shown = offer.querySelector("[data-search-other-query]");
      if (shown) shown.textContent = query;
    });
  };

  function withQuery(link, query) {
    var url = new URL(link.getAttribute("href"), window.location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    link.setAttribute("href", url.pathname + url.search);
  }

  Page.prototype.clear = function () {
    if (!this.list) return;
    while (this.list.firstChild) this.list.removeChild(this.list.firstChild);
    this.list.removeAttribute("aria-busy");
  };

  Page.prototype.say = function (message) {
    if (this.status) this.status.textContent = message;
  };

  Page.prototype.show = function (hits, query) {
    this.hits = hits;
    this.shown = 0;
    this.clear();
    if (this.more) this.more.hidden = true;
    if (!query) {
      this.say("");
      return Promise.resolve();
    }
    var name = hits.length === 0 ? "none" : hits.length === 1 ? "result" : "results";
    var self = this;
    return this.showMore(false).then(function () {
      self.say(self.text(name, { n: hits.length, q: query }));
    });
  };

  // Shows the next PAGE_SIZE results; after "more results", focus goes to the first new one.
  Page.prototype.showMore = function (focus) {
    var self = this;
    var sequence = self.sequence;
    var batch = self.hits.slice(self.shown, self.shown + PAGE_SIZE);
    self.shown += batch.length;
    return Promise.all(batch.map(function (hit) { return self.index.record(hit.doc); })).then(function (records) {
      if (sequence !== self.sequence || !self.list) return;
      var first = null;
      records.forEach(function (record) {
        var item = self.item(record);
        first = first || item.querySelector("a");
        self.list.appendChild(item);
      });
      self.list.removeAttribute("aria-busy");
      if (self.more) self.more.hidden = self.shown >= self.hits.length;
      if (focus && first) first.focus();
    });
  };

  Page.prototype.item = function (record) {
    var requirements = this.requirements;
    var item = document.createElement("li");
    item.className = "search-result";
    var heading = document.createElement("h" + this.level);
    heading.className = "search-result__title";
    var link = document.createElement("a");
    link.href = record.u;
    link.setAttribute("data-search-link", "");
    appendMarked(link, record.t, highlights(record.t, requirements), 0, record.t.length);
    heading.appendChild(link);
    item.appendChild(heading);
    if (record.s || record.d) {
      var meta = document.createElement("p");
      meta.className = "search-result__meta";
      if (record.s) meta.appendChild(document.createTextNode(record.s));
      if (record.s && record.d) meta.appendChild(document.createTextNode(" · "));
      if (record.d) {
        var time = document.createElement("time");
        time.dateTime = record.d;
        time.textContent = this.date(record.d);
        meta.appendChild(time);
      }
      item.appendChild(meta);
    }
    var source = record.x;
    var ranges = highlights(source, requirements);
    if (!ranges.length && record.m) {
      source = record.m;
      ranges = highlights(source, requirements);
    }
    if (source) {
      var text = document.createElement("p");
      text.className = "search-result__excerpt";
      var part = excerpt(source, ranges);
      if (part.start > 0) text.appendChild(document.createTextNode("… "));
      appendMarked(text, source, ranges, part.start, part.end);
      if (part.end < source.length) text.appendChild(document.createTextNode(" …"));
      item.appendChild(text);
    }
    return item;
  };

  // A date as precise as the record gives it: `1986`, `2019-05` or `2021-07-30`.
  Page.prototype.date = function (iso) {
    var parts = iso.split("-");
    var options = { year: "numeric", timeZone: "UTC" };
    if (parts.length > 1) options.month = "long";
    if (parts.length > 2) options.day = "numeric";
    var day = new Date(parts.concat(["01", "01"]).slice(0, 3).join("-") + "T00:00:00Z");
    if (isNaN(day.getTime())) return iso;
    try {
      return day.toLocaleDateString(this.lang, options);
    } catch (error) {
      return iso;
    }
  };

  // For tests and measurements: the same search without the page.
  function searchOnly(indexUrl) {
    var index = new Index(indexUrl);
    return function (query, count) {
      var requirements = parseQuery(query);
      return index.search(requirements).then(function (hits) {
        var shown = hits.slice(0, count === undefined ? PAGE_SIZE : count);
        return Promise.all(shown.map(function (hit) { return index.record(hit.doc); })).then(function (records) {
          return { total: hits.length, records: records };
        });
      });
    };
  }

  window.potlineSearch = {
    terms: function (text) { return tokenize(text).map(function (t) { return t.term; }); },
    query: parseQuery,
    index: searchOnly,
  };

  function init() {
    var root = document.querySelector("[data-potline-search]");
    if (root && root.getAttribute("data-index")) new Page(root).start();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
