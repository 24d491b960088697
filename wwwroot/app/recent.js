// The list of links: the newest links, each with copy, stats and open actions. Which links depends on who is asking:
// every link for a visitor where the service lists them, the key's own links (every link for an admin key), or the
// links this browser made where visitors may shorten but not list.
import { recentLinks } from './api.js';
import { cell, clicks, rowButton, shortLinkAnchor, targetText, time } from './cells.js';
import { copyWithFeedback } from './copy.js';
import { byId, element, safeHref, setLink, showMessage } from './dom.js';
import { shortUrlOf } from './format.js';
import { withLabels } from './labels.js';
import { forgetYourLinks, yourLinks } from './yours.js';

const RECENT_LIMIT = 20;

/**
 * @param {{ onStats: (code: string, button: HTMLButtonElement) => void, access: () => import('./access.js').Access,
 *   apiKey: () => string }} options `onStats` is called when a row's Stats is pressed
 * @returns {{ refresh: (highlightCode?: string) => Promise<void> }}
 */
export function startRecentLinks({ onStats, access, apiKey }) {
  const table = byId('recent-table');
  const body = byId('recent-body');
  const status = byId('recent-status');
  const forget = byId('forget-yours');
  let latestRequest = 0;

  body.addEventListener('click', (event) => {
    const copy = event.target.closest('button[data-copy]');
    if (copy) copyWithFeedback(copy, copy.dataset.copy);
    const stats = event.target.closest('button[data-stats]');
    if (stats) onStats(stats.dataset.stats, stats);
  });
  byId('refresh-button').addEventListener('click', () => refresh());
  forget.addEventListener('click', () => {
    forgetYourLinks();
    refresh();
    // The button goes with the list: the focus goes back to the form.
    byId('url').focus();
  });

  /** Loads the list again; the row of `highlightCode`, when given, is marked as new. */
  async function refresh(highlightCode) {
    const request = ++latestRequest;
    const view = viewOf(access(), apiKey());
    byId('recent-heading').textContent = view.title;
    showMessage(byId('recent-note'), view.note ?? '');
    // With nothing to list (no key where only keys list), the table and its Refresh go too.
    table.parentElement.hidden = !view.load && !view.local;
    byId('refresh-button').hidden = !view.load;
    // Visitors who may not read stats see no clicks and no Stats button.
    for (const part of table.querySelectorAll('.col-clicks, th.num')) part.hidden = !view.withStats;
    if (!view.load) {
      render(view.local ? yourLinks() : [], highlightCode, view);
      showMessage(status, '');
      table.removeAttribute('aria-busy');
      return;
    }

    table.setAttribute('aria-busy', 'true');
    try {
      const answer = await view.load();
      if (request !== latestRequest) return; // a newer refresh already answered
      if (!answer.ok || !Array.isArray(answer.value)) throw new Error('Unexpected answer');
      render(answer.value, highlightCode, view);
      showMessage(status, '');
    } catch {
      if (request !== latestRequest) return;
      showMessage(status, 'Could not load the links. Use Refresh to try again.');
    } finally {
      if (request === latestRequest) table.removeAttribute('aria-busy');
    }
  }

  function render(links, highlightCode, view) {
    const rows = links
      .filter((link) => link && typeof link === 'object')
      .map((link) => row(link, highlightCode !== undefined && link.code === highlightCode, view.withStats));
    body.replaceChildren(...rows);
    byId('recent-empty').hidden = rows.length > 0 || !view.empty;
    forget.hidden = !view.local || rows.length === 0;
    byId('recent-empty').textContent = view.empty ?? '';
  }

  return { refresh };
}

/** What the list shows for this visitor: its title, where its links come from, and whether they come with stats. */
function viewOf({ anonymous, caller }, key) {
  if (caller) {
    return {
      title: caller.role === 'admin' ? 'Recent links' : 'Your links',
      load: () => recentLinks(RECENT_LIMIT, key),
      withStats: true,
      empty: caller.role === 'admin' ? 'No links yet — shorten one above.' : 'This key has made no links yet — shorten one above.',
    };
  }

  switch (anonymous) {
    case 'Create':
      return {
        title: 'Your links',
        note: 'The links this browser made, kept on this device only.',
        local: true,
        withStats: false,
        empty: 'None yet: the links you shorten on this page are remembered here.',
      };
    case 'None':
      return { title: 'Links', note: 'Links are listed for API-key holders: enter a key under Manage.', withStats: false };
    default:
      return { title: 'Recent links', load: () => recentLinks(RECENT_LIMIT), withStats: true, empty: 'No links yet — shorten one above.' };
  }
}

function row(link, isNew, withStats) {
  const code = String(link.code ?? '');
  const shortUrl = shortUrlOf(link);
  const target = targetText(link);

  const tr = element('tr');
  tr.dataset.code = code;
  if (isNew) tr.classList.add('is-new');

  const shortAnchor = shortLinkAnchor(link, `recent-short-${code}`);

  const targetSpan = element('span', 'truncate', target);
  targetSpan.title = target;

  const actions = element('div', 'row-actions');
  const copyButton = rowButton('button button-small', 'Copy', shortAnchor.id);
  copyButton.dataset.copy = shortUrl;
  actions.append(copyButton);
  if (withStats) {
    const statsButton = rowButton('button button-small button-ghost', 'Stats', shortAnchor.id);
    statsButton.dataset.stats = code;
    actions.append(statsButton);
  }
  if (safeHref(shortUrl)) {
    const openLink = element('a', 'button button-small button-ghost');
    setLink(openLink, shortUrl, 'Open', true);
    openLink.setAttribute('aria-describedby', shortAnchor.id);
    openLink.title = 'Opens in a new tab';
    actions.append(openLink);
  }

  tr.append(cell('cell-short', shortAnchor), cell('cell-target', withLabels(link, targetSpan)), cell('cell-created', time(link.createdAt)));
  if (withStats) tr.append(cell('num cell-clicks', clicks(link.clicks)));
  tr.append(cell('cell-actions', actions));
  return tr;
}
