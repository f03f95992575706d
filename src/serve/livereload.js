// potline live reload. `potline serve` adds this script to the HTML pages it serves (never to
// what `potline build` writes). It listens to the server's event stream and:
// - reloads the page when a rebuild changed the site (the new build is already in place);
// - swaps stylesheets without a reload when only CSS changed;
// - shows the build's errors over the page when a rebuild failed, and removes them when fixed;
// - reconnects when the server restarts, and reloads if the site changed meanwhile.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-potline-build") || "" : "";
  var OVERLAY = "potline-overlay";
  var source = null;

  function removeOverlay() {
    var overlay = document.getElementById(OVERLAY);
    if (overlay) overlay.remove();
  }

  function showOverlay(html) {
    removeOverlay();
    // The fragment comes from the server, which has HTML-escaped every message in it.
    var template = document.createElement("template");
    template.innerHTML = html;
    (document.body || document.documentElement).appendChild(template.content);
  }

  function sameOrigin(href) {
    try {
      var url = new URL(href, location.href);
      return url.origin === location.origin ? url : null;
    } catch (e) {
      return null;
    }
  }

  // Swaps every stylesheet whose path changed; returns false when a changed stylesheet is not
  // linked from the page (an @import, say), which needs a full reload.
  function swapStylesheets(paths) {
    var links = Array.prototype.slice.call(document.querySelectorAll('link[rel~="stylesheet"]'));
    var linked = {};
    links.forEach(function (link) {
      var url = sameOrigin(link.href);
      if (!url || paths.indexOf(url.pathname) < 0) return;
      linked[url.pathname] = true;
      url.searchParams.set("potline", String(Date.now()));
      var next = link.cloneNode(false);
      next.href = url.href;
      next.addEventListener("load", function () { link.remove(); });
      next.addEventListener("error", function () { link.remove(); });
      link.after(next);
    });
    return paths.every(function (path) { return linked[path]; });
  }

  function on(name, handler) {
    source.addEventListener(name, function (event) {
      var data = {};
      try { data = JSON.parse(event.data); } catch (e) { data = {}; }
      handler(data);
    });
  }

  function connect() {
    source = new EventSource("/__potline/events");
    on("hello", function (data) {
      if (data.build !== build) location.reload();
    });
    on("reload", function () { location.reload(); });
    on("css", function (data) {
      build = data.build;
      removeOverlay();
      if (!swapStylesheets(data.paths || [])) location.reload();
    });
    on("failure", function (data) { showOverlay(data.overlay || ""); });
    source.onerror = function () {
      // The browser retries by itself while the connection is only broken; once it gives up
      // (the server answered with an error), start again after a pause.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(connect, 1000);
      }
    };
  }

  connect();
})();
