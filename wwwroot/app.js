// ShortUrl browser client.
// Every value that comes from the API reaches the DOM through textContent or
// setAttribute only: the page runs under a strict CSP and links are user data.
'use strict';

const CREATE_ENDPOINT = '/api/urls';
const RECENT_LIMIT = 20;
const FEEDBACK_MS = 2000;
const ALIAS_PATTERN = /^[A-Za-z0-9_-]{3,64}$/;
const FIELDS = ['url', 'alias', 'expiresAt', 'maxClicks', 'password'];
const OPTION_FIELDS = ['expiresAt', 'maxClicks', 'password'];

const FALLBACK_MESSAGES = {
  400: 'That link could not be shortened. Check it and try again.',
  409: 'That alias is already taken. Pick another one.',
  413: 'That request is too large for the server to accept.',
  415: 'The server did not accept the request format.',
  429: 'Too many links created in a short time.',
};

// The year only when it is not this one: "Nov 26, 4:39 PM" fits a phone's row; the full time is the tooltip.
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const thisYearFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const numberFormat = new Intl.NumberFormat();
const copyTimers = new WeakMap();

const els = {};
let busy = false;
let currentShortUrl = '';
let recentRequest = 0;

function init() {
  for (const id of ['shorten-form', 'url', 'alias', 'submit-button', 'url-error', 'alias-error',
    'form-error', 'result', 'short-link', 'copy-button', 'result-target', 'recent-table',
    'recent-body', 'recent-empty', 'recent-status', 'refresh-button', 'alias-prefix',
    'curl-example', 'live-status', 'expiresAt', 'expiresAt-error', 'maxClicks', 'maxClicks-error',
    'password', 'password-error', 'more-options']) {
    els[id.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = document.getElementById(id);
  }

  // With JS we validate ourselves so messages appear inline under each field;
  // without JS the browser's own validation still guards the plain form post.
  els.shortenForm.noValidate = true;
  els.shortenForm.addEventListener('submit', handleSubmit);
  els.url.addEventListener('input', () => { setFieldError('url', ''); setFormError(''); });
  els.alias.addEventListener('input', () => { setFieldError('alias', ''); setFormError(''); });
  for (const field of OPTION_FIELDS) els[field].addEventListener('input', () => { setFieldError(field, ''); setFormError(''); });
  els.copyButton.addEventListener('click', () => copyWithFeedback(els.copyButton, currentShortUrl));
  els.recentBody.addEventListener('click', handleRowClick);
  els.refreshButton.addEventListener('click', () => loadRecent());

  els.aliasPrefix.textContent = `${location.host}/`;
  els.curlExample.textContent = `curl -d url=https://example.com ${location.origin}/api/urls`;

  loadRecent();
}

// ---- shortening -------------------------------------------------------------

async function handleSubmit(event) {
  event.preventDefault();
  if (busy) return;
  clearErrors();

  const url = els.url.value.trim();
  const alias = els.alias.value.trim();
  if (!validateLocally(url, alias)) return;

  const body = alias ? { url, alias } : { url };
  // The options go as typed: the service reads a time without an offset as UTC, as the label says.
  if (els.expiresAt.value) body.expiresAt = els.expiresAt.value;
  if (els.maxClicks.value) body.maxClicks = Number(els.maxClicks.value);
  if (els.password.value) body.password = els.password.value;
  setBusy(true);
  try {
    const response = await fetch(CREATE_ENDPOINT, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.ok) {
      const link = await readJson(response);
      if (!link || typeof link !== 'object') {
        hideResult();
        setFormError('The link was created, but the server sent an unexpected answer. See Recent links below.');
      } else {
        showResult(link);
        els.shortenForm.reset();
      }
      loadRecent(link?.code);
    } else {
      hideResult();
      showProblem(await readProblem(response), response);
    }
  } catch {
    hideResult();
    setFormError('Could not reach the server. Check your connection and try again.');
  } finally {
    setBusy(false);
  }
}

function validateLocally(url, alias) {
  if (!url) {
    setFieldError('url', 'Enter a link to shorten, starting with http:// or https://.');
  }
  if (alias && !ALIAS_PATTERN.test(alias)) {
    setFieldError('alias', 'Use 3–64 characters: letters, digits, “-” or “_”.');
  }
  return !focusFirstInvalid();
}

function setBusy(value) {
  busy = value;
  els.submitButton.disabled = value;
  els.submitButton.textContent = value ? 'Shortening…' : 'Shorten';
  els.shortenForm.setAttribute('aria-busy', String(value));
}

function showResult(link) {
  currentShortUrl = shortUrlOf(link);
  setLink(els.shortLink, currentShortUrl, currentShortUrl);
  els.resultTarget.textContent = String(link.url ?? '');
  els.resultTarget.title = els.resultTarget.textContent;
  els.result.hidden = false;

  // A link without a safe href is not focusable on its own.
  if (els.shortLink.hasAttribute('href')) els.shortLink.removeAttribute('tabindex');
  else els.shortLink.tabIndex = -1;
  els.shortLink.focus();
}

function hideResult() {
  els.result.hidden = true;
  currentShortUrl = '';
}

// ---- errors -----------------------------------------------------------------

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

async function readProblem(response) {
  // A proxy in front of the service may answer with HTML; that still gets a plain message.
  const type = response.headers.get('Content-Type') || '';
  const problem = type.includes('json') ? await readJson(response) : null;
  return problem && typeof problem === 'object' && !Array.isArray(problem) ? problem : {};
}

function showProblem(problem, response) {
  const status = response.status;
  const fieldMessages = {};
  const otherMessages = [];

  if (problem.errors && typeof problem.errors === 'object') {
    for (const [key, value] of Object.entries(problem.errors)) {
      const text = messagesOf(value).join(' ');
      if (!text) continue;
      // Model binders sometimes name fields "Url" or "$.url".
      const field = FIELDS.find((name) => name.toLowerCase() === key.toLowerCase().replace(/^\$\./, ''));
      if (field) fieldMessages[field] = [fieldMessages[field], text].filter(Boolean).join(' ');
      else otherMessages.push(text);
    }
  }

  const summary = plainText(problem.detail) || plainText(problem.title)
    || FALLBACK_MESSAGES[status] || `Something went wrong (HTTP ${status}). Try again.`;
  if (status === 409 && !fieldMessages.alias) fieldMessages.alias = summary;

  let general = otherMessages.join(' ');
  if (!general && Object.keys(fieldMessages).length === 0) general = summary;
  if (status === 429) general = [general || summary, retryAfterText(response)].filter(Boolean).join(' ');

  for (const [field, message] of Object.entries(fieldMessages)) setFieldError(field, message);
  setFormError(general);
  focusFirstInvalid();
}

function messagesOf(value) {
  if (typeof value === 'string') return [value.trim()].filter(Boolean);
  if (Array.isArray(value)) return value.filter((item) => typeof item === 'string' && item.trim()).map((item) => item.trim());
  return [];
}

function plainText(value) {
  return typeof value === 'string' ? value.trim() : '';
}

function retryAfterText(response) {
  const header = response.headers.get('Retry-After');
  if (!header) return '';
  let seconds = Number(header);
  if (!Number.isFinite(seconds)) {
    // Retry-After may also be an HTTP date.
    const when = Date.parse(header);
    if (Number.isNaN(when)) return '';
    seconds = (when - Date.now()) / 1000;
  }
  seconds = Math.max(1, Math.ceil(seconds));
  return `Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
}

function setFieldError(field, message) {
  const input = els[field];
  const box = els[`${field}Error`];
  box.textContent = message;
  box.hidden = !message;
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  // A problem with an option opens the options, so that it can be seen and focused.
  if (message && OPTION_FIELDS.includes(field)) els.moreOptions.open = true;
}

function setFormError(message) {
  els.formError.textContent = message;
  els.formError.hidden = !message;
}

function clearErrors() {
  FIELDS.forEach((field) => setFieldError(field, ''));
  setFormError('');
}

function focusFirstInvalid() {
  const invalid = FIELDS.map((field) => els[field]).find((input) => input.getAttribute('aria-invalid') === 'true');
  invalid?.focus();
  return Boolean(invalid);
}

// ---- recent links -------------------------------------------------------------

async function loadRecent(highlightCode) {
  const request = ++recentRequest;
  els.recentTable.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(`/api/urls/recent?limit=${RECENT_LIMIT}`, {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
    });
    const links = response.ok ? await readJson(response) : null;
    if (request !== recentRequest) return; // a newer refresh already answered
    if (!Array.isArray(links)) throw new Error(`Unexpected answer (HTTP ${response.status})`);
    renderRecent(links, highlightCode);
    setRecentStatus('');
  } catch {
    if (request !== recentRequest) return;
    setRecentStatus('Could not load recent links. Use Refresh to try again.');
  } finally {
    if (request === recentRequest) els.recentTable.removeAttribute('aria-busy');
  }
}

function renderRecent(links, highlightCode) {
  const rows = links
    .filter((link) => link && typeof link === 'object')
    .map((link) => renderLink(link, highlightCode !== undefined && link.code === highlightCode));
  els.recentBody.replaceChildren(...rows);
  els.recentEmpty.hidden = rows.length > 0;
}

function renderLink(link, isNew) {
  const code = String(link.code ?? '');
  const shortUrl = shortUrlOf(link);
  // A password-protected link's target is not shown to everyone: the API sends null for it.
  const target = link.url == null && link.hasPassword ? 'Password-protected' : String(link.url ?? '');

  const row = document.createElement('tr');
  row.dataset.code = code;
  if (isNew) row.classList.add('is-new');

  const shortAnchor = element('a', 'short-url');
  // Without the scheme, as short links are usually written; the href and the tooltip keep all of it.
  setLink(shortAnchor, shortUrl, shortUrl.replace(/^https?:\/\//i, '') || code, true);
  // Row buttons keep the visible name ("Copy", "Copied!") and take the link as description.
  shortAnchor.id = `recent-short-${code}`;
  shortAnchor.title = shortUrl;

  const targetText = element('span', 'truncate');
  targetText.textContent = target;
  targetText.title = target;

  const clicksCell = cell('num cell-clicks', renderClicks(link.clicks));

  const copyButton = element('button', 'button button-small');
  copyButton.type = 'button';
  copyButton.textContent = 'Copy';
  copyButton.dataset.copy = shortUrl;
  copyButton.setAttribute('aria-describedby', shortAnchor.id);
  const actions = element('div', 'row-actions');
  actions.append(copyButton);

  // stats.js opens the panel for buttons with data-stats.
  const statsButton = element('button', 'button button-small button-ghost');
  statsButton.type = 'button';
  statsButton.textContent = 'Stats';
  statsButton.dataset.stats = code;
  statsButton.setAttribute('aria-describedby', shortAnchor.id);
  actions.append(statsButton);

  if (safeHref(shortUrl)) {
    const openLink = element('a', 'button button-small button-ghost');
    setLink(openLink, shortUrl, 'Open', true);
    openLink.setAttribute('aria-describedby', shortAnchor.id);
    openLink.title = 'Opens in a new tab';
    actions.append(openLink);
  }

  row.append(
    cell('cell-short', shortAnchor),
    cell('cell-target', targetText),
    cell('cell-created', renderTime(link.createdAt)),
    clicksCell,
    cell('cell-actions', actions),
  );
  return row;
}

function renderClicks(clicks) {
  // The unit is for the phone layout, where the row is a card without column headers.
  const count = element('span', 'count');
  const unit = element('span', 'count-unit');
  const known = Number.isFinite(clicks);
  count.textContent = known ? numberFormat.format(clicks) : '—';
  unit.textContent = known && clicks === 1 ? ' click' : ' clicks';
  const both = document.createDocumentFragment();
  both.append(count, unit);
  return both;
}

function renderTime(value) {
  const time = document.createElement('time');
  const text = typeof value === 'string' ? value : '';
  const date = new Date(text);
  if (text && !Number.isNaN(date.getTime())) {
    time.dateTime = text;
    time.title = text;
    time.textContent = (date.getFullYear() === new Date().getFullYear() ? thisYearFormat : dateFormat).format(date);
  } else {
    time.textContent = text || '—';
  }
  return time;
}

function handleRowClick(event) {
  const button = event.target.closest('button[data-copy]');
  if (button) copyWithFeedback(button, button.dataset.copy);
}

function setRecentStatus(message) {
  els.recentStatus.textContent = message;
  els.recentStatus.hidden = !message;
}

// ---- copying ------------------------------------------------------------------

async function copyWithFeedback(button, text) {
  if (!text) return;
  const ok = await copyText(text);
  if (!button.dataset.label) button.dataset.label = button.textContent;
  button.textContent = ok ? 'Copied!' : 'Press Ctrl+C';
  button.classList.toggle('is-copied', ok);
  announce(ok ? 'Copied!' : 'Could not copy automatically. Select the link and press Ctrl+C.');
  clearTimeout(copyTimers.get(button));
  copyTimers.set(button, setTimeout(() => {
    button.textContent = button.dataset.label;
    button.classList.remove('is-copied');
  }, FEEDBACK_MS));
}

async function copyText(text) {
  // navigator.clipboard exists only in secure contexts; plain-http self-hosting needs the fallback.
  if (navigator.clipboard?.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission denied or document not focused: try the legacy way.
    }
  }
  return legacyCopy(text);
}

function legacyCopy(text) {
  const previousFocus = document.activeElement;
  const buffer = element('textarea', 'copy-buffer');
  buffer.value = text;
  buffer.setAttribute('readonly', '');
  buffer.setAttribute('aria-hidden', 'true');
  buffer.tabIndex = -1;
  document.body.append(buffer);
  buffer.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  buffer.remove();
  previousFocus?.focus?.();
  return ok;
}

function announce(message) {
  // Emptying first makes screen readers repeat an identical message.
  els.liveStatus.textContent = '';
  setTimeout(() => { els.liveStatus.textContent = message; }, 50);
}

// ---- DOM helpers ----------------------------------------------------------------

function safeHref(value) {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) return null;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:' ? value : null;
  } catch {
    return null;
  }
}

function setLink(anchor, href, text, newTab = false) {
  anchor.textContent = text;
  const safe = safeHref(href);
  if (safe) anchor.setAttribute('href', safe);
  else anchor.removeAttribute('href');
  if (newTab) {
    anchor.setAttribute('target', '_blank');
    anchor.setAttribute('rel', 'noopener noreferrer');
  }
}

function shortUrlOf(link) {
  if (typeof link.shortUrl === 'string' && link.shortUrl) return link.shortUrl;
  return link.code ? `${location.origin}/${encodeURIComponent(link.code)}` : '';
}

function element(tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

function cell(className, content) {
  const td = element('td', className);
  if (content instanceof Node) td.append(content);
  else if (content !== undefined) td.textContent = content;
  return td;
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
