// Small DOM helpers for the page's parts. Every value that comes from the API reaches the DOM through textContent
// or setAttribute only: the page runs under a strict CSP and links are user data.

export function byId(id) {
  return document.getElementById(id);
}

/** The elements with the given ids, each under its name: `const { form } = byIds({ form: 'manage-form' })`. */
export function byIds(ids) {
  return Object.fromEntries(Object.entries(ids).map(([name, id]) => [name, byId(id)]));
}

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Shows a message in its box, or hides the box when there is nothing to say. */
export function showMessage(box, message) {
  box.textContent = message;
  box.hidden = !message;
}

/** Runs `action` with `button` disabled, so that a second press cannot send the request twice. */
export async function whileDisabled(button, action) {
  button.disabled = true;
  try {
    return await action();
  } finally {
    button.disabled = false;
  }
}

/** The value when it is an absolute http(s) URL, else null: nothing else may become an href. */
export function safeHref(value) {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) return null;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:' ? value : null;
  } catch {
    return null;
  }
}

export function setLink(anchor, href, text, newTab = false) {
  anchor.textContent = text;
  const safe = safeHref(href);
  if (safe) anchor.setAttribute('href', safe);
  else anchor.removeAttribute('href');
  if (newTab) {
    anchor.setAttribute('target', '_blank');
    anchor.setAttribute('rel', 'noopener noreferrer');
  }
}
