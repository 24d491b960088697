// The stats panel: a link's clicks over time (an SVG drawn here, no external service), its top referrers,
// browsers, systems and bots, and its QR code. Opened by the "Stats" button of a recent link (data-stats).
// Values from the API reach the DOM through textContent and setAttribute only, as in app.js.
'use strict';

(() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const CHART_WIDTH = 600;
  const CHART_HEIGHT = 160;
  const AXIS_ROOM = 18;
  const numbers = new Intl.NumberFormat();
  const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  let request = 0;
  let opener = null;

  function byId(id) {
    return document.getElementById(id);
  }

  async function open(code, button) {
    const panel = byId('stats-panel');
    const current = ++request;
    opener = button;
    panel.hidden = false;
    panel.dataset.code = code;
    byId('stats-heading').textContent = `Stats of /${code}`;
    showQr(code);
    setStatus('Loading…');
    panel.setAttribute('aria-busy', 'true');
    panel.focus();
    panel.scrollIntoView({ block: 'nearest' });
    try {
      const response = await fetch(`/api/urls/${encodeURIComponent(code)}/stats`, { headers: { Accept: 'application/json' } });
      if (current !== request) return;
      if (!response.ok) throw new Error(String(response.status));
      render(await response.json());
      setStatus('');
    } catch {
      if (current === request) setStatus('Could not load the stats. Close the panel and try again.');
    } finally {
      if (current === request) panel.removeAttribute('aria-busy');
    }
  }

  function close() {
    request++;
    byId('stats-panel').hidden = true;
    opener?.focus();
  }

  function setStatus(message) {
    const status = byId('stats-status');
    status.textContent = message;
    status.hidden = !message;
  }

  function showQr(code) {
    const path = `/${encodeURIComponent(code)}/qr`;
    // Made only when the panel opens: the page itself carries no images until one is asked for.
    const image = document.createElement('img');
    image.id = 'stats-qr';
    image.className = 'stats-qr-image';
    image.width = 192;
    image.height = 192;
    image.alt = `QR code of /${code}`;
    image.src = `${path}?size=192`;
    byId('stats-qr-box').replaceChildren(image);
    const svg = byId('stats-qr-download');
    svg.href = `${path}?size=512`;
    svg.setAttribute('download', `${code}-qr.svg`);
    const png = byId('stats-qr-download-png');
    png.href = `${path}?format=png&size=512`;
    png.setAttribute('download', `${code}-qr.png`);
  }

  function render(stats) {
    const range = stats.range ?? {};
    byId('stats-clicks').textContent = numbers.format(Number(range.clicks) || 0);
    byId('stats-bots').textContent = numbers.format(Number(range.botClicks) || 0);
    const days = Array.isArray(stats.days) ? stats.days : [];
    byId('stats-chart').replaceChildren(chart(days));
    byId('stats-chart-caption').textContent = days.length
      ? `Clicks per day, ${days[0].date} to ${days[days.length - 1].date} (UTC)`
      : 'Clicks per day';
    list('stats-referrers', stats.referrers);
    list('stats-browsers', stats.browsers);
    list('stats-systems', stats.operatingSystems);
    list('stats-bot-list', stats.bots);
  }

  function list(id, entries) {
    const items = (Array.isArray(entries) ? entries : []).map((entry) => {
      const item = document.createElement('li');
      const name = document.createElement('span');
      name.className = 'stats-name';
      name.textContent = String(entry.name ?? '');
      const count = document.createElement('span');
      count.className = 'stats-count';
      count.textContent = numbers.format(Number(entry.clicks) || 0);
      item.append(name, count);
      return item;
    });
    if (items.length === 0) {
      const none = document.createElement('li');
      none.className = 'stats-none';
      none.textContent = 'None yet';
      items.push(none);
    }
    byId(id).replaceChildren(...items);
  }

  function svgElement(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
    return node;
  }

  // One bar per day: people in the accent colour, bots stacked on top in a muted one; each bar's title is its tooltip.
  function chart(days) {
    const svg = svgElement('svg', {
      viewBox: `0 0 ${CHART_WIDTH} ${CHART_HEIGHT + AXIS_ROOM}`,
      class: 'stats-svg',
      role: 'img',
      'aria-label': `Clicks per day over ${days.length} days`,
    });
    const most = Math.max(1, ...days.map((d) => (Number(d.clicks) || 0) + (Number(d.botClicks) || 0)));
    const slot = CHART_WIDTH / Math.max(1, days.length);
    const width = Math.max(1, slot * 0.7);
    svg.append(svgElement('line', { x1: 0, y1: CHART_HEIGHT, x2: CHART_WIDTH, y2: CHART_HEIGHT, class: 'stats-axis' }));
    days.forEach((day, index) => {
      const people = Number(day.clicks) || 0;
      const bots = Number(day.botClicks) || 0;
      const x = index * slot + (slot - width) / 2;
      const group = svgElement('g', { class: 'stats-day', 'data-date': day.date });
      const title = svgElement('title', {});
      title.textContent = `${day.date}: ${people} ${people === 1 ? 'click' : 'clicks'}${bots ? `, ${bots} by bots` : ''}`;
      group.append(title);
      const peopleHeight = (people / most) * CHART_HEIGHT;
      const botHeight = (bots / most) * CHART_HEIGHT;
      group.append(svgElement('rect', { x, y: CHART_HEIGHT - peopleHeight, width, height: peopleHeight, class: 'stats-bar' }));
      if (bots) {
        group.append(svgElement('rect', {
          x, y: CHART_HEIGHT - peopleHeight - botHeight, width, height: botHeight, class: 'stats-bar-bots',
        }));
      }
      // A transparent full-height target so that even an empty day shows its tooltip.
      group.append(svgElement('rect', { x: index * slot, y: 0, width: slot, height: CHART_HEIGHT, class: 'stats-hit' }));
      svg.append(group);
    });
    for (const index of [0, days.length - 1]) {
      if (!days[index]) continue;
      const label = svgElement('text', {
        x: index === 0 ? 0 : CHART_WIDTH,
        y: CHART_HEIGHT + AXIS_ROOM - 4,
        'text-anchor': index === 0 ? 'start' : 'end',
        class: 'stats-label',
      });
      label.textContent = dayFormat.format(new Date(`${days[index].date}T00:00:00Z`));
      svg.append(label);
    }
    return svg;
  }

  function init() {
    document.addEventListener('click', (event) => {
      const button = event.target.closest?.('button[data-stats]');
      if (button) open(button.dataset.stats, button);
    });
    byId('stats-close').addEventListener('click', close);
    byId('stats-panel').addEventListener('keydown', (event) => {
      if (event.key === 'Escape') close();
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
