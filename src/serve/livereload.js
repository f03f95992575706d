// potline live reload. `potline serve` adds this script to the HTML pages it serves (never to
// what `potline build` writes). It listens to the server's WebSocket and:
// - reloads the page when a rebuild changed the site (the new build is already in place);
// - swaps stylesheets without a reload when only CSS changed;
// - shows the build's errors over the page when a rebuild failed, and removes them when fixed;
// - reconnects when the server restarts, and reloads if the site changed meanwhile.
// It sends nothing: the server pings it every few seconds and the browser answers by itself,
// which keeps an idle tab connected (the server closes connections that fall silent).
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-potline-build") || "" : "";
  var OVERLAY = "potline-overlay";
  // How long to wait before connecting again: short after a restart, longer while the server
  // keeps refusing (too many open tabs) or stays away.
  var FIRST_RETRY = 500;
  var LAST_RETRY = 5000;
  var retry = FIRST_RETRY;
  // Visible to tools and tests: is the page listening, and how many times has it connected?
  var state = (window.potlineLiveReload = { connected: false, connections: 0 });

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

  function handle(message) {
    switch (message.type) {
      case "hello":
        state.connected = true;
        state.connections += 1;
        retry = FIRST_RETRY;
        if (message.build !== build) location.reload();
        break;
      case "reload":
        location.reload();
        break;
      case "css":
        build = message.build;
        removeOverlay();
        if (!swapStylesheets(message.paths || [])) location.reload();
        break;
      case "failure":
        showOverlay(message.overlay || "");
        break;
    }
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + "/__potline/live");
    socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      handle(message);
    };
    // The server stopped, restarts or refused: try again, for as long as the page is open.
    socket.onclose = function () {
      state.connected = false;
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, LAST_RETRY);
    };
  }

  connect();
})();
