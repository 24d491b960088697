// Editing and deleting the link whose stats panel is open (PATCH and DELETE /api/urls/{code}) with the API key.
import { UNREACHABLE, deleteLink, editLink, linkDetails, problemMessage } from './api.js';
import { byId, byIds, showMessage, whileDisabled } from './dom.js';
import { KEY_MESSAGES } from './key.js';
import { startRulesEditor } from './rules.js';

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
  const { form, error, done, deleteButton, cancelButton, rulesError, forwardQuery } = byIds({
    form: 'manage-form', error: 'manage-error', done: 'manage-done', deleteButton: 'manage-delete',
    cancelButton: 'manage-delete-cancel', rulesError: 'manage-rules-error', forwardQuery: 'manage-forwardQuery',
  });
  const rules = startRulesEditor(byId('manage-rules-list'));
  let code = '';
  let forwarding = true;

  form.addEventListener('submit', save);
  deleteButton.addEventListener('click', () => { setConfirming(true); cancelButton.focus(); });
  cancelButton.addEventListener('click', () => { setConfirming(false); deleteButton.focus(); });
  byId('manage-delete-confirm').addEventListener('click', remove);
  byId('manage-rules-add').addEventListener('click', () => rules.add());

  /** Makes the form about `linkCode`, fresh: nothing typed, nothing said. */
  function show(linkCode) {
    code = linkCode;
    form.reset();
    byId('manage-confirm-text').textContent = `Delete /${code} for good?`;
    setConfirming(false);
    showMessage(error, '');
    showMessage(done, '');
    rules.load([]);
    loadDetails(linkCode);
  }

  /** Shows the link's forwardQuery and rules as the server has them, so an edit starts from them. */
  async function loadDetails(linkCode) {
    showMessage(rulesError, '');
    try {
      const answer = await linkDetails(linkCode, apiKey());
      if (linkCode !== code) return;
      if (!answer.ok) {
        showMessage(rulesError, problemMessage(answer.problem, MANAGE_MESSAGES));
        return;
      }
      forwarding = answer.value.forwardQuery !== false;
      forwardQuery.checked = forwarding;
      rules.load(answer.value.rules);
    } catch {
      if (linkCode === code) showMessage(rulesError, UNREACHABLE);
    }
  }

  async function save(event) {
    event.preventDefault();
    showMessage(error, '');
    showMessage(done, '');
    showMessage(rulesError, '');
    const changes = editedFields();
    if (forwardQuery.checked !== forwarding) changes.forwardQuery = forwardQuery.checked;
    // An emptied list clears the rules (null); an untouched one is left out, so it stays as it is.
    if (rules.changed()) changes.rules = rules.value().length ? rules.value() : null;
    if (Object.keys(changes).length === 0) {
      showMessage(error, 'Nothing to change: fill in a field or tick a box first.');
      return;
    }
    const edited = code;
    await send(byId('manage-save'), () => editLink(edited, changes, apiKey()), async () => {
      form.reset();
      // The rules shown are the server's again before "Saved." invites the next edit, so their reload cannot undo it.
      await loadDetails(edited);
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
        // Problems about the rules are said next to the rules editor; the rest under the form.
        const aboutRules = answer.problem.errors.filter((item) => /^rules/i.test(item.name));
        if (aboutRules.length) {
          showMessage(rulesError, aboutRules.map((item) => item.text).join(' '));
          if (aboutRules.length === answer.problem.errors.length) return;
        }
        showMessage(error, problemMessage(answer.problem, MANAGE_MESSAGES));
        return;
      }
      await succeeded();
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
