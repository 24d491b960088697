// The recent links table: the newest links, each with copy, stats and open actions.
import { recentLinks } from './api.js';
import { copyWithFeedback } from './copy.js';
import { byId, element, safeHref, setLink, showMessage } from './dom.js';
import { clicksWord, formatCount, formatTime, shortUrlOf } from './format.js';

const RECENT_LIMIT = 20;

/**
 * @param {{ onStats: (code: string, button: HTMLButtonElement) => void }} options called when a row's Stats is pressed
 * @returns {{ refresh: (highlightCode?: string) => Promise<void> }}
 */
export function startRecentLinks({ onStats }) {
  const table = byId('recent-table');
  const body = byId('recent-body');
  const status = byId('recent-status');
  let latestRequest = 0;

  body.addEventListener('click', (event) => {
    const copy = event.target.closest('button[data-copy]');
    if (copy) copyWithFeedback(copy, copy.dataset.copy);
    const stats = event.target.closest('button[data-stats]');
    if (stats) onStats(stats.dataset.stats, stats);
  });
  byId('refresh-button').addEventListener('click', () => refresh());

  /** Loads the list again; the row of `highlightCode`, when given, is marked as new. */
  async function refresh(highlightCode) {
    const request = ++latestRequest;
    table.setAttribute('aria-busy', 'true');
    try {
      const answer = await recentLinks(RECENT_LIMIT);
      if (request !== latestRequest) return; // a newer refresh already answered
      if (!answer.ok || !Array.isArray(answer.value)) throw new Error('Unexpected answer');
      render(answer.value, highlightCode);
      showMessage(status, '');
    } catch {
      if (request !== latestRequest) return;
      showMessage(status, 'Could not load recent links. Use Refresh to try again.');
    } finally {
      if (request === latestRequest) table.removeAttribute('aria-busy');
    }
  }

  function render(links, highlightCode) {
    const rows = links
      .filter((link) => link && typeof link === 'object')
      .map((link) => row(link, highlightCode !== undefined && link.code === highlightCode));
    body.replaceChildren(...rows);
    byId('recent-empty').hidden = rows.length > 0;
  }

  return { refresh };
}

function row(link, isNew) {
  const code = String(link.code ?? '');
  const shortUrl = shortUrlOf(link);
  // A password-protected link's target is not shown to everyone: the API sends null for it.
  const target = link.url == null && link.hasPassword ? 'Password-protected' : String(link.url ?? '');

  const tr = element('tr');
  tr.dataset.code = code;
  if (isNew) tr.classList.add('is-new');

  const shortAnchor = element('a', 'short-url');
  // Without the scheme, as short links are usually written; the href and the tooltip keep all of it.
  setLink(shortAnchor, shortUrl, shortUrl.replace(/^https?:\/\//i, '') || code, true);
  // Row buttons keep the visible name ("Copy", "Copied!") and take the link as description.
  shortAnchor.id = `recent-short-${code}`;
  shortAnchor.title = shortUrl;

  const targetText = element('span', 'truncate', target);
  targetText.title = target;

  const actions = element('div', 'row-actions');
  const copyButton = rowButton('button button-small', 'Copy', shortAnchor.id);
  copyButton.dataset.copy = shortUrl;
  const statsButton = rowButton('button button-small button-ghost', 'Stats', shortAnchor.id);
  statsButton.dataset.stats = code;
  actions.append(copyButton, statsButton);
  if (safeHref(shortUrl)) {
    const openLink = element('a', 'button button-small button-ghost');
    setLink(openLink, shortUrl, 'Open', true);
    openLink.setAttribute('aria-describedby', shortAnchor.id);
    openLink.title = 'Opens in a new tab';
    actions.append(openLink);
  }

  tr.append(
    cell('cell-short', shortAnchor),
    cell('cell-target', targetText),
    cell('cell-created', time(link.createdAt)),
    cell('num cell-clicks', clicks(link.clicks)),
    cell('cell-actions', actions),
  );
  return tr;
}

function rowButton(className, label, describedBy) {
  const button = element('button', className, label);
  button.type = 'button';
  button.setAttribute('aria-describedby', describedBy);
  return button;
}

function cell(className, content) {
  const td = element('td', className);
  td.append(content);
  return td;
}

function clicks(count) {
  // The unit is for the phone layout, where the row is a card without column headers.
  const known = Number.isFinite(count);
  const both = document.createDocumentFragment();
  both.append(
    element('span', 'count', known ? formatCount(count) : '—'),
    element('span', 'count-unit', ` ${known ? clicksWord(count) : 'clicks'}`),
  );
  return both;
}

function time(value) {
  const node = element('time');
  const text = typeof value === 'string' ? value : '';
  const date = new Date(text);
  if (text && !Number.isNaN(date.getTime())) {
    node.dateTime = text;
    node.title = text;
    node.textContent = formatTime(date);
  } else {
    node.textContent = text || '—';
  }
  return node;
}
