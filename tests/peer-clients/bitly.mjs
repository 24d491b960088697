// Bitly's npm client (bitly, pinned in package.json) against ShortUrl's /v4. The client always speaks https to port 443
// of the host it is given (apiUrl), so the service listens there with a throwaway certificate the test trusts.
import { BitlyClient } from 'bitly';
import { assert, check, equal, eventually, finish, rejection, required } from './checks.mjs';

const host = required('SHORTURL_BITLY_HOST');
const admin = new BitlyClient(required('SHORTURL_ADMIN_KEY'), { apiUrl: host });
const author = new BitlyClient(required('SHORTURL_AUTHOR_KEY'), { apiUrl: host });
const stranger = new BitlyClient('a-key-nobody-configured', { apiUrl: host });
const longUrl = `https://example.com/bitly-${Date.now().toString(36)}`;
const browser = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';
const bitlyDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/;
let shortened;
let created;

await check('shorten() a long URL', async () => {
  shortened = await admin.shorten(longUrl);
  equal(shortened.long_url, longUrl, 'long_url');
  assert(shortened.link.startsWith(`https://${host}/`), `link ${shortened.link}`);
  equal(shortened.id, shortened.link.replace('https://', ''), 'id');
  equal(shortened.archived, false, 'archived');
  assert(bitlyDate.test(shortened.created_at), `created_at ${shortened.created_at}`);
});

await check('shorten() the same long URL again returns the same bitlink', async () => {
  const again = await admin.shorten(longUrl);
  equal(again.id, shortened.id, 'id');
});

await check('shorten() an invalid URL fails with INVALID_ARG_LONG_URL', async () => {
  const error = await rejection(admin.shorten('not a url'), 'shortening "not a url"');
  equal(error.message, 'INVALID_ARG_LONG_URL', 'message');
  equal(error.errors[0].field, 'long_url', 'errors[0].field');
});

await check("bitlyRequest('bitlinks') creates a bitlink with a title and tags", async () => {
  created = await admin.bitlyRequest('bitlinks', { long_url: `${longUrl}/created`, title: 'From bitly', tags: ['bitly', 'peers'] });
  equal(created.long_url, `${longUrl}/created`, 'long_url');
  equal(created.title, 'From bitly', 'title');
  equal(created.tags, ['bitly', 'peers'], 'tags');
  assert(created.id !== shortened.id, 'a new bitlink');
});

await check('getBitlink() and info() by id and by link', async () => {
  equal((await admin.getBitlink(created.id)).long_url, `${longUrl}/created`, 'by id');
  equal((await admin.info(created.link)).title, 'From bitly', 'by link');
});

await check("bitlyRequest('bitlinks/{id}', ..., 'PATCH') changes the title and tags", async () => {
  const updated = await admin.bitlyRequest(`bitlinks/${created.id}`, { title: 'Edited', tags: ['bitly'] }, 'PATCH');
  equal(updated.title, 'Edited', 'title');
  equal(updated.tags, ['bitly'], 'tags');
  equal(updated.long_url, `${longUrl}/created`, 'long_url left as it was');
});

await check('expand() gives the long URL', async () => {
  const expanded = await admin.expand(shortened.id);
  equal(expanded.long_url, longUrl, 'long_url');
  equal(expanded.link, shortened.link, 'link');
  equal(expanded.id, shortened.id, 'id');
});

await check('clicks(), clicksByDay() and clicksByMinute() count a visit', async () => {
  const response = await fetch(shortened.link, { redirect: 'manual', headers: { 'User-Agent': browser, Referer: 'https://bitly-referrer.example/page' } });
  equal(response.status, 302, 'redirect status');
  equal(response.headers.get('location'), longUrl, 'Location');
  const clicks = await eventually(async () => {
    const c = await admin.clicks(shortened.id);
    return c.link_clicks.reduce((sum, day) => sum + day.clicks, 0) === 1 && c;
  }, 'the click showing');
  equal(clicks.unit, 'day', 'unit');
  equal(clicks.units, -1, 'units');
  assert(bitlyDate.test(clicks.link_clicks[0].date), `date ${clicks.link_clicks[0].date}`);
  equal((await admin.clicksByDay(shortened.id)).link_clicks.length, 1, 'days with clicks');
  const minutes = await admin.clicksByMinute(shortened.id);
  equal(minutes.unit, 'minute', 'unit of clicksByMinute');
  equal(minutes.link_clicks.reduce((sum, m) => sum + m.clicks, 0), 1, 'clicks by minute');
});

await check("bitlyRequest('bitlinks/{id}/clicks/summary') sums the clicks", async () => {
  const summary = await admin.bitlyRequest(`bitlinks/${shortened.id}/clicks/summary`, {}, 'GET');
  equal(summary.total_clicks, 1, 'total_clicks');
});

await check('referrers() and countries()', async () => {
  const referrers = await admin.referrers(shortened.id);
  equal(referrers.facet, 'referrers', 'facet');
  assert(referrers.metrics.some((m) => m.value.includes('bitly-referrer.example') && m.clicks === 1), `metrics ${JSON.stringify(referrers.metrics)}`);
  const countries = await admin.countries(shortened.id);
  equal(countries.facet, 'countries', 'facet');
  assert(Array.isArray(countries.metrics), 'metrics');
});

await check('getBitlink() of an unknown bitlink fails with NOT_FOUND', async () => {
  const error = await rejection(admin.getBitlink(`${host}/NoSuchLink1`), 'getBitlink of an unknown link');
  equal(error.message, 'NOT_FOUND', 'message');
});

await check("an author key does not see another key's bitlink", async () => {
  const own = await author.shorten(`${longUrl}/authored`);
  equal((await author.getBitlink(own.id)).long_url, `${longUrl}/authored`, 'its own');
  const error = await rejection(author.getBitlink(shortened.id), "an author's getBitlink of the admin's link");
  equal(error.message, 'NOT_FOUND', 'message');
});

await check('a wrong token fails with FORBIDDEN', async () => {
  const error = await rejection(stranger.shorten(longUrl), 'a shorten with a wrong token');
  equal(error.message, 'FORBIDDEN', 'message');
});

finish();
