// The API key field: kept in this tab's sessionStorage only, so that it is gone when the tab closes.
import { byId } from './dom.js';

const STORAGE_KEY = 'shorturl.apiKey';

// Said instead of the server's words, which name a header the person at the page never sees.
export const KEY_MESSAGES = {
  401: 'This needs an API key. Enter it under Manage.',
  403: 'That API key is not one this service accepts. Check it and try again.',
};

/**
 * @param {{ onChange: (settled: boolean) => void }} options called when the key changes: `settled` when it is complete
 *   (Enter pressed, the field left, the key forgotten), not while it is being typed
 * @returns {() => string} the key as entered now ('' when none)
 */
export function startApiKeyField({ onChange }) {
  const input = byId('api-key');
  const value = () => input.value.trim();
  input.value = sessionStorage.getItem(STORAGE_KEY) ?? '';
  input.addEventListener('input', () => {
    if (value()) sessionStorage.setItem(STORAGE_KEY, value());
    else sessionStorage.removeItem(STORAGE_KEY);
    onChange(false);
  });
  input.addEventListener('change', () => onChange(true));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') onChange(true);
  });
  byId('api-key-forget').addEventListener('click', () => {
    sessionStorage.removeItem(STORAGE_KEY);
    input.value = '';
    input.focus();
    onChange(true);
  });
  return value;
}
