// byline serve's live reload: reloads the page when a rebuild changed it,
// keeping the scroll position; swaps stylesheets when only CSS changed;
// shows build errors over the page until they are fixed.
(function () {
  "use strict";
  var here = decodeURIComponent(location.pathname).replace(/^\//, "");
  if (here === "" || here.slice(-1) === "/") here += "index.html";
  var key = "byline-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var y = +saved;
    window.scrollTo(0, y);
    window.addEventListener("load", function () { window.scrollTo(0, y); });
  }
  var overlay = null;

  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }

  function swapStylesheets() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    links.forEach(function (old) {
      var url = new URL(old.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set("v", Date.now());
      var link = old.cloneNode();
      link.href = url.href;
      link.onload = link.onerror = function () { old.remove(); };
      old.after(link);
    });
  }

  function showErrors(errors) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "byline-errors";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2rem;";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var h = document.createElement("h2");
    h.textContent = "byline: the site has " + errors.length + " error(s); showing the last good pages";
    h.style.cssText = "color:#ff8080;font-size:1.1rem;margin:0 0 1rem";
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:1.2rem";
    errors.forEach(function (msg) {
      var li = document.createElement("li");
      li.textContent = msg;
      list.appendChild(li);
    });
    overlay.appendChild(h);
    overlay.appendChild(list);
  }

  var source = new EventSource("/_byline/events");
  // The build this page came from, set by the server with the page.
  var built = /(?:^|; )byline-v=(\d+)/.exec(document.cookie);
  built = built ? +built[1] : 0;
  source.addEventListener("hello", function (e) {
    window.bylineLive = true; // for tests: the stream is open
    // A rebuild finished between serving this page and opening the
    // stream, or the server restarted: the page may be stale.
    var v = JSON.parse(e.data).v;
    if (built && v !== built) {
      built = v;
      reload();
    }
  });
  source.addEventListener("reload", function (e) {
    var m = JSON.parse(e.data);
    if (overlay || m.paths === null || m.paths.indexOf(here) >= 0) {
      if (!overlay && m.css) swapStylesheets(); else reload();
    } else if (m.css) {
      swapStylesheets();
    }
  });
  source.addEventListener("errors", function (e) {
    showErrors(JSON.parse(e.data).errors);
  });
})();
