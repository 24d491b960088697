// Downloading every link the key may export (all for an admin key, its own for an author's) as CSV or JSON. A plain
// link cannot send the key, so the file is fetched with it and handed to the browser's download from memory.
import { exportLinks, problemMessage } from './api.js';
import { byId, element, showMessage, whileDisabled } from './dom.js';
import { KEY_MESSAGES } from './key.js';

/** @param {{ apiKey: () => string }} options */
export function startExportLinks({ apiKey }) {
  const error = byId('export-error');
  for (const format of ['csv', 'json']) {
    const button = byId(`export-${format}`);
    button.addEventListener('click', async () => {
      showMessage(error, '');
      try {
        const answer = await whileDisabled(button, () => exportLinks(format, apiKey()));
        if (!answer.ok) {
          showMessage(error, problemMessage(answer.problem, KEY_MESSAGES));
          return;
        }
        save(answer.value.blob, answer.value.fileName || `shorturl-links.${format}`);
      } catch {
        showMessage(error, 'Could not reach the server, or it sent an unexpected answer. Try again.');
      }
    });
  }
}

function save(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const anchor = element('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has its own copy once it started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
