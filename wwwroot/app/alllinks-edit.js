// Editing a link's title and tags in its row of the all-links table (PATCH /api/urls/{code}, a merge patch), for key
// holders: Edit turns the two cells into fields, Enter or Save sends what changed, Escape or Cancel puts the row back.
import { UNREACHABLE, editLink, problemMessage } from './api.js';
import { byId, element, whileDisabled } from './dom.js';
import { KEY_MESSAGES } from './key.js';

const EDIT_MESSAGES = {
  ...KEY_MESSAGES,
  404: 'That link no longer exists. It may have been deleted.',
};

/**
 * @param {{ body: HTMLElement, apiKey: () => string, row: (link: object) => HTMLTableRowElement,
 *   onSaved: () => void }} options `row` draws a link's row anew; `onSaved` is called after a link was changed
 * @returns {{ cancel: () => void }} `cancel` forgets an edit whose row is being drawn anew
 */
export function startRowEditing({ body, apiKey, row, onSaved }) {
  let editing = null;

  body.addEventListener('click', (event) => {
    const edit = event.target.closest('button[data-edit]');
    if (edit) begin(edit.closest('tr'));
    if (event.target.closest('button[data-edit-cancel]')) close(true);
    if (event.target.closest('button[data-edit-save]')) save();
  });
  body.addEventListener('keydown', (event) => {
    if (!editing || !event.target.closest('input[data-edit-field]')) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      // The stats panel and others close on Escape too: this one is the edit's.
      event.stopPropagation();
      close(true);
    }
  });

  function begin(tr) {
    if (editing?.tr === tr) return;
    close(false);
    const code = tr.dataset.code;
    const title = field(tr, 'title', tr.dataset.title, `Title of /${code}`, 512);
    const tags = field(tr, 'tags', JSON.parse(tr.dataset.tags || '[]').join(', '), `Tags of /${code}, separated by commas`);
    tags.input.placeholder = 'news, docs';
    const buttons = element('div', 'row-actions edit-actions');
    const saveButton = element('button', 'button button-small button-primary', 'Save');
    saveButton.type = 'button';
    saveButton.dataset.editSave = '';
    const cancelButton = element('button', 'button button-small button-ghost', 'Cancel');
    cancelButton.type = 'button';
    cancelButton.dataset.editCancel = '';
    buttons.append(saveButton, cancelButton);
    const actions = tr.querySelector('.cell-actions');
    actions.firstElementChild.hidden = true;
    actions.append(buttons);
    tr.classList.add('is-editing');
    editing = { tr, code, fields: { title, tags }, saveButton, added: [title.box, tags.box, buttons] };
    title.input.focus();
  }

  /** Puts the row back as it was; `refocus` gives the focus back to its Edit button. */
  function close(refocus) {
    if (!editing) return;
    const { tr, added } = editing;
    editing = null;
    for (const part of added) part.remove();
    for (const hidden of tr.querySelectorAll('td > [hidden]')) hidden.hidden = false;
    tr.classList.remove('is-editing');
    if (refocus) tr.querySelector('button[data-edit]')?.focus();
  }

  async function save() {
    if (!editing) return;
    const current = editing;
    const changes = changesOf(current.tr, current.fields);
    if (Object.keys(changes).length === 0) {
      close(true);
      return;
    }
    for (const { input, error } of Object.values(current.fields)) showFieldError(input, error, '');
    let answer;
    try {
      answer = await whileDisabled(current.saveButton, () => editLink(current.code, changes, apiKey()));
    } catch {
      answer = { ok: false, message: UNREACHABLE };
    }
    if (editing !== current) return; // closed while the answer was on its way
    if (!answer.ok) {
      showProblem(current.fields, answer);
      return;
    }
    editing = null;
    const updated = answer.value && typeof answer.value === 'object' ? row(answer.value) : null;
    if (updated) {
      current.tr.replaceWith(updated);
      updated.querySelector('button[data-edit]')?.focus();
    }
    byId('live-status').textContent = `Saved /${current.code}.`;
    onSaved();
  }

  return { cancel: () => close(false) };
}

/** A field in the row's cell of `name`, over what the cell showed (hidden until the edit ends). */
function field(tr, name, value, label, maxLength) {
  const td = tr.querySelector(`.cell-${name}`);
  td.firstElementChild.hidden = true;
  const box = element('div', 'inline-field');
  const input = element('input', 'inline-input');
  input.type = 'text';
  input.value = value;
  input.dataset.editField = name;
  input.setAttribute('aria-label', label);
  input.autocomplete = 'off';
  input.spellcheck = false;
  if (maxLength) input.maxLength = maxLength;
  const error = element('p', 'field-error');
  error.setAttribute('role', 'alert');
  error.id = `edit-${name}-error-${tr.dataset.code}`;
  error.hidden = true;
  input.setAttribute('aria-describedby', error.id);
  box.append(input, error);
  td.append(box);
  return { box, input, error };
}

/** What the person changed, as a merge patch: an emptied title is cleared (null), tags replace the link's set. */
function changesOf(tr, { title, tags }) {
  const changes = {};
  const newTitle = title.input.value.trim();
  if (newTitle !== tr.dataset.title) changes.title = newTitle === '' ? null : newTitle;
  const newTags = tags.input.value.split(',').map((tag) => tag.trim()).filter(Boolean);
  if (JSON.stringify(newTags) !== tr.dataset.tags) changes.tags = newTags;
  return changes;
}

/** The server's words next to the field they are about (the title's when they name none), and the focus there. */
function showProblem(fields, answer) {
  const errors = answer.problem?.errors ?? [];
  // Binders may name an item ("tags[2]"): the field is the name's start.
  const named = errors.map(({ name, text }) => ({ name: name.split(/[.[]/)[0], text })).filter(({ name }) => name in fields);
  if (named.length === 0) {
    const message = answer.message ?? problemMessage(answer.problem, EDIT_MESSAGES);
    showFieldError(fields.title.input, fields.title.error, message);
    fields.title.input.focus();
    return;
  }
  for (const { name, text } of named) showFieldError(fields[name].input, fields[name].error, text);
  fields[named[0].name].input.focus();
}

function showFieldError(input, error, message) {
  error.textContent = message;
  error.hidden = !message;
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
}
