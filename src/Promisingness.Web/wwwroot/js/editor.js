// The Markdown editor's keyboard shortcuts and toolbar marks. Changes are announced with an "input"
// event, the way typing is, so the circuit sees the new text.
const marks = {
  bold: ["**", "**", "bold text"],
  italic: ["_", "_", "italic text"],
  link: ["[", "](https://)", "link text"],
  code: ["`", "`", "code"],
  heading: ["\n## ", "\n", "Heading"],
  list: ["\n- ", "\n", "item"],
  quote: ["\n> ", "\n", "quotation"],
};

function textarea(root) {
  return root.querySelector("textarea");
}

export function applyMark(root, name) {
  const area = textarea(root);
  const [before, after, placeholder] = marks[name];
  const start = area.selectionStart, end = area.selectionEnd;
  const selected = area.value.substring(start, end) || placeholder;
  area.setRangeText(before + selected + after, start, end, "end");
  area.selectionStart = start + before.length;
  area.selectionEnd = start + before.length + selected.length;
  area.focus();
  area.dispatchEvent(new Event("input", { bubbles: true }));
}

export function attach(root, editor) {
  const area = textarea(root);
  area.addEventListener("keydown", event => {
    if (!(event.ctrlKey || event.metaKey)) return;
    const key = event.key.toLowerCase();
    if (key === "s") {
      event.preventDefault();
      area.dispatchEvent(new Event("change", { bubbles: true }));
      editor.invokeMethodAsync("SaveFromKeyboard", area.value);
    } else if (key === "b") {
      event.preventDefault();
      applyMark(root, "bold");
    } else if (key === "i") {
      event.preventDefault();
      applyMark(root, "italic");
    }
  });
}
