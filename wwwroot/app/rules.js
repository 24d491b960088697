// The redirect-rules editor in a link's edit form: an ordered list of rules, each a target and its conditions.
// The first rule whose conditions all hold wins on the server, so the order shown is the order sent.
import { element } from './dom.js';

const DEVICES = ['ios', 'android', 'desktop'];
const TYPES = [['device', 'Device'], ['language', 'Language'], ['query', 'Query parameter']];
let nextId = 0;

/**
 * @param {HTMLElement} list the element the rules are drawn in
 * @returns {{ load: (rules: object[] | null) => void, value: () => object[], changed: () => boolean, add: () => void }}
 */
export function startRulesEditor(list) {
  let rules = [];
  let loaded = '[]';

  function load(serverRules) {
    rules = (Array.isArray(serverRules) ? serverRules : []).map((rule) => ({
      url: rule.url || '',
      conditions: (rule.conditions || []).map((condition) => ({ ...condition })),
    }));
    loaded = JSON.stringify(value());
    draw();
  }

  function value() {
    return rules.map((rule) => ({
      url: rule.url.trim(),
      conditions: rule.conditions.map((condition) => condition.type === 'query'
        ? { type: 'query', name: (condition.name || '').trim(), value: (condition.value || '').trim() }
        : { type: condition.type, value: (condition.value || '').trim() }),
    }));
  }

  function add() {
    rules.push({ url: '', conditions: [{ type: 'device', value: 'ios' }] });
    draw(`rule-url-${rules.length - 1}`);
  }

  /** Redraws every rule; `focusName` names the control to put the focus on, so the keyboard stays where it was. */
  function draw(focusName) {
    list.replaceChildren();
    rules.forEach((rule, index) => list.append(ruleItem(rule, index)));
    if (!rules.length) list.append(element('li', 'rules-empty', 'No rules: everyone goes to the link\'s target.'));
    if (focusName) list.querySelector(`[data-name="${focusName}"]`)?.focus();
  }

  function ruleItem(rule, index) {
    const item = element('li', 'rule');
    const id = `rule-${nextId++}`;
    const label = element('label', null, `Rule ${index + 1} goes to`);
    label.htmlFor = id;
    // A text field, not type=url: the server's problem about a bad target is said next to the editor.
    const url = input('text', id, rule.url, 'https://example.com/other', `rule-url-${index}`);
    url.inputMode = 'url';
    url.addEventListener('input', () => { rule.url = url.value; });
    const head = element('div', 'rule-head');
    head.append(label, url);

    const conditions = element('ul', 'rule-conditions');
    rule.conditions.forEach((condition, at) => conditions.append(conditionItem(rule, index, condition, at)));

    const actions = element('div', 'rule-actions');
    actions.append(
      button('Add condition', `rule-addcond-${index}`, () => {
        rule.conditions.push({ type: 'device', value: 'ios' });
        draw(`cond-type-${index}-${rule.conditions.length - 1}`);
      }),
      button('Move up', `rule-up-${index}`, () => move(index, -1), index === 0),
      button('Move down', `rule-down-${index}`, () => move(index, 1), index === rules.length - 1),
      button('Remove rule', `rule-remove-${index}`, () => {
        rules.splice(index, 1);
        draw(rules.length ? `rule-url-${Math.min(index, rules.length - 1)}` : 'rules-add');
      }));
    item.append(head, element('p', 'field-hint', 'when all of:'), conditions, actions);
    return item;
  }

  function conditionItem(rule, index, condition, at) {
    const item = element('li', 'rule-condition');
    const type = element('select');
    type.dataset.name = `cond-type-${index}-${at}`;
    type.setAttribute('aria-label', `Rule ${index + 1} condition ${at + 1} type`);
    for (const [name, text] of TYPES) type.append(option(name, text, condition.type));
    type.addEventListener('change', () => {
      condition.type = type.value;
      condition.value = type.value === 'device' ? 'ios' : '';
      delete condition.name;
      draw(type.dataset.name);
    });
    item.append(type);
    const what = `Rule ${index + 1} condition ${at + 1}`;
    if (condition.type === 'device') {
      const device = element('select');
      device.dataset.name = `cond-value-${index}-${at}`;
      device.setAttribute('aria-label', `${what} device`);
      for (const name of DEVICES) device.append(option(name, name, condition.value));
      device.addEventListener('change', () => { condition.value = device.value; });
      item.append(device);
    } else {
      if (condition.type === 'query') {
        const name = input('text', null, condition.name || '', 'name', `cond-name-${index}-${at}`, `${what} parameter name`);
        name.addEventListener('input', () => { condition.name = name.value; });
        item.append(name, element('span', null, '='));
      }
      const text = input('text', null, condition.value || '', condition.type === 'language' ? 'fr or fr-CA' : 'value',
        `cond-value-${index}-${at}`, `${what} ${condition.type === 'language' ? 'language' : 'value'}`);
      text.addEventListener('input', () => { condition.value = text.value; });
      item.append(text);
    }
    item.append(button('Remove', `cond-remove-${index}-${at}`, () => {
      rule.conditions.splice(at, 1);
      draw(`rule-addcond-${index}`);
    }, false, `Remove ${what.toLowerCase()}`));
    return item;
  }

  function move(index, by) {
    const [rule] = rules.splice(index, 1);
    rules.splice(index + by, 0, rule);
    const to = index + by;
    draw(`rule-${by < 0 ? (to === 0 ? 'down' : 'up') : (to === rules.length - 1 ? 'up' : 'down')}-${to}`);
  }

  return { load, value, add, changed: () => JSON.stringify(value()) !== loaded };
}

function input(type, id, value, placeholder, name, label) {
  const field = element('input');
  field.type = type;
  if (id) field.id = id;
  field.value = value;
  field.placeholder = placeholder;
  field.spellcheck = false;
  field.setAttribute('autocapitalize', 'off');
  field.dataset.name = name;
  if (label) field.setAttribute('aria-label', label);
  return field;
}

function option(value, text, selected) {
  const node = element('option', null, text);
  node.value = value;
  node.selected = value === selected;
  return node;
}

function button(text, name, onClick, disabled = false, label) {
  const node = element('button', 'button button-small button-ghost', text);
  node.type = 'button';
  node.dataset.name = name;
  node.disabled = disabled;
  if (label) node.setAttribute('aria-label', label);
  node.addEventListener('click', onClick);
  return node;
}
