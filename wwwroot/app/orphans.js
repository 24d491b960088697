// The Manage section's "Orphan visits" panel for admin keys: requests that found no link, counted per kind, and the
// newest of them.
import { UNREACHABLE, orphanSummary, orphanVisits, problemMessage } from './api.js';
import { byId, showMessage } from './dom.js';
import { formatCount } from './format.js';
import { KEY_MESSAGES } from './key.js';
import { row } from './visits.js';

const PAGE_SIZE = 20;

/**
 * @param {{ apiKey: () => string, isAdmin: () => boolean }} options
 * @returns {{ refresh: () => Promise<void> }} `refresh` shows the panel for an admin key (and hides it otherwise)
 */
export function startOrphanVisits({ apiKey, isAdmin }) {
  const panel = byId('orphans');
  const summary = byId('orphans-summary');
  const body = byId('orphans-body');
  let latestRequest = 0;
  byId('orphans-refresh').addEventListener('click', refresh);

  async function refresh() {
    const request = ++latestRequest;
    panel.hidden = !isAdmin();
    if (panel.hidden) return;
    try {
      const [counts, page] = await Promise.all([orphanSummary(apiKey()), orphanVisits(1, PAGE_SIZE, apiKey())]);
      if (request !== latestRequest) return;
      const failed = [counts, page].find((answer) => !answer.ok);
      if (failed) {
        showMessage(summary, problemMessage(failed.problem, KEY_MESSAGES));
        body.replaceChildren();
        return;
      }
      const c = counts.value ?? {};
      showMessage(summary, `${formatCount(c.total)} in all: ${formatCount(c.invalidShortUrl)} invalid short URL, `
        + `${formatCount(c.regular404)} regular 404, ${formatCount(c.baseUrl)} base URL.`);
      const items = Array.isArray(page.value?.items) ? page.value.items : [];
      body.replaceChildren(...items.map((visit) => row(visit, [['Kind', String(visit.kind ?? '')], ['Path', String(visit.path ?? '')]])));
    } catch {
      if (request === latestRequest) showMessage(summary, UNREACHABLE);
    }
  }

  return { refresh };
}
