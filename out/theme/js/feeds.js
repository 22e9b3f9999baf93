// A local build has no site address (SITEURL is relative), so its feeds page
// lists paths. Shown here in full as this browser reaches them, they can be
// copied into a feed reader on this machine.
for (const address of document.querySelectorAll(".feed-address")) {
  address.textContent = new URL(address.textContent, document.baseURI).href;
}
