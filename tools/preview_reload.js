// make serve's live reload. The preview server (tools/preview_server.py)
// adds this script to every page it serves; the built files never hold it.
// The page knows the build it was served from and its own path in the site;
// it listens to the server's builds, registered as an open page (so a first
// pass after an edit rebuilds it first), and reloads when a build changed
// it: a first pass that rebuilt this page, or a whole build, unless the
// whole build left the page as the first pass already showed it. After a
// first pass, a whole build that failed is the site in place announced
// again: a page showing the first pass reloads, one showing the site does not.
// The builds come from one stream for every tab of the preview, held by a
// shared worker (tools/preview_reload_worker.js): a browser opens at most
// six connections to a host, and a stream per tab used them all up at six
// tabs. Without shared workers (some mobile browsers) the page holds its
// own stream, an EventSource. Either reconnects by itself, so a page left
// open while `make serve` restarts reloads once the server is back.
// The page counts as open while it is registered: the server sees the
// stream that names it end, or name it no more, when the tab closes. A page
// hidden in the back-forward cache leaves (it is not shown, so a first pass
// need not write it) and registers again when it is shown again; the stream
// then names the build in place first, so a page restored after an edit
// reloads.
(() => {
  const script = document.currentScript;
  let shown = script.dataset.build;
  const page = script.dataset.page || "";
  let leave = () => {};

  const arrived = (data) => {
    const build = JSON.parse(data);
    if (build.build === shown) return;
    if (build.pages && !build.pages.includes(page)) return; // not rebuilt yet
    if (build.follows === shown && build.unchanged.includes(page)) {
      shown = build.build; // already shown as the whole build made it
      return;
    }
    leave();
    location.reload();
  };

  const sharedStream = () => {
    const worker = new SharedWorker("/.preview/reload-worker.js", {
      name: "make serve",
    });
    worker.port.onmessage = (message) => arrived(message.data);
    leave = () => worker.port.postMessage({ left: true });
    return () => worker.port.postMessage({ open: page });
  };

  const ownStream = () => () => {
    const events = new EventSource(
      `/.preview/events?page=${encodeURIComponent(page)}`,
    );
    events.addEventListener("build", (event) => arrived(event.data));
    leave = () => events.close();
  };

  const listen = "SharedWorker" in window ? sharedStream() : ownStream();
  addEventListener("pagehide", () => leave());
  addEventListener("pageshow", (event) => {
    if (event.persisted) {
      leave();
      listen();
    }
  });
  listen();
})();
