// A small rich-text editor: a contenteditable area kept in sync with its <textarea>,
// so the form (and htmx autosave) posts the HTML. The server sanitises it (nh3).
// Without JavaScript the textarea itself is used.
(function () {
  function enhance(textarea) {
    const editor = document.createElement("div");
    editor.className = "editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    const label = document.querySelector('label[for="' + textarea.id + '"]');
    if (label) { label.id = label.id || textarea.id + "-label"; editor.setAttribute("aria-labelledby", label.id); }
    editor.innerHTML = textarea.value;
    textarea.hidden = true;
    textarea.after(editor);
    const sync = () => {
      textarea.value = editor.innerHTML;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    };
    editor.addEventListener("input", sync);
    const toolbar = textarea.previousElementSibling;
    if (toolbar && toolbar.classList.contains("editor-toolbar")) {
      toolbar.hidden = false;
      toolbar.addEventListener("click", (event) => {
        const button = event.target.closest("[data-command]");
        if (!button) return;
        editor.focus();
        document.execCommand(button.dataset.command);
        sync();
      });
    }
  }
  function init(root) { root.querySelectorAll("textarea[data-rich]:not([hidden])").forEach(enhance); }
  document.addEventListener("DOMContentLoaded", () => init(document));
})();
