// Jianbao's pages: small enhancements. Every page works without them (forms and links).
(() => {
  // Destructive buttons ask first.
  document.addEventListener('submit', (event) => {
    const form = event.target;
    const button = event.submitter;
    if (form.dataset.confirm && (!button || button.classList.contains('danger'))) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    }
    // The export dialog takes the search typed since the page loaded.
    if (form.matches('[data-carry-query]')) {
      const q = new URLSearchParams(location.search).get('q') ?? '';
      let input = form.querySelector('input[name="q"]');
      if (!input) {
        input = document.createElement('input');
        input.type = 'hidden';
        input.name = 'q';
        form.append(input);
      }
      input.value = q;
      if (!q) input.remove();
    }
  });

  document.addEventListener('change', (event) => {
    if (event.target.matches('select[data-autosubmit]')) event.target.form.requestSubmit();
  });

  document.addEventListener('click', (event) => {
    const opener = event.target.closest('[data-open-dialog]');
    if (opener) document.getElementById(opener.dataset.openDialog)?.showModal();
    const closer = event.target.closest('[data-close-dialog]');
    if (closer) {
      const dialog = closer.closest('dialog');
      // A submit button closes after the form has been sent.
      if (closer.type === 'submit') setTimeout(() => dialog.close(), 0);
      else dialog.close();
    }
    if (event.target.matches('input.copy')) event.target.select();
  });

  // Search as you type, safe for IME input: nothing is sent while a composition (Pinyin,
  // Zhuyin, Cangjie...) is open, and Enter that picks a candidate does not submit the form.
  for (const input of document.querySelectorAll('input[data-live-search]')) {
    const target = input.dataset.liveSearch;
    let composing = false;
    let timer;
    let controller;
    let last = input.value;

    const run = async () => {
      if (input.value === last) return;
      last = input.value;
      const url = new URL(input.form.action, location.href);
      for (const [key, value] of new FormData(input.form)) {
        if (typeof value === 'string' && value) url.searchParams.set(key, value);
      }
      history.replaceState(null, '', url);
      url.searchParams.set('partial', target);
      controller?.abort();
      controller = new AbortController();
      try {
        const response = await fetch(url, { signal: controller.signal });
        if (!response.ok) return;
        const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
        const next = doc.getElementById(target);
        const current = document.getElementById(target);
        if (next && current) current.replaceWith(document.importNode(next, true));
        document.body.dataset.searched = last;
      } catch (error) {
        if (error.name !== 'AbortError') throw error;
      }
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(run, 300);
    };
    input.addEventListener('compositionstart', () => {
      composing = true;
      clearTimeout(timer);
    });
    input.addEventListener('compositionend', () => {
      composing = false;
      schedule();
    });
    input.addEventListener('input', (event) => {
      if (composing || event.isComposing) return;
      schedule();
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (composing || event.isComposing || event.keyCode === 229)) {
        event.preventDefault();
      }
    });
  }
})();
