// The app bar's search box: Ctrl+K (⌘K) focuses it from anywhere, the arrow keys walk its suggestions
// and Escape leaves it. Listeners sit on the document, so they survive enhanced navigation and re-renders.
document.addEventListener("keydown", event => {
  const input = document.getElementById("site-search");
  if (!input) return;
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
    event.preventDefault();
    // On a phone the box is in the folded menu (header-menu.js): open it first.
    const menu = document.getElementById("site-menu-toggle");
    if (menu && input.offsetParent === null) menu.checked = true;
    input.focus();
    input.select();
    return;
  }
  const form = input.form;
  if (!form.contains(document.activeElement)) return;
  if (event.key === "Escape") {
    document.activeElement.blur();
    return;
  }
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const links = [...form.querySelectorAll(".site-search__suggestions a")];
  if (links.length === 0) return;
  event.preventDefault();
  const index = links.indexOf(document.activeElement);
  const next = event.key === "ArrowDown" ? Math.min(index + 1, links.length - 1) : index - 1;
  (next < 0 ? input : links[next]).focus();
});

// A member's page is prerendered, then the circuit renders it again and the search box is a new element:
// whoever was in the old box carries on in the new one, with what they had typed.
let box = document.getElementById("site-search");
let focusedBox = null;
document.addEventListener("focusin", event => {
  focusedBox = event.target.id === "site-search" ? event.target : null;
});
new MutationObserver(() => {
  const current = document.getElementById("site-search");
  if (!current || current === box) return;
  const previous = box;
  box = current;
  const lost = document.activeElement === null || document.activeElement === document.body;
  if (previous && previous === focusedBox && !previous.isConnected && lost) {
    if (previous.value && !current.value) {
      current.value = previous.value;
      current.dispatchEvent(new Event("input", { bubbles: true }));
    }
    current.focus();
  }
}).observe(document.documentElement, { childList: true, subtree: true });
