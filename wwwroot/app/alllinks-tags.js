// The tag chips above the all-links table (GET /api/tags): each tag with how many links carry it; pressed chips show
// only the links with those tags (any of them, or every one when asked).
import { tagCounts } from './api.js';
import { byId, element } from './dom.js';
import { formatCount } from './format.js';

/**
 * @param {{ apiKey: () => string, onChange: () => void }} options `onChange` is called when the chosen tags or the
 *   way they combine change
 * @returns {{ reload: () => Promise<void>, selected: () => string[], mode: () => 'any' | 'all',
 *   choose: (tag: string) => void }}
 */
export function startTagChips({ apiKey, onChange }) {
  const box = byId('all-links-tags');
  const list = byId('all-links-tag-list');
  const every = byId('all-links-tag-all');
  const chosen = new Set();
  let latestRequest = 0;

  list.addEventListener('click', (event) => {
    const chip = event.target.closest('button[data-chip]');
    if (!chip) return;
    if (chosen.has(chip.dataset.chip)) chosen.delete(chip.dataset.chip);
    else chosen.add(chip.dataset.chip);
    showChosen();
    onChange();
  });
  every.addEventListener('change', () => {
    if (chosen.size > 1) onChange();
  });

  /** Asks for the tags again: their counts follow edits, and a tag that is gone is no longer chosen. */
  async function reload() {
    const request = ++latestRequest;
    let tags = null;
    try {
      const answer = await tagCounts(apiKey());
      if (answer.ok && Array.isArray(answer.value)) tags = answer.value.filter((tag) => tag && typeof tag.tag === 'string');
    } catch {
      // Without the tags the table still lists, searches and sorts.
    }
    if (request !== latestRequest) return;
    list.replaceChildren(...(tags ?? []).map(chip));
    box.hidden = !tags || tags.length === 0;
    // Without an answer nothing is known to be gone.
    const known = new Set((tags ?? []).map((tag) => tag.tag));
    const gone = tags ? [...chosen].filter((tag) => !known.has(tag)) : [];
    for (const tag of gone) chosen.delete(tag);
    showChosen();
    if (gone.length > 0) onChange();
  }

  /** Shows only the links with `tag` (a tag pressed in a row). */
  function choose(tag) {
    if (chosen.has(tag) && chosen.size === 1) return;
    chosen.clear();
    chosen.add(tag);
    showChosen();
    onChange();
    list.querySelector(`button[data-chip="${CSS.escape(tag)}"]`)?.focus();
  }

  function showChosen() {
    for (const button of list.querySelectorAll('button[data-chip]')) {
      button.setAttribute('aria-pressed', String(chosen.has(button.dataset.chip)));
    }
    every.closest('label').hidden = chosen.size < 2;
  }

  return {
    reload,
    selected: () => [...chosen],
    mode: () => (every.checked ? 'all' : 'any'),
    choose,
  };
}

function chip({ tag, links }) {
  const button = element('button', 'tag-chip', tag);
  button.type = 'button';
  button.dataset.chip = tag;
  button.setAttribute('aria-pressed', 'false');
  const count = element('span', 'tag-count', formatCount(links));
  count.append(element('span', 'visually-hidden', ` ${links === 1 ? 'link' : 'links'}`));
  button.append(' ', count);
  return button;
}
