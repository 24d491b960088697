// Editing and deleting the link whose stats panel is open (PATCH and DELETE /api/urls/{code}) with the API key.
import { UNREACHABLE, deleteLink, editLink, problemMessage } from './api.js';
import { byId, showMessage, whileDisabled } from './dom.js';
import { KEY_MESSAGES } from './key.js';

const CLEARABLE = ['expiresAt', 'maxClicks', 'password'];
const MANAGE_MESSAGES = {
  ...KEY_MESSAGES,
  404: 'That link no longer exists. It may have been deleted.',
};

/**
 * @param {{ apiKey: () => string, onChange: () => void }} options `onChange` is called after a link was edited or deleted
 * @returns {{ show: (code: string) => void }}
 */
export function startManageForm({ apiKey, onChange }) {
  const form = byId('manage-form');
  const error = byId('manage-error');
  const done = byId('manage-done');
  const deleteButton = byId('manage-delete');
  const cancelButton = byId('manage-delete-cancel');
  let code = '';

  form.addEventListener('submit', save);
  deleteButton.addEventListener('click', () => { setConfirming(true); cancelButton.focus(); });
  cancelButton.addEventListener('click', () => { setConfirming(false); deleteButton.focus(); });
  byId('manage-delete-confirm').addEventListener('click', remove);

  /** Makes the form about `linkCode`, fresh: nothing typed, nothing said. */
  function show(linkCode) {
    code = linkCode;
    form.reset();
    byId('manage-confirm-text').textContent = `Delete /${code} for good?`;
    setConfirming(false);
    showMessage(error, '');
    showMessage(done, '');
  }

  async function save(event) {
    event.preventDefault();
    showMessage(error, '');
    showMessage(done, '');
    const changes = editedFields();
    if (Object.keys(changes).length === 0) {
      showMessage(error, 'Nothing to change: fill in a field or tick a box first.');
      return;
    }
    const edited = code;
    await send(byId('manage-save'), () => editLink(edited, changes, apiKey()), () => {
      form.reset();
      showMessage(done, `Saved. /${edited} follows the change from its next visit.`);
    });
  }

  async function remove() {
    showMessage(error, '');
    const deleted = code;
    await send(byId('manage-delete-confirm'), () => deleteLink(deleted, apiKey()), () => {
      setConfirming(false);
      form.reset();
      showMessage(done, `/${deleted} is deleted.`);
    });
  }

  async function send(button, request, succeeded) {
    try {
      const answer = await whileDisabled(button, request);
      if (!answer.ok) {
        showMessage(error, problemMessage(answer.problem, MANAGE_MESSAGES));
        return;
      }
      succeeded();
      onChange();
    } catch {
      showMessage(error, UNREACHABLE);
    }
  }

  function setConfirming(confirming) {
    byId('manage-confirm').hidden = !confirming;
    deleteButton.hidden = confirming;
  }

  return { show };
}

function editedFields() {
  const changes = {};
  const url = byId('manage-url').value.trim();
  if (url) changes.url = url;
  for (const field of CLEARABLE) {
    // A ticked "none" box clears the field (null); an empty input leaves it as it is (absent).
    const value = byId(`manage-${field}`).value;
    if (byId(`manage-clear-${field}`).checked) changes[field] = null;
    else if (value) changes[field] = field === 'maxClicks' ? Number(value) : value;
  }
  return changes;
}
