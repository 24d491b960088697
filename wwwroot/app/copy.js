// Copying a short link, with feedback on the button pressed and for screen readers.
import { byId, element } from './dom.js';

const FEEDBACK_MS = 2000;
const feedbackTimers = new WeakMap();

export async function copyWithFeedback(button, text) {
  if (!text) return;
  const ok = await copyText(text);
  if (!button.dataset.label) button.dataset.label = button.textContent;
  button.textContent = ok ? 'Copied!' : 'Press Ctrl+C';
  button.classList.toggle('is-copied', ok);
  announce(ok ? 'Copied!' : 'Could not copy automatically. Select the link and press Ctrl+C.');
  clearTimeout(feedbackTimers.get(button));
  feedbackTimers.set(button, setTimeout(() => {
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
  const live = byId('live-status');
  // Emptying first makes screen readers repeat an identical message.
  live.textContent = '';
  setTimeout(() => { live.textContent = message; }, 50);
}
