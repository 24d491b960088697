// Importing links from a CSV or JSON file, and the report of what became of each row.
import { importLinks, problemMessage } from './api.js';
import { byId, element, showMessage, whileDisabled } from './dom.js';
import { KEY_MESSAGES } from './key.js';

const REPORT_ROWS = 20;
const IMPORT_MESSAGES = {
  ...KEY_MESSAGES,
  413: 'That file is too large for the server to accept.',
  415: 'The server did not accept that file type. Use a .csv or .json file.',
  429: 'Too many links created in a short time. Wait a moment and try again.',
};

/** @param {{ apiKey: () => string, onImported: () => void }} options `onImported` is called after a file was imported */
export function startImportForm({ apiKey, onImported }) {
  const error = byId('import-error');
  const report = byId('import-report');

  byId('import-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    showMessage(error, '');
    report.hidden = true;
    const file = byId('import-file').files[0];
    if (!file) {
      showMessage(error, 'Choose a CSV or JSON file first.');
      return;
    }
    try {
      const answer = await whileDisabled(byId('import-submit'), () => importLinks(file, apiKey()));
      if (!answer.ok) {
        showMessage(error, problemMessage(answer.problem, IMPORT_MESSAGES));
        return;
      }
      if (!answer.value || typeof answer.value !== 'object') throw new Error('Unexpected answer');
      renderReport(answer.value);
      report.hidden = false;
      onImported();
    } catch {
      showMessage(error, 'Could not reach the server, or it sent an unexpected answer. Try again.');
    }
  });
}

function renderReport({ created, skipped, rejected, rows }) {
  const shown = Array.isArray(rows) ? rows.slice(0, REPORT_ROWS) : [];
  const more = Array.isArray(rows) && rows.length > REPORT_ROWS ? ` The first ${REPORT_ROWS} rows:` : '';
  byId('import-summary').textContent =
    `${Number(created) || 0} created, ${Number(skipped) || 0} skipped, ${Number(rejected) || 0} rejected.${more}`;
  byId('import-rows').replaceChildren(...shown.map((row) => {
    const what = row.status === 'created' ? `created /${row.code}` : `${row.status}${row.reason ? `: ${row.reason}` : ''}`;
    return element('li', `import-${String(row.status)}`, `Row ${row.row}: ${what}`);
  }));
}
