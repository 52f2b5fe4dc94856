// Files in the Markdown editor: paste an image, drop a file on the text, or pick one with the "Add file" button.
// Each is sent to the wiki (POST, the file as the body, the antiforgery token as a header) with a progress bar
// beside the editor; when the wiki has stored it, "![name](url)" (images) or "[name](url)" (other files) is
// inserted at the cursor, the file's name as the alt text, and the cursor after it. A refused file gets the wiki's
// reason (type, size) in the same place, and nothing is inserted.

function textarea(root) {
  return root.querySelector("textarea");
}

function statusOf(root) {
  return root.querySelector("[data-attach-status]");
}

function token(settings) {
  // The page's own token when the component was given none (a page that was not prerendered).
  return settings.token ?? document.querySelector("input[name=__RequestVerificationToken]")?.value ?? "";
}

function baseName(name) {
  const dot = name.lastIndexOf(".");
  return (dot > 0 ? name.substring(0, dot) : name).replace(/[\[\]\\]/g, " ").trim() || "file";
}

function insert(root, markdown) {
  const area = textarea(root);
  const start = area.selectionStart, end = area.selectionEnd;
  // An image stands on a line of its own; the cursor goes after it, so that the next file follows it.
  const image = markdown.startsWith("!");
  const before = image && start > 0 && area.value[start - 1] !== "\n" ? "\n" : "";
  const after = image && area.value[end] !== "\n" ? "\n" : "";
  area.setRangeText(before + markdown + after, start, end, "end");
  area.focus();
  area.dispatchEvent(new Event("input", { bubbles: true }));
}

function show(root, file, message, failed) {
  const status = statusOf(root);
  const line = document.createElement("div");
  line.className = failed ? "editor-upload__problem" : "editor-upload__line";
  line.textContent = `${file.name}: ${message}`;
  status.replaceChildren(line);
  return line;
}

function upload(root, settings, file) {
  if (file.size > settings.maxBytes) {
    show(root, file, `this file is ${(file.size / 1048576).toFixed(1)} MB; the wiki takes files of at most ${Math.floor(settings.maxBytes / 1048576)} MB.`, true);
    return;
  }
  const line = show(root, file, "uploading ", false);
  const progress = document.createElement("progress");
  progress.max = 100;
  progress.value = 0;
  line.append(progress);
  const request = new XMLHttpRequest();
  request.open("POST", `${settings.url}?name=${encodeURIComponent(file.name || "pasted-image")}`);
  request.setRequestHeader("RequestVerificationToken", token(settings));
  request.upload.onprogress = event => {
    if (event.lengthComputable) progress.value = Math.round(100 * event.loaded / event.total);
  };
  request.onload = () => {
    if (request.status !== 200) {
      const reason = request.getResponseHeader("Content-Type")?.startsWith("text/plain") && request.responseText
        ? request.responseText
        : `the wiki refused it (${request.status}).`;
      show(root, file, reason, true);
      return;
    }
    const stored = JSON.parse(request.responseText);
    const label = baseName(file.name || stored.name);
    insert(root, stored.image ? `![${label}](${stored.url})` : `[${label}](${stored.url})`);
    statusOf(root).replaceChildren();
  };
  request.onerror = () => show(root, file, "the upload failed (the connection was lost). Try again.", true);
  request.send(file);
}

export function attachFiles(root, settings) {
  const area = textarea(root);
  const input = root.querySelector("[data-attach-input]");
  root.querySelector("[data-attach-file]")?.addEventListener("click", () => input.click());
  input?.addEventListener("change", () => {
    for (const file of input.files) upload(root, settings, file);
    input.value = "";
  });
  area.addEventListener("paste", event => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    for (const file of files) upload(root, settings, file);
  });
  area.addEventListener("dragover", event => {
    if (event.dataTransfer?.types.includes("Files")) event.preventDefault();
  });
  area.addEventListener("drop", event => {
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    event.preventDefault();
    for (const file of files) upload(root, settings, file);
  });
}
