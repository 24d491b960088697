// The all-links table: every link the caller may list (GET /api/urls), searched as one types, filtered by tag,
// sorted by a column and paged; key holders edit a link's title and tags in its row. Shown where the caller may list
// links: with a key (its links, or every link for an admin), or as a visitor where the service lists links to them.
import { UNREACHABLE, problemMessage, searchLinks } from './api.js';
import { startRowEditing } from './alllinks-edit.js';
import { linkRow } from './alllinks-rows.js';
import { startTagChips } from './alllinks-tags.js';
import { copyWithFeedback } from './copy.js';
import { byId, byIds, showMessage } from './dom.js';
import { formatCount } from './format.js';
import { KEY_MESSAGES } from './key.js';

// A search is sent when typing pauses, not at every keystroke.
const TYPING_PAUSE_MS = 300;
// Which way a column sorts when first chosen: newest and most clicked first, names from A.
const FIRST_DIRECTION = { created: '-', clicks: '-', code: '', title: '' };
const DEFAULTS = { q: '', page: 1, pageSize: 20, sort: '-created' };

/**
 * @param {{ access: () => import('./access.js').Access, apiKey: () => string,
 *   onStats: (code: string, button: HTMLButtonElement) => void }} options `onStats` is called when a row's Stats is pressed
 * @returns {{ refresh: (options?: { fromStart?: boolean }) => Promise<void> }}
 */
export function startAllLinks({ access, apiKey, onStats }) {
  const { section, table, body, query, sortSelect, previous, next, pageSize } = byIds({
    section: 'all-links', table: 'all-links-table', body: 'all-links-body', query: 'all-links-q',
    sortSelect: 'all-links-sort', previous: 'all-links-previous', next: 'all-links-next',
    pageSize: 'all-links-page-size',
  });
  const state = { ...DEFAULTS };
  let latestRequest = 0;
  let typingTimer = 0;
  let lastPage = 1;

  const tags = startTagChips({ apiKey, onChange: () => goTo(1) });
  const editing = startRowEditing({
    body,
    apiKey,
    row: (link) => linkRow(link, { editable: true }),
    onSaved: () => tags.reload(),
  });

  query.addEventListener('input', () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(searchNow, TYPING_PAUSE_MS);
  });
  byId('all-links-search').addEventListener('submit', (event) => {
    event.preventDefault();
    searchNow();
  });
  sortSelect.addEventListener('change', () => sortBy(sortSelect.value));
  table.querySelector('thead').addEventListener('click', (event) => {
    const header = event.target.closest('th[data-sort]');
    if (!header) return;
    const column = header.dataset.sort;
    const current = state.sort.replace(/^-/, '');
    // The sorted column turns around; another one starts its own way.
    sortBy(column === current ? (state.sort.startsWith('-') ? column : `-${column}`) : FIRST_DIRECTION[column] + column);
  });
  previous.addEventListener('click', () => goTo(state.page - 1));
  next.addEventListener('click', () => goTo(state.page + 1));
  pageSize.addEventListener('change', () => {
    state.pageSize = Number(pageSize.value) || DEFAULTS.pageSize;
    goTo(1);
  });
  body.addEventListener('click', (event) => {
    const copy = event.target.closest('button[data-copy]');
    if (copy) copyWithFeedback(copy, copy.dataset.copy);
    const stats = event.target.closest('button[data-stats]');
    if (stats) onStats(stats.dataset.stats, stats);
    const tag = event.target.closest('button[data-tag]');
    if (tag) tags.choose(tag.dataset.tag);
  });

  function searchNow() {
    clearTimeout(typingTimer);
    if (query.value.trim() === state.q) return;
    state.q = query.value.trim();
    goTo(1);
  }

  function sortBy(sort) {
    state.sort = sort;
    goTo(1);
  }

  function goTo(page) {
    state.page = Math.max(1, page);
    return load();
  }

  /** Loads the list again: from its first page when who is asking changed, else the page shown, and the tags. */
  async function refresh({ fromStart = false } = {}) {
    if (fromStart) state.page = 1;
    const { anonymous, caller } = access();
    const listed = Boolean(caller) || anonymous === 'CreateAndList';
    section.hidden = !listed;
    // An author's key lists the links it made; an admin's and a visitor's, every link they may see.
    byId('all-links-heading').textContent = caller?.role === 'author' ? 'All your links' : 'All links';
    if (!listed) {
      ++latestRequest;
      body.replaceChildren();
      return;
    }
    await Promise.all([tags.reload(), load()]);
  }

  async function load() {
    const request = ++latestRequest;
    showSort();
    table.setAttribute('aria-busy', 'true');
    let answer;
    try {
      answer = await searchLinks({
        q: state.q,
        tag: tags.selected(),
        tagMode: tags.selected().length > 1 ? tags.mode() : '',
        page: state.page,
        pageSize: state.pageSize,
        sort: state.sort,
      }, apiKey());
    } catch {
      answer = { ok: false, message: UNREACHABLE };
    }
    if (request !== latestRequest) return; // a newer search already answered
    table.removeAttribute('aria-busy');
    const page = answer.ok ? pageOf(answer.value) : null;
    if (!page) {
      const message = answer.message ?? (answer.ok ? 'The server sent an answer the page cannot read.' : problemMessage(answer.problem, KEY_MESSAGES));
      show([], 0, `Could not load the links: ${message}`);
      return;
    }
    lastPage = Math.max(1, Math.ceil(page.total / state.pageSize));
    // Links deleted since the last look can leave the page shown past the end.
    if (page.items.length === 0 && state.page > lastPage) {
      goTo(lastPage);
      return;
    }
    show(page.items, page.total, '');
  }

  function show(links, total, error) {
    const editable = Boolean(access().caller);
    editing.cancel();
    body.replaceChildren(...links.map((link) => linkRow(link, { editable })));
    showMessage(byId('all-links-error'), error);
    const empty = byId('all-links-empty');
    empty.textContent = state.q || tags.selected().length ? 'No links match this search.' : 'No links yet — shorten one above.';
    empty.hidden = error !== '' || links.length > 0;
    byId('all-links-page').textContent = total > 0
      ? `Page ${formatCount(state.page)} of ${formatCount(lastPage)} · ${formatCount(total)} ${total === 1 ? 'link' : 'links'}`
      : '';
    const focused = document.activeElement;
    previous.disabled = state.page <= 1 || total === 0;
    next.disabled = state.page >= lastPage || total === 0;
    // A page button that just turned off would drop the focus to the page's start.
    if (focused === previous && previous.disabled) (next.disabled ? query : next).focus();
    if (focused === next && next.disabled) (previous.disabled ? query : previous).focus();
  }

  function showSort() {
    const column = state.sort.replace(/^-/, '');
    for (const header of table.querySelectorAll('th[data-sort]')) {
      if (header.dataset.sort === column) header.setAttribute('aria-sort', state.sort.startsWith('-') ? 'descending' : 'ascending');
      else header.removeAttribute('aria-sort');
    }
    sortSelect.value = state.sort;
    pageSize.value = String(state.pageSize);
  }

  return { refresh };
}

/** The page of links in an answer, or null when the answer is not one. */
function pageOf(value) {
  if (!value || typeof value !== 'object' || !Array.isArray(value.items)) return null;
  const total = Number(value.total);
  return {
    items: value.items.filter((link) => link && typeof link === 'object'),
    total: Number.isFinite(total) && total >= 0 ? total : value.items.length,
  };
}
