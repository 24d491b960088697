// Who the page is working for (GET /api/access): what visitors without a key may do on this service, whether keys
// exist at all, and whose the entered key is. The parts that depend on it follow: the Manage section (only where keys
// exist), its tools (only with an accepted key), the stats panel's edit form, and the note that shortening needs a key.
import { accessOf } from './api.js';
import { byId, showMessage } from './dom.js';
import { KEY_MESSAGES } from './key.js';

// Typing a key asks again after a pause, not at every keystroke.
const TYPING_PAUSE_MS = 500;
// What the page assumes when the service cannot say (a proxy's error page, no connection): the open page of old.
const OPEN = { anonymous: 'CreateAndList', keysEnabled: true, caller: null };

/**
 * @typedef {{ anonymous: 'CreateAndList' | 'Create' | 'None', keysEnabled: boolean,
 *   caller: null | { name: string, role: 'admin' | 'author' } }} Access
 * @param {{ apiKey: () => string, onChange: (access: Access) => void }} options `onChange` is called after each answer
 * @returns {{ check: () => Promise<void>, keyChanged: (settled: boolean) => void, current: () => Access,
 *   answered: Promise<void> }} `answered` settles with the first answer
 */
export function startAccess({ apiKey, onChange }) {
  let access = OPEN;
  let latestRequest = 0;
  let typingTimer = 0;
  let firstAnswer;
  const answered = new Promise((resolve) => { firstAnswer = resolve; });

  async function check() {
    clearTimeout(typingTimer);
    const request = ++latestRequest;
    const key = apiKey();
    let answer = await ask(key);
    const refused = key && !answer.ok && answer.problem.status === 403;
    // A refused key says nothing about the service: ask again as a visitor without one.
    if (refused) answer = await ask('');
    if (request !== latestRequest) return;
    access = answer.ok ? accessFrom(answer.value) : OPEN;
    show(access, refused);
    firstAnswer();
    onChange(access);
  }

  function keyChanged(settled) {
    clearTimeout(typingTimer);
    if (settled) check();
    else typingTimer = setTimeout(check, TYPING_PAUSE_MS);
  }

  return { check, keyChanged, current: () => access, answered };
}

async function ask(key) {
  try {
    return await accessOf(key);
  } catch {
    return { ok: false, problem: { status: 0 } };
  }
}

function accessFrom(value) {
  if (!value || typeof value !== 'object') return OPEN;
  const anonymous = ['CreateAndList', 'Create', 'None'].includes(value.anonymous) ? value.anonymous : OPEN.anonymous;
  const caller = value.caller && typeof value.caller === 'object' && typeof value.caller.name === 'string'
    ? { name: value.caller.name, role: value.caller.role === 'admin' ? 'admin' : 'author' }
    : null;
  return { anonymous, keysEnabled: value.keysEnabled !== false, caller };
}

function show({ anonymous, keysEnabled, caller }, refused) {
  byId('manage-card').hidden = !keysEnabled;
  byId('manage').hidden = !keysEnabled;
  byId('manage-tools').hidden = !caller;
  showMessage(byId('api-key-error'), refused ? KEY_MESSAGES[403] : '');
  showMessage(byId('api-key-owner'), caller ? ownerText(caller) : '');
  showMessage(byId('key-needed'), anonymous === 'None' && !caller ? keyNeededText(keysEnabled) : '');
}

function ownerText({ name, role }) {
  return role === 'admin'
    ? `The key of ${name}, an admin: the list shows every link, and any of them can be changed or deleted.`
    : `The key of ${name}, an author: the list shows the links this key made, and only those can be changed or deleted.`;
}

function keyNeededText(keysEnabled) {
  return keysEnabled
    ? 'Shortening a link on this service needs an API key: enter yours under Manage, below.'
    : 'Shortening a link on this service needs an API key, and none has been made yet.';
}
