// Search with Pagefind, loaded by the search page alone (the feeds page has
// its own small script). Without it the page still links to the reflection
// index and the tags. The query and filters live in the address
// (?q=…&lesson=…), so a search can be linked to, and the reflection index
// links to filtered ones.
const FILTERS = ["lesson", "theme", "category"];
const PAGE_SIZE = 10;

const form = document.getElementById("search-form");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
// Yes-or-no filters, as boxes (?stories=yes): only those the page shows.
const CHECKS = ["stories", "questions"].filter((name) => form.elements[name]);

// The site's root, which works under a subpath SITEURL too.
const base = new URL(form.dataset.base, location.href);

// Pagefind (its script, WebAssembly and index) loads on the first search,
// or as soon as the reader reaches the form; the menus are in the page.
let pagefind;
async function engine() {
  if (!pagefind) {
    pagefind = import(new URL("pagefind/pagefind.js", base).href).then(async (module) => {
      await module.options({ baseUrl: base.pathname });
      return module;
    });
    pagefind.catch(() => {
      status.textContent = "Search could not load. Browse the links below instead.";
    });
  }
  return pagefind;
}

const params = new URLSearchParams(location.search);
form.elements.q.value = params.get("q") || "";
for (const name of FILTERS) {
  form.elements[name].value = params.get(name) || "";
}
for (const name of CHECKS) {
  form.elements[name].checked = params.get(name) === "yes";
}
form.hidden = false;

// The search the list belongs to. Every step that waits (Pagefind's
// loading, its search, each result's text) checks on waking that its search
// is still this one before it touches the page: a reader who starts a new
// search, or clears the query, while results of the last are still loading
// must never see those appear in the new list. Its batches of results are
// shown one after another (`appended`), in the order they were asked for.
function newSearch() {
  return { results: [], shown: 0, appended: Promise.resolve() };
}
let current = newSearch();

async function search() {
  const run = newSearch();
  current = run;
  const query = form.elements.q.value.trim();
  const address = new URLSearchParams();
  const filters = {};
  if (query) address.set("q", query);
  for (const name of FILTERS) {
    const value = form.elements[name].value;
    if (value) {
      filters[name] = value;
      address.set(name, value);
    }
  }
  for (const name of CHECKS) {
    if (form.elements[name].checked) {
      filters[name] = "yes";
      address.set(name, "yes");
    }
  }
  history.replaceState(null, "", address.size ? `?${address}` : location.pathname);
  if (!query && !address.size) {
    show("");
    return;
  }
  const pagefindModule = await engine();
  if (run !== current) return;
  const found = await pagefindModule.search(query || null, { filters });
  if (run !== current) return;
  run.results = found.results;
  const count = found.results.length;
  show(count ? `${count} reflection${count === 1 ? "" : "s"} found.` : "No reflection matches.");
  await showMore();
}

function show(message) {
  list.replaceChildren();
  more.hidden = true;
  status.textContent = message;
}

// A batch asked for while the last still loads waits for it to be shown:
// results stay in Pagefind's order, whichever batch loads first.
async function showMore(event) {
  const run = current;
  const batch = run.results.slice(run.shown, run.shown + PAGE_SIZE);
  run.shown += batch.length;
  const loading = Promise.all(batch.map((item) => item.data()));
  const appended = run.appended.then(async () => {
    const loaded = await loading;
    if (run === current) append(run, loaded, event); // else a newer search's list
  });
  run.appended = appended.catch(() => {});
  await appended;
}

// Asked for by the button, the first new result takes the focus: the
// button hides itself once every result is shown, and a hidden button's
// focus would fall to the page, so that Tab skipped the new results.
function append(run, loaded, event) {
  const first = list.children.length;
  for (const result of loaded) {
    const item = document.createElement("li");
    const heading = document.createElement("h2");
    const link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.meta.title;
    link.dir = "auto"; // a title in Arabic or Hebrew keeps its own order
    heading.append(link);
    item.append(heading);
    if (result.excerpt) {
      const excerpt = document.createElement("p");
      excerpt.dir = "auto";
      // Pagefind escapes the indexed text and adds only <mark> around matches.
      excerpt.innerHTML = result.excerpt;
      item.append(excerpt);
    }
    list.append(item);
  }
  more.hidden = run.shown >= run.results.length;
  if (event) list.children[first]?.querySelector("a").focus();
}

let typing;
form.addEventListener("input", (event) => {
  clearTimeout(typing);
  typing = setTimeout(search, event.target.name === "q" ? 250 : 0);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  search();
});
more.addEventListener("click", showMore);
form.addEventListener("focusin", engine, { once: true });
search();
