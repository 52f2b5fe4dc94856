// Copies text for the Copy buttons beside links shown once (invitations, password resets). The clipboard API needs a
// secure context (https or localhost); elsewhere the text is copied from a hidden field the old way.
export async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            // Refused (no permission): try the old way.
        }
    }
    const field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    let copied = false;
    try {
        copied = document.execCommand("copy");
    } catch {
        copied = false;
    }
    field.remove();
    return copied;
}
