// make serve's one event stream for every tab of the preview
// (tools/preview_reload.js starts it). A browser opens at most six
// connections to one host and each tab's stream held one for as long as
// the tab was open: with six preview tabs open, a seventh page, or any file
// a reloading page asks for, waited for ever. This worker, shared by the
// tabs of the preview, holds one stream naming every page open in them,
// and passes each build to every tab; each tab decides whether to reload.
// When the set of open pages changes the stream is opened again with the
// new set; a new stream names the build in place first, as after a restart.
const tabs = new Map(); // each tab's port -> the page it shows
let events = null;
let named = null; // the query of the stream open now

const listen = () => {
  const pages = [...new Set(tabs.values())].sort();
  const query = pages.map((page) => `page=${encodeURIComponent(page)}`).join("&");
  if (events !== null && query === named) return;
  // The new stream first, then the old one closed: the pages still open
  // count as open throughout (a build in between may come twice; a tab
  // reloads once, as it leaves at the first).
  const before = events;
  events = null;
  named = query;
  if (tabs.size > 0) {
    events = new EventSource(`/.preview/events?${query}`);
    events.addEventListener("build", (event) => {
      for (const port of tabs.keys()) port.postMessage(event.data);
    });
  }
  if (before !== null) before.close();
};

onconnect = (connection) => {
  const port = connection.ports[0];
  port.onmessage = ({ data }) => {
    if (typeof data.open === "string") tabs.set(port, data.open);
    else tabs.delete(port);
    listen();
  };
};
