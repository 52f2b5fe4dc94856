// Lets a member select a passage of the entry and open a discussion about it. The quote is sent with a
// little of the text before and after it, so the thread can tell later whether the passage is still there.
const contextLength = 100;
let button = null;
// The listeners on the document, kept to be removed when the entry page is left: left behind, they would run on
// every later page's mouse-up and find no button.
let listening = null;

function selectionInEntry() {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
        return null;
    }
    const range = selection.getRangeAt(0);
    const node = range.commonAncestorContainer.nodeType === Node.ELEMENT_NODE ? range.commonAncestorContainer : range.commonAncestorContainer.parentElement;
    const container = node && node.closest("[data-discussable]");
    if (!container || node.closest(".discussion")) {
        return null;
    }
    const quote = selection.toString().trim();
    if (quote.length === 0) {
        return null;
    }
    // The context comes from the paragraph (or item, heading, cell) around each end, so that text from
    // neighbouring blocks is not run together.
    const blockOf = (n) => (n.nodeType === Node.ELEMENT_NODE ? n : n.parentElement).closest("p, li, h1, h2, h3, h4, h5, h6, td, th, pre, blockquote") ?? container;
    const startBlock = container.contains(blockOf(range.startContainer)) ? blockOf(range.startContainer) : container;
    const endBlock = container.contains(blockOf(range.endContainer)) ? blockOf(range.endContainer) : container;
    const before = document.createRange();
    before.setStart(startBlock, 0);
    before.setEnd(range.startContainer, range.startOffset);
    const after = document.createRange();
    after.setStart(range.endContainer, range.endOffset);
    after.setEnd(endBlock, endBlock.childNodes.length);
    return { quote: quote.slice(0, 1000), prefix: before.toString().slice(-contextLength), suffix: after.toString().slice(0, contextLength), rect: range.getBoundingClientRect() };
}

export function attach(dotnet) {
    detach();
    button = document.createElement("button");
    button.type = "button";
    button.className = "quote-button";
    button.textContent = "Comment on this passage";
    button.hidden = true;
    document.body.appendChild(button);
    let current = null;
    const update = () => {
        current = selectionInEntry();
        if (!current) {
            button.hidden = true;
            return;
        }
        button.style.top = `${window.scrollY + current.rect.bottom + 6}px`;
        button.style.left = `${window.scrollX + Math.max(8, Math.min(current.rect.left, window.innerWidth - 220))}px`;
        button.hidden = false;
    };
    listening = {
        mouseup: () => setTimeout(() => { if (button) { update(); } }, 0),
        keyup: (e) => { if (e.shiftKey || e.key === "Shift") { update(); } },
    };
    document.addEventListener("mouseup", listening.mouseup);
    document.addEventListener("keyup", listening.keyup);
    button.addEventListener("mousedown", (e) => e.preventDefault());
    button.addEventListener("click", async () => {
        if (!current) {
            return;
        }
        button.hidden = true;
        await dotnet.invokeMethodAsync("Quote", current.quote, current.prefix, current.suffix);
        const form = document.getElementById("new-discussion");
        if (form) {
            form.scrollIntoView({ block: "center" });
            form.querySelector("textarea")?.focus();
        }
    });
}

export function detach() {
    if (listening) {
        document.removeEventListener("mouseup", listening.mouseup);
        document.removeEventListener("keyup", listening.keyup);
        listening = null;
    }
    button?.remove();
    button = null;
}
