// The pieces of a link's row that the recent list and the all-links table share.
import { element, setLink } from './dom.js';
import { clicksWord, formatCount, formatTime, shortUrlOf } from './format.js';

/** The target as a person should read it: the server spells a host that could pass for another in its xn-- form. */
export function targetText(link) {
  // A password-protected link's target is not shown to everyone: the API sends null for it.
  if (link.url == null && link.hasPassword) return 'Password-protected';
  return String(link.displayUrl ?? link.url ?? '');
}

/** The row's short link, named `id` for the row's buttons to be described by. */
export function shortLinkAnchor(link, id) {
  const shortUrl = shortUrlOf(link);
  const anchor = element('a', 'short-url');
  // Without the scheme, as short links are usually written; the href and the tooltip keep all of it.
  setLink(anchor, shortUrl, shortUrl.replace(/^https?:\/\//i, '') || String(link.code ?? ''), true);
  anchor.id = id;
  anchor.title = shortUrl;
  return anchor;
}

/** A row's button: it keeps its visible name ("Copy", "Copied!") and takes the link as description. */
export function rowButton(className, label, describedBy) {
  const button = element('button', className, label);
  button.type = 'button';
  button.setAttribute('aria-describedby', describedBy);
  return button;
}

export function cell(className, content) {
  const td = element('td', className);
  td.append(content);
  return td;
}

export function clicks(count) {
  // The unit is for the phone layout, where the row is a card without column headers.
  const known = Number.isFinite(count);
  const both = document.createDocumentFragment();
  both.append(
    element('span', 'count', known ? formatCount(count) : '—'),
    element('span', 'count-unit', ` ${known ? clicksWord(count) : 'clicks'}`),
  );
  return both;
}

export function time(value) {
  const node = element('time');
  const text = typeof value === 'string' ? value : '';
  const date = new Date(text);
  if (text && !Number.isNaN(date.getTime())) {
    node.dateTime = text;
    node.title = text;
    node.textContent = formatTime(date);
  } else {
    node.textContent = text || '—';
  }
  return node;
}
