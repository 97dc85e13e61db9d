// Progressive enhancement only: every link works without this file.
// Links marked data-swap="#id" load their page in the background and replace
// that one element, so choosing a chart bar shows its evidence without a reload.
"use strict";

// The address whose content is on screen (fragment jumps such as the skip link do not change it).
const address = () => window.location.pathname + window.location.search;
let shown = address();

// SVG links keep their href as an attribute, not a string property.
const target = (link) => new URL(link.getAttribute("href"), window.location.href).href;

async function swap(link) {
  const selector = link.dataset.swap;
  const response = await fetch(target(link), { headers: { Accept: "text/html" } });
  if (!response.ok) { window.location.href = target(link); return; }
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const fresh = page.querySelector(selector);
  const current = document.querySelector(selector);
  if (!fresh || !current) { window.location.href = target(link); return; }
  current.replaceWith(fresh);
  document.querySelectorAll("[data-swap].selected").forEach((el) => el.classList.remove("selected"));
  link.classList.add("selected");
  history.pushState(null, "", target(link));
  shown = address();
  fresh.focus();
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-swap]");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  swap(link).catch(() => { window.location.href = target(link); });
});

// Back and forward across swapped panels: show the whole page of that address.
window.addEventListener("popstate", () => {
  if (address() !== shown) window.location.reload();
});
