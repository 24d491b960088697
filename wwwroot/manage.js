// Management from the page: the API key (this tab's sessionStorage only), editing and deleting the link whose
// stats panel is open (PATCH and DELETE /api/urls/{code}), its preview page, and importing and exporting links.
// Values from the API reach the DOM through textContent only, as in app.js.
'use strict';

(() => {
  const KEY_STORAGE = 'shorturl.apiKey';
  const REPORT_ROWS = 20;
  const CLEARABLE = ['expiresAt', 'maxClicks', 'password'];
  const PLAIN_MESSAGES = {
    401: 'This needs an API key. Enter it under “API key, import and export”.',
    403: 'That API key is not one this service accepts. Check it and try again.',
    404: 'That link no longer exists. It may have been deleted.',
    413: 'That file is too large for the server to accept.',
    415: 'The server did not accept that file type. Use a .csv or .json file.',
    429: 'Too many links created in a short time. Wait a moment and try again.',
  };

  function byId(id) {
    return document.getElementById(id);
  }

  function apiKey() {
    return byId('api-key').value.trim();
  }

  function keyHeaders(headers) {
    const key = apiKey();
    return key ? { ...headers, 'X-Api-Key': key } : headers;
  }

  function show(id, message) {
    const box = byId(id);
    box.textContent = message;
    box.hidden = !message;
  }

  async function problemMessage(response) {
    let problem = null;
    if ((response.headers.get('Content-Type') || '').includes('json')) {
      try {
        problem = await response.json();
      } catch {
        problem = null;
      }
    }
    const errors = problem?.errors && typeof problem.errors === 'object'
      ? Object.values(problem.errors).flat().filter((text) => typeof text === 'string')
      : [];
    const detail = errors.join(' ') || (typeof problem?.detail === 'string' ? problem.detail : '');
    return PLAIN_MESSAGES[response.status]
      || detail
      || `Something went wrong (HTTP ${response.status}). Try again.`;
  }

  function refreshRecent() {
    byId('refresh-button').click();
  }

  // ---- the key ----------------------------------------------------------------

  function initKey() {
    const input = byId('api-key');
    input.value = sessionStorage.getItem(KEY_STORAGE) ?? '';
    input.addEventListener('input', () => {
      if (apiKey()) sessionStorage.setItem(KEY_STORAGE, apiKey());
      else sessionStorage.removeItem(KEY_STORAGE);
    });
    byId('api-key-forget').addEventListener('click', () => {
      sessionStorage.removeItem(KEY_STORAGE);
      input.value = '';
      input.focus();
    });
  }

  // ---- one link: preview, edit, delete -------------------------------------------

  function currentCode() {
    return byId('stats-panel').dataset.code ?? '';
  }

  function linkPath() {
    return `/api/urls/${encodeURIComponent(currentCode())}`;
  }

  function opened(code) {
    byId('stats-preview').href = `/${encodeURIComponent(code)}+`;
    byId('manage-form').reset();
    byId('manage-confirm-text').textContent = `Delete /${code} for good?`;
    setConfirming(false);
    show('manage-error', '');
    show('manage-done', '');
  }

  function editBody() {
    const body = {};
    const url = byId('manage-url').value.trim();
    if (url) body.url = url;
    for (const field of CLEARABLE) {
      // A ticked "none" box clears the field (null); an empty input leaves it as it is (absent).
      const value = byId(`manage-${field}`).value;
      if (byId(`manage-clear-${field}`).checked) body[field] = null;
      else if (value) body[field] = field === 'maxClicks' ? Number(value) : value;
    }
    return body;
  }

  async function save(event) {
    event.preventDefault();
    show('manage-error', '');
    show('manage-done', '');
    const body = editBody();
    if (Object.keys(body).length === 0) {
      show('manage-error', 'Nothing to change: fill in a field or tick a box first.');
      return;
    }
    const code = currentCode();
    await send('manage-save', async () => {
      const response = await fetch(linkPath(), {
        method: 'PATCH',
        headers: keyHeaders({ 'Content-Type': 'application/json', Accept: 'application/json' }),
        body: JSON.stringify(body),
      });
      if (!response.ok) return show('manage-error', await problemMessage(response));
      byId('manage-form').reset();
      show('manage-done', `Saved. /${code} follows the change from its next visit.`);
      refreshRecent();
    });
  }

  function setConfirming(confirming) {
    byId('manage-confirm').hidden = !confirming;
    byId('manage-delete').hidden = confirming;
  }

  async function remove() {
    show('manage-error', '');
    const code = currentCode();
    await send('manage-delete-confirm', async () => {
      const response = await fetch(linkPath(), { method: 'DELETE', headers: keyHeaders({ Accept: 'application/json' }) });
      if (!response.ok) return show('manage-error', await problemMessage(response));
      setConfirming(false);
      byId('manage-form').reset();
      show('manage-done', `/${code} is deleted.`);
      refreshRecent();
    });
  }

  async function send(buttonId, action) {
    const button = byId(buttonId);
    button.disabled = true;
    try {
      await action();
    } catch {
      show('manage-error', 'Could not reach the server. Check your connection and try again.');
    } finally {
      button.disabled = false;
    }
  }

  // ---- import ---------------------------------------------------------------------

  async function importFile(event) {
    event.preventDefault();
    show('import-error', '');
    byId('import-report').hidden = true;
    const file = byId('import-file').files[0];
    if (!file) {
      show('import-error', 'Choose a CSV or JSON file first.');
      return;
    }
    const form = new FormData();
    form.append('file', file);
    const button = byId('import-submit');
    button.disabled = true;
    try {
      const response = await fetch('/api/urls/import', { method: 'POST', headers: keyHeaders({ Accept: 'application/json' }), body: form });
      if (!response.ok) {
        show('import-error', await problemMessage(response));
        return;
      }
      renderReport(await response.json());
      refreshRecent();
    } catch {
      show('import-error', 'Could not reach the server, or it sent an unexpected answer. Try again.');
    } finally {
      button.disabled = false;
    }
  }

  function renderReport(report) {
    const rows = Array.isArray(report.rows) ? report.rows : [];
    byId('import-summary').textContent = `${Number(report.created) || 0} created, ${Number(report.skipped) || 0} skipped, `
      + `${Number(report.rejected) || 0} rejected.${rows.length > REPORT_ROWS ? ` The first ${REPORT_ROWS} rows:` : ''}`;
    byId('import-rows').replaceChildren(...rows.slice(0, REPORT_ROWS).map((row) => {
      const item = document.createElement('li');
      item.className = `import-${String(row.status)}`;
      const what = row.status === 'created' ? `created /${row.code}` : `${row.status}${row.reason ? `: ${row.reason}` : ''}`;
      item.textContent = `Row ${row.row}: ${what}`;
      return item;
    }));
    byId('import-report').hidden = false;
  }

  function init() {
    initKey();
    // stats.js sets the panel's data-code when a "Stats" button opens it.
    new MutationObserver(() => { if (currentCode()) opened(currentCode()); })
      .observe(byId('stats-panel'), { attributes: true, attributeFilter: ['data-code'] });
    byId('manage-form').addEventListener('submit', save);
    byId('manage-delete').addEventListener('click', () => { setConfirming(true); byId('manage-delete-cancel').focus(); });
    byId('manage-delete-cancel').addEventListener('click', () => { setConfirming(false); byId('manage-delete').focus(); });
    byId('manage-delete-confirm').addEventListener('click', remove);
    byId('import-form').addEventListener('submit', importFile);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
