// make serve's live reload. The preview server (tools/preview_server.py)
// adds this script to every page it serves; the built files never hold it.
// The page knows the build it was served from and its own path in the site;
// it listens to the server's builds, registered as an open page (so a first
// pass after an edit rebuilds it first), and reloads when a build changed
// it: a first pass that rebuilt this page, or a whole build, unless the
// whole build left the page as the first pass already showed it. After a
// first pass, a whole build that failed is the site in place announced
// again: a page showing the first pass reloads, one showing the site does not.
// EventSource reconnects by itself, so a page left open while `make serve`
// restarts reloads once the server is back.
// The page counts as open while its stream is: the server sees a closed
// tab's connection end at once. A page hidden in the back-forward cache
// closes its stream (it is not shown, so a first pass need not write it)
// and opens a new one when it is shown again; the new stream names the
// build in place first, so a page restored after an edit reloads.
(() => {
  const script = document.currentScript;
  let shown = script.dataset.build;
  const page = script.dataset.page || "";
  let events = null;

  const listen = () => {
    events = new EventSource(
      `/.preview/events?page=${encodeURIComponent(page)}`,
    );
    events.addEventListener("build", (event) => {
      const build = JSON.parse(event.data);
      if (build.build === shown) return;
      if (build.pages && !build.pages.includes(page)) return; // not rebuilt yet
      if (build.follows === shown && build.unchanged.includes(page)) {
        shown = build.build; // already shown as the whole build made it
        return;
      }
      events.close();
      location.reload();
    });
  };

  addEventListener("pagehide", () => events.close());
  addEventListener("pageshow", (event) => {
    if (event.persisted) {
      events.close();
      listen();
    }
  });
  listen();
})();
