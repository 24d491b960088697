// How numbers, times and links read on the page, in the reader's own locale.

const numberFormat = new Intl.NumberFormat();
// The year only when it is not this one: "Nov 26, 4:39 PM" fits a phone's row; the full time is the tooltip.
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const thisYearFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
// Stats days are UTC dates; shown in the reader's time zone they would slip to the day before.
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** A count from the API; anything that is not a number reads as 0. */
export function formatCount(value) {
  return numberFormat.format(Number(value) || 0);
}

export function formatTime(date) {
  return (date.getFullYear() === new Date().getFullYear() ? thisYearFormat : dateFormat).format(date);
}

/** A `yyyy-MM-dd` day of the stats. */
export function formatDay(day) {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

export function clicksWord(count) {
  return count === 1 ? 'click' : 'clicks';
}

export function shortUrlOf(link) {
  if (typeof link.shortUrl === 'string' && link.shortUrl) return link.shortUrl;
  return link.code ? `${location.origin}/${encodeURIComponent(link.code)}` : '';
}
