// A link's title and tags, as the lists show them beside its target. Text only: titles and tags are user data.
import { element } from './dom.js';

/**
 * The target cell's content: the link's title above its target (when it has one), its tags below as small chips.
 * @param {{ title?: string | null, tags?: unknown }} link
 * @param {HTMLElement} target the target, as the list spells it
 */
export function withLabels(link, target) {
  const parts = document.createDocumentFragment();
  if (typeof link.title === 'string' && link.title) {
    const title = element('span', 'link-title', link.title);
    title.title = link.title;
    parts.append(title);
  }
  parts.append(target);
  const tags = Array.isArray(link.tags) ? link.tags.filter((tag) => typeof tag === 'string' && tag) : [];
  if (tags.length > 0) {
    const list = element('ul', 'link-tags');
    list.setAttribute('aria-label', 'Tags');
    list.append(...tags.map((tag) => element('li', 'link-tag', tag)));
    parts.append(list);
  }
  return parts;
}
