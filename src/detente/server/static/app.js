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

// The actor finder: as a name is typed, the names it finds (or the nearest ones)
// are listed under the box from /api/actors/search; the form still works without it.
function actorSearch(input) {
  const box = document.querySelector(input.dataset.actorSearch);
  if (!box) return;
  let timer = null;
  let asked = "";
  const show = (answer) => {
    box.replaceChildren();
    if (!answer.results.length) {
      box.textContent = `No actor named “${answer.query}”.`;
      return;
    }
    const lead = document.createElement("p");
    lead.textContent = answer.found ? "Found:" : "Did you mean:";
    const list = document.createElement("ul");
    for (const hit of answer.results) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = `/actors?q=${encodeURIComponent(hit.alias)}`;
      link.textContent = hit.alias;
      item.append(link);
      const codes = [...new Set(hit.readings.map((r) => r.code).filter(Boolean))];
      if (codes.length) {
        const code = document.createElement("span");
        code.className = "code";
        code.textContent = codes.slice(0, 3).join(" ");
        item.append(code);
      }
      list.append(item);
    }
    box.append(lead, list);
  };
  const ask = async () => {
    const query = input.value.trim();
    if (query === asked) return;
    asked = query;
    if (!query) { box.replaceChildren(); return; }
    const response = await fetch(`/api/actors/search?limit=8&q=${encodeURIComponent(query)}`,
                                 { headers: { Accept: "application/json" } });
    if (response.ok && input.value.trim() === query) show(await response.json());
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => { ask().catch(() => box.replaceChildren()); }, 150);
  });
}

document.querySelectorAll("input[data-actor-search]").forEach(actorSearch);
