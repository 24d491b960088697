// A link's visits one by one in its stats panel, newest first, a page at a time; an admin key may forget them.
import { UNREACHABLE, deleteVisits, linkVisits, problemMessage } from './api.js';
import { byId, byIds, element, showMessage, whileDisabled } from './dom.js';
import { formatCount, formatTime } from './format.js';
import { KEY_MESSAGES } from './key.js';

const PAGE_SIZE = 20;

/**
 * @param {{ apiKey: () => string, isAdmin: () => boolean }} options
 * @returns {{ show: (code: string) => void }}
 */
export function startVisitsList({ apiKey, isAdmin }) {
  const { body, status, previous, next, deleteButton, confirm } = byIds({
    body: 'visits-body', status: 'visits-status', previous: 'visits-previous', next: 'visits-next',
    deleteButton: 'visits-delete', confirm: 'visits-confirm',
  });
  let code = '';
  let page = 1;
  let latestRequest = 0;

  previous.addEventListener('click', () => load(page - 1, previous));
  next.addEventListener('click', () => load(page + 1, next));
  deleteButton.addEventListener('click', () => { setConfirming(true); byId('visits-delete-cancel').focus(); });
  byId('visits-delete-cancel').addEventListener('click', () => { setConfirming(false); deleteButton.focus(); });
  byId('visits-delete-confirm').addEventListener('click', remove);

  function show(linkCode) {
    code = linkCode;
    setConfirming(false);
    load(1);
  }

  async function load(wanted, focusAfter) {
    const request = ++latestRequest;
    showMessage(status, 'Loading…');
    try {
      const answer = await linkVisits(code, wanted, PAGE_SIZE, apiKey());
      if (request !== latestRequest) return;
      if (!answer.ok) {
        body.replaceChildren();
        setPaging(0, 0);
        showMessage(status, problemMessage(answer.problem, KEY_MESSAGES));
        return;
      }
      page = wanted;
      const { items = [], total = 0 } = answer.value ?? {};
      body.replaceChildren(...items.map((visit) => row(visit)));
      setPaging(items.length, Number(total) || 0);
      const first = (page - 1) * PAGE_SIZE;
      showMessage(status, items.length
        ? `Visits ${formatCount(first + 1)}–${formatCount(first + items.length)} of ${formatCount(total)}, newest first`
        : 'No visits kept.');
      // A button that became disabled would drop the focus to the page: keep it in the list.
      if (focusAfter?.disabled) (focusAfter === next ? previous : next).focus();
    } catch {
      if (request === latestRequest) showMessage(status, UNREACHABLE);
    }
  }

  function setPaging(shown, total) {
    previous.disabled = page <= 1 || !shown;
    next.disabled = !shown || page * PAGE_SIZE >= total;
    deleteButton.hidden = !isAdmin() || !shown;
  }

  async function remove() {
    try {
      const answer = await whileDisabled(byId('visits-delete-confirm'), () => deleteVisits(code, apiKey()));
      setConfirming(false);
      if (!answer.ok) {
        showMessage(status, problemMessage(answer.problem, KEY_MESSAGES));
        return;
      }
      await load(1);
      showMessage(status, `${formatCount(answer.value?.deletedVisits)} visits deleted; the clicks stay counted.`);
      deleteButton.hidden = true;
      previous.focus();
    } catch {
      showMessage(status, UNREACHABLE);
    }
  }

  function setConfirming(confirming) {
    confirm.hidden = !confirming;
    deleteButton.hidden = confirming || !isAdmin();
  }

  return { show };
}

/** A visit (or an orphan visit, with its kind and path first) as a table row, each cell labelled for the phone's cards. */
export function row(visit, leading = []) {
  const tr = element('tr');
  const when = new Date(visit.visitedAt);
  const time = element('time', null, Number.isNaN(when.getTime()) ? String(visit.visitedAt ?? '') : formatTime(when));
  time.setAttribute('datetime', String(visit.visitedAt ?? ''));
  const timeCell = cell('Time');
  timeCell.append(time);
  tr.append(...leading.map(([label, text]) => cell(label, text)), timeCell,
    cell('Referrer', visit.referrer || '—'), cell('Browser', visit.browser || '—'), cell('OS', visit.os || '—'),
    cell('Bot', visit.bot ? 'Yes' : 'No'), cell('Country', visit.country || '—'));
  return tr;
}

function cell(label, text) {
  const td = element('td', null, text);
  td.dataset.label = label;
  return td;
}
