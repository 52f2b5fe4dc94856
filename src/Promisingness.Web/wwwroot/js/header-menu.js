// The phone header's menu is a checkbox (it opens before, and without, any script). A member's pages keep the
// header across navigation, so a link followed from the menu closes it; Escape closes it too.
document.addEventListener("click", event => {
  if (event.target.closest(".site-menu a")) close();
});
document.addEventListener("keydown", event => {
  if (event.key === "Escape") close();
});

function close() {
  const toggle = document.getElementById("site-menu-toggle");
  if (toggle) toggle.checked = false;
}
