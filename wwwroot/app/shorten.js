// The shorten form and the result card. Without JavaScript the same form posts to /api/urls and the server answers
// with a page of its own; with it, the form checks what it can here and shows every problem next to its field.
import { UNREACHABLE, createLink, fallbackMessage } from './api.js';
import { copyWithFeedback } from './copy.js';
import { byId, byIds, setLink, showMessage } from './dom.js';
import { shortUrlOf } from './format.js';
import { KEY_MESSAGES } from './key.js';

const ALIAS_PATTERN = /^[A-Za-z0-9_-]{3,64}$/;
const FIELDS = ['url', 'alias', 'expiresAt', 'maxClicks', 'password'];
const OPTION_FIELDS = ['expiresAt', 'maxClicks', 'password'];
// Only for answers without a detail of their own; the server's words are more precise.
const CREATE_MESSAGES = {
  400: 'That link could not be shortened. Check it and try again.',
  409: 'That alias is already taken. Pick another one.',
};

/**
 * @param {{ apiKey: () => string, onCreated: (link: object | null) => void }} options `onCreated` is called after every
 *   successful create, with the new link as the server answered (null when the answer was not one)
 */
export function startShortenForm({ apiKey, onCreated }) {
  const { form, submit, formError, moreOptions, result, shortLink, resultTarget } = byIds({
    form: 'shorten-form', submit: 'submit-button', formError: 'form-error', moreOptions: 'more-options',
    result: 'result', shortLink: 'short-link', resultTarget: 'result-target',
  });
  let busy = false;
  let currentShortUrl = '';

  // With JS we validate ourselves so messages appear inline under each field;
  // without JS the browser's own validation still guards the plain form post.
  form.noValidate = true;
  form.addEventListener('submit', handleSubmit);
  for (const field of FIELDS) byId(field).addEventListener('input', () => { setFieldError(field, ''); showMessage(formError, ''); });
  const copyButton = byId('copy-button');
  copyButton.addEventListener('click', () => copyWithFeedback(copyButton, currentShortUrl));
  byId('alias-prefix').textContent = `${location.host}/`;

  async function handleSubmit(event) {
    event.preventDefault();
    if (busy) return;
    clearErrors();

    const url = byId('url').value.trim();
    const alias = byId('alias').value.trim();
    if (!validateLocally(url, alias)) return;

    setBusy(true);
    try {
      // With a key the link is the key's: listed, changed and deleted with it later.
      const answer = await createLink(fieldsToSend(url, alias), apiKey());
      if (!answer.ok) {
        hideResult();
        showProblem(answer.problem);
        return;
      }
      const link = answer.value && typeof answer.value === 'object' ? answer.value : null;
      if (!link) {
        hideResult();
        showMessage(formError, 'The link was created, but the server sent an unexpected answer. See Recent links below.');
      } else {
        showResult(link);
        form.reset();
      }
      onCreated(link);
    } catch {
      hideResult();
      showMessage(formError, UNREACHABLE);
    } finally {
      setBusy(false);
    }
  }

  function fieldsToSend(url, alias) {
    const fields = alias ? { url, alias } : { url };
    // The options go as typed: the service reads a time without an offset as UTC, as the label says.
    const [expiresAt, maxClicks, password] = OPTION_FIELDS.map((field) => byId(field).value);
    if (expiresAt) fields.expiresAt = expiresAt;
    if (maxClicks) fields.maxClicks = Number(maxClicks);
    if (password) fields.password = password;
    return fields;
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
    submit.disabled = value;
    submit.textContent = value ? 'Shortening…' : 'Shorten';
    form.setAttribute('aria-busy', String(value));
  }

  function showResult(link) {
    currentShortUrl = shortUrlOf(link);
    setLink(shortLink, currentShortUrl, currentShortUrl);
    // The server spells a host that could pass for another in its xn-- form.
    resultTarget.textContent = String(link.displayUrl ?? link.url ?? '');
    resultTarget.title = resultTarget.textContent;
    result.hidden = false;

    // A link without a safe href is not focusable on its own.
    if (shortLink.hasAttribute('href')) shortLink.removeAttribute('tabindex');
    else shortLink.tabIndex = -1;
    shortLink.focus();
  }

  function hideResult() {
    result.hidden = true;
    currentShortUrl = '';
  }

  function showProblem(problem) {
    const { status } = problem;
    const fieldMessages = {};
    const otherMessages = [];
    for (const { name, text } of problem.errors) {
      // Model binders sometimes name fields "Url".
      const field = FIELDS.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
      if (field) fieldMessages[field] = [fieldMessages[field], text].filter(Boolean).join(' ');
      else otherMessages.push(text);
    }

    const summary = KEY_MESSAGES[status] || problem.detail || CREATE_MESSAGES[status] || fallbackMessage(status);
    if (status === 409 && !fieldMessages.alias) fieldMessages.alias = summary;

    let general = otherMessages.join(' ');
    if (!general && Object.keys(fieldMessages).length === 0) general = summary;
    if (status === 429) general = [general || summary, retryAfterText(problem.retryAfter)].filter(Boolean).join(' ');

    for (const [field, message] of Object.entries(fieldMessages)) setFieldError(field, message);
    showMessage(formError, general);
    focusFirstInvalid();
  }

  function setFieldError(field, message) {
    const input = byId(field);
    showMessage(byId(`${field}-error`), message);
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    // A problem with an option opens the options, so that it can be seen and focused.
    if (message && OPTION_FIELDS.includes(field)) moreOptions.open = true;
  }

  function clearErrors() {
    FIELDS.forEach((field) => setFieldError(field, ''));
    showMessage(formError, '');
  }

  function focusFirstInvalid() {
    const invalid = FIELDS.map(byId).find((input) => input.getAttribute('aria-invalid') === 'true');
    invalid?.focus();
    return Boolean(invalid);
  }
}

function retryAfterText(seconds) {
  return seconds ? `Try again in ${seconds} second${seconds === 1 ? '' : 's'}.` : '';
}
