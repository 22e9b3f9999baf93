// The feeds page's addresses, each selected whole to be copied: a click
// does that by itself (user-select: all in feeds.css), but a keyboard could
// neither reach nor select one. Here each is a stop for Tab, and reaching it
// by Tab or click selects it.
//
// A local build has no site address (SITEURL is relative), so its page lists
// paths: they are shown in full as this browser reaches them, to be copied
// into a feed reader on this machine.
const localPreview = "localPreview" in document.currentScript.dataset;
for (const address of document.querySelectorAll(".feed-address")) {
  if (localPreview) {
    address.textContent = new URL(address.textContent, document.baseURI).href;
  }
  address.tabIndex = 0;
  address.addEventListener("focus", () => getSelection().selectAllChildren(address));
}
