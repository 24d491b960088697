// The clicks-per-day chart of the stats panel: an SVG drawn here, no external service.
import { clicksWord, formatDay } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 600;
const HEIGHT = 160;
const AXIS_ROOM = 18;

/** One bar per day: people in the accent colour, bots stacked on top in a muted one; each bar's title is its tooltip. */
export function clicksChart(days) {
  const svg = svgElement('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT + AXIS_ROOM}`,
    class: 'stats-svg',
    role: 'img',
    'aria-label': `Clicks per day over ${days.length} days`,
  });
  const most = Math.max(1, ...days.map((d) => (Number(d.clicks) || 0) + (Number(d.botClicks) || 0)));
  const slot = WIDTH / Math.max(1, days.length);
  const width = Math.max(1, slot * 0.7);
  svg.append(svgElement('line', { x1: 0, y1: HEIGHT, x2: WIDTH, y2: HEIGHT, class: 'stats-axis' }));
  days.forEach((day, index) => {
    const people = Number(day.clicks) || 0;
    const bots = Number(day.botClicks) || 0;
    const x = index * slot + (slot - width) / 2;
    const group = svgElement('g', { class: 'stats-day', 'data-date': day.date });
    const title = svgElement('title', {});
    title.textContent = `${day.date}: ${people} ${clicksWord(people)}${bots ? `, ${bots} by bots` : ''}`;
    group.append(title);
    const peopleHeight = (people / most) * HEIGHT;
    const botHeight = (bots / most) * HEIGHT;
    group.append(svgElement('rect', { x, y: HEIGHT - peopleHeight, width, height: peopleHeight, class: 'stats-bar' }));
    if (bots) {
      group.append(svgElement('rect', {
        x, y: HEIGHT - peopleHeight - botHeight, width, height: botHeight, class: 'stats-bar-bots',
      }));
    }
    // A transparent full-height target so that even an empty day shows its tooltip.
    group.append(svgElement('rect', { x: index * slot, y: 0, width: slot, height: HEIGHT, class: 'stats-hit' }));
    svg.append(group);
  });
  for (const index of [0, days.length - 1]) {
    if (!days[index]) continue;
    const label = svgElement('text', {
      x: index === 0 ? 0 : WIDTH,
      y: HEIGHT + AXIS_ROOM - 4,
      'text-anchor': index === 0 ? 'start' : 'end',
      class: 'stats-label',
    });
    label.textContent = formatDay(days[index].date);
    svg.append(label);
  }
  return svg;
}

function svgElement(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}
