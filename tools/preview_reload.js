// make serve's live reload. The preview server (tools/preview_server.py)
// adds this script to every page it serves; the built files never hold it.
// The page knows the build it was served from; the server says which build
// is in place now (at once, and after each rebuild), and the page reloads
// when they differ. EventSource reconnects by itself, so a page left open
// while `make serve` restarts reloads once the server is back.
(() => {
  const shown = document.currentScript.dataset.build;
  const events = new EventSource("/.preview/events");
  events.addEventListener("build", (event) => {
    if (JSON.parse(event.data).build !== shown) {
      events.close();
      location.reload();
    }
  });
})();
