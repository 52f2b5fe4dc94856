// ```mermaid fences arrive as <pre><code class="language-mermaid">: the source, readable without script and in
// the static export. Here each is drawn as a diagram, in the page's colour scheme, by the Mermaid bundle the wiki
// serves (lib/mermaid), which is loaded only when a page has one. Fences come with the page, with enhanced
// navigation, with a member's live render and with the editor's preview: a MutationObserver sees them all.
// The diagram goes inside the <pre>, whose source <code> is hidden, so Blazor's own nodes stay where it put them.
let mermaid = null;
let drawn = 0;

async function draw() {
  const fences = [...document.querySelectorAll("pre > code.language-mermaid")].filter(code => !code.parentElement.dataset.diagram);
  if (fences.length === 0) return;
  fences.forEach(code => { code.parentElement.dataset.diagram = "pending"; });
  mermaid ??= import(new URL("lib/mermaid/mermaid.esm.min.mjs", document.baseURI).href).then(module => {
    const dark = matchMedia("(prefers-color-scheme: dark)").matches;
    // "strict": labels are sanitized and click handlers in the diagram's text are ignored.
    // suppressErrorRendering: a diagram it cannot read is said beside its source (fail), not drawn at the page's foot.
    module.default.initialize({ startOnLoad: false, securityLevel: "strict", suppressErrorRendering: true, theme: dark ? "dark" : "default" });
    return module.default;
  });
  let library;
  try {
    library = await mermaid;
  } catch (error) {
    fences.forEach(code => fail(code.parentElement, error));
    return;
  }
  for (const code of fences) {
    const pre = code.parentElement;
    const id = `wiki-diagram-${++drawn}`;
    try {
      const { svg } = await library.render(id, code.textContent);
      const figure = document.createElement("div");
      figure.className = "diagram__drawing";
      figure.innerHTML = svg;
      code.hidden = true;
      pre.append(figure);
      pre.classList.add("diagram");
      pre.dataset.diagram = "drawn";
    } catch (error) {
      // What Mermaid put in the page to measure the text, if it left it.
      document.getElementById(`d${id}`)?.remove();
      fail(pre, error);
    }
  }
}

// The source stays, with what went wrong under it.
function fail(pre, error) {
  const message = document.createElement("span");
  message.className = "diagram__error";
  message.textContent = `This diagram could not be drawn: ${error?.message ?? error}`;
  pre.append(message);
  pre.dataset.diagram = "failed";
}

new MutationObserver(() => { draw(); }).observe(document.documentElement, { childList: true, subtree: true });
draw();
