// A row of the all-links table: short link, title over target, tags, when, clicks, and its actions. In the phone layout
// the same row is a card.
import { cell, clicks, rowButton, shortLinkAnchor, targetText, time } from './cells.js';
import { element } from './dom.js';
import { shortUrlOf } from './format.js';

/**
 * @param {object} link the link JSON
 * @param {{ editable: boolean }} options `editable` adds the Edit button (title and tags), for key holders
 */
export function linkRow(link, { editable }) {
  const code = String(link.code ?? '');
  const tr = element('tr');
  tr.dataset.code = code;
  // Kept on the row so that an edit starts from what the server said, not from what the cells show.
  tr.dataset.title = titleOf(link);
  tr.dataset.tags = JSON.stringify(tagsOf(link));

  // Every short link here starts with the same address: the code alone tells them apart.
  const shortAnchor = shortLinkAnchor(link, `all-short-${code}`);
  shortAnchor.textContent = `/${code}`;
  const title = element('span', 'truncate link-title', titleOf(link));
  title.title = titleOf(link);
  const target = element('span', 'truncate link-target', targetText(link));
  target.title = targetText(link);
  const titleAndTarget = document.createDocumentFragment();
  titleAndTarget.append(title, target);

  const actions = element('div', 'row-actions');
  const copyButton = rowButton('button button-small', 'Copy', shortAnchor.id);
  copyButton.dataset.copy = shortUrlOf(link);
  const statsButton = rowButton('button button-small button-ghost', 'Stats', shortAnchor.id);
  statsButton.dataset.stats = code;
  actions.append(copyButton, statsButton);
  if (editable) {
    const editButton = rowButton('button button-small button-ghost', 'Edit', shortAnchor.id);
    editButton.dataset.edit = code;
    editButton.title = 'Edit the title and tags';
    actions.append(editButton);
  }

  tr.append(
    cell('cell-short', shortAnchor),
    cell('cell-title', titleAndTarget),
    cell('cell-tags', tagList(tagsOf(link))),
    cell('cell-created', time(link.createdAt)),
    cell('num cell-clicks', clicks(link.clicks)),
    cell('cell-actions', actions),
  );
  return tr;
}

export function titleOf(link) {
  return typeof link.title === 'string' ? link.title : '';
}

export function tagsOf(link) {
  return Array.isArray(link.tags) ? link.tags.filter((tag) => typeof tag === 'string' && tag) : [];
}

/** The link's tags, each a button that shows only the links with that tag. */
function tagList(tags) {
  const list = element('ul', 'tag-list');
  for (const tag of tags) {
    const button = element('button', 'tag', tag);
    button.type = 'button';
    button.dataset.tag = tag;
    button.title = `Show only links tagged “${tag}”`;
    const item = element('li');
    item.append(button);
    list.append(item);
  }
  return list;
}
