// The stats panel: a link's clicks over time, its top referrers, browsers, systems and bots, its QR code and
// preview page. Opened by the Stats button of a recent link.
import { linkStats, problemMessage } from './api.js';
import { clicksChart } from './chart.js';
import { byId, element, showMessage } from './dom.js';
import { formatCount } from './format.js';
import { KEY_MESSAGES } from './key.js';

const QR_SIZE = 192;
const QR_DOWNLOAD_SIZE = 512;

/**
 * @param {{ apiKey: () => string, onOpen: (code: string) => void }} options `onOpen` is called each time the panel opens
 *   on a link
 * @returns {{ open: (code: string, opener?: HTMLElement) => Promise<void> }}
 */
export function startStatsPanel({ apiKey, onOpen }) {
  const panel = byId('stats-panel');
  const status = byId('stats-status');
  let latestRequest = 0;
  let opener = null;

  byId('stats-close').addEventListener('click', close);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });

  /** Shows the panel for `code`; closing it gives the focus back to `openedBy`. */
  async function open(code, openedBy) {
    const request = ++latestRequest;
    opener = openedBy;
    panel.hidden = false;
    byId('stats-heading').textContent = `Stats of /${code}`;
    showQrCodeAndPreview(code);
    onOpen(code);
    showMessage(status, 'Loading…');
    panel.setAttribute('aria-busy', 'true');
    panel.focus();
    panel.scrollIntoView({ block: 'nearest' });
    try {
      const answer = await linkStats(code, apiKey());
      if (request !== latestRequest) return;
      if (!answer.ok && [401, 403].includes(answer.problem.status)) {
        // The stats of a password-protected link, or of any link where visitors may not list, are for keys.
        showStats(false, problemMessage(answer.problem, KEY_MESSAGES));
        return;
      }
      if (!answer.ok || !answer.value || typeof answer.value !== 'object') throw new Error('Unexpected answer');
      render(answer.value);
      showStats(true, '');
    } catch {
      if (request === latestRequest) showStats(false, 'Could not load the stats. Close the panel and try again.');
    } finally {
      if (request === latestRequest) panel.removeAttribute('aria-busy');
    }
  }

  /** Shows the numbers, or instead of them (which may still be another link's) why there are none. */
  function showStats(shown, message) {
    panel.querySelector('.stats-main').hidden = !shown;
    showMessage(status, message);
  }

  function close() {
    latestRequest++;
    panel.hidden = true;
    opener?.focus();
  }

  return { open };
}

function showQrCodeAndPreview(code) {
  const path = `/${encodeURIComponent(code)}`;
  // Made only when the panel opens: the page itself carries no images until one is asked for.
  const image = element('img', 'stats-qr-image');
  image.id = 'stats-qr';
  image.width = QR_SIZE;
  image.height = QR_SIZE;
  image.alt = `QR code of /${code}`;
  image.src = `${path}/qr?size=${QR_SIZE}`;
  byId('stats-qr-box').replaceChildren(image);
  download(byId('stats-qr-download'), `${path}/qr?size=${QR_DOWNLOAD_SIZE}`, `${code}-qr.svg`);
  download(byId('stats-qr-download-png'), `${path}/qr?format=png&size=${QR_DOWNLOAD_SIZE}`, `${code}-qr.png`);
  byId('stats-preview').href = `${path}+`;
}

function download(anchor, href, fileName) {
  anchor.href = href;
  anchor.setAttribute('download', fileName);
}

function render(stats) {
  const range = stats.range ?? {};
  byId('stats-clicks').textContent = formatCount(range.clicks);
  byId('stats-bots').textContent = formatCount(range.botClicks);
  const days = Array.isArray(stats.days) ? stats.days : [];
  byId('stats-chart').replaceChildren(clicksChart(days));
  byId('stats-chart-caption').textContent = days.length
    ? `Clicks per day, ${days[0].date} to ${days[days.length - 1].date} (UTC)`
    : 'Clicks per day';
  list('stats-referrers', stats.referrers);
  list('stats-browsers', stats.browsers);
  list('stats-countries', stats.countries);
  list('stats-systems', stats.operatingSystems);
  list('stats-bot-list', stats.bots);
}

function list(id, entries) {
  const items = (Array.isArray(entries) ? entries : []).map((entry) => {
    const item = element('li');
    const name = String(entry.name ?? '');
    item.append(element('span', 'stats-name truncate', name), element('span', 'stats-count', formatCount(entry.clicks)));
    return item;
  });
  if (items.length === 0) items.push(element('li', 'stats-none', 'None yet'));
  byId(id).replaceChildren(...items);
}
