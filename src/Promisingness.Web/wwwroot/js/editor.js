// The Markdown editor's text area: kept in step with the server by sending, when typing pauses, only what changed
// (the span, what it now holds, and the whole text's length and checksum to check it by), its keyboard shortcuts
// and toolbar marks. Marks and inserted files are announced with an "input" event, the way typing is, so they take
// the same way to the server.
const marks = {
  bold: ["**", "**", "bold text"],
  italic: ["_", "_", "italic text"],
  link: ["[", "](https://)", "link text"],
  code: ["`", "`", "code"],
  heading: ["\n## ", "\n", "Heading"],
  list: ["\n- ", "\n", "item"],
  quote: ["\n> ", "\n", "quotation"],
};

const pauseMilliseconds = 400;
const states = new WeakMap();

function textarea(root) {
  return root.querySelector("textarea");
}

// The same sums as TextChecksum.Of in .NET, over the same UTF-16 units.
function checksum(text) {
  let a = 0, b = 0;
  for (let i = 0; i < text.length; i++) {
    a = (a + text.charCodeAt(i)) >>> 0;
    b = (b + a) >>> 0;
  }
  return `${a.toString(16)}-${b.toString(16)}`;
}

const isHigh = code => code >= 0xd800 && code <= 0xdbff;
const isLow = code => code >= 0xdc00 && code <= 0xdfff;

// What changed from the text the server has to the text now, or null; never cutting a character made of two units.
function takeChange(state) {
  const now = state.area.value, before = state.sent;
  if (now === before) return null;
  const shorter = Math.min(now.length, before.length);
  let start = 0;
  while (start < shorter && now.charCodeAt(start) === before.charCodeAt(start)) start++;
  if (start > 0 && isHigh(now.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < shorter - start && now.charCodeAt(now.length - 1 - end) === before.charCodeAt(before.length - 1 - end)) end++;
  if (end > 0 && isLow(now.charCodeAt(now.length - end))) end--;
  state.sent = now;
  state.sequence++;
  return {
    sequence: state.sequence,
    start,
    removedLength: before.length - start - end,
    inserted: now.substring(start, now.length - end),
    newLength: now.length,
    checksum: checksum(now),
  };
}

// Typing's pending pause, dropped: the text is taken now.
function stopTimer(state) {
  clearTimeout(state.timer);
  state.timer = undefined;
}

function send(state) {
  stopTimer(state);
  const change = takeChange(state);
  if (change) state.editor.invokeMethodAsync("ApplyChange", change);
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

/** Starts keeping the text area in step; `text`, when given, replaces what it shows. Returns the change number. */
export function attach(root, editor, text) {
  const area = textarea(root);
  if (text !== null && text !== undefined) area.value = text;
  const state = { area, editor, sent: area.value, sequence: 0, timer: undefined };
  states.set(root, state);
  area.addEventListener("input", () => {
    clearTimeout(state.timer);
    state.timer = setTimeout(() => send(state), pauseMilliseconds);
  });
  area.addEventListener("keydown", event => {
    if (!(event.ctrlKey || event.metaKey)) return;
    const key = event.key.toLowerCase();
    if (key === "s") {
      event.preventDefault();
      // The server takes what was not sent yet (flush) before it saves.
      editor.invokeMethodAsync("SaveFromKeyboard");
    } else if (key === "b") {
      event.preventDefault();
      applyMark(root, "bold");
    } else if (key === "i") {
      event.preventDefault();
      applyMark(root, "italic");
    }
  });
  return state.sequence;
}

/** What was typed since the last pause, now (before a save), or null. */
export function flush(root) {
  const state = states.get(root);
  if (!state) return null;
  stopTimer(state);
  return takeChange(state);
}

/** The whole text, when a change did not fit the server's copy. */
export function wholeText(root) {
  const state = states.get(root);
  stopTimer(state);
  state.sent = state.area.value;
  state.sequence++;
  return { sequence: state.sequence, text: state.sent };
}

/** The server replaced the text (a draft brought back, a merge): changes sent before it no longer apply. */
export function setText(root, text) {
  const state = states.get(root);
  stopTimer(state);
  state.area.value = text;
  state.sent = text;
  state.sequence++;
  return state.sequence;
}
