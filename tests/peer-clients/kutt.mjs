// Kutt's npm client (kutt, pinned in package.json) against ShortUrl's /api/v2: health, and each links method.
import Kutt from 'kutt';
import { assert, check, equal, eventually, finish, rejection, required } from './checks.mjs';

const baseUrl = required('SHORTURL_BASE_URL');
const client = (key) => new Kutt().set('api', `${baseUrl}/api/v2`).set('key', key);
const admin = client(required('SHORTURL_ADMIN_KEY'));
const author = client(required('SHORTURL_AUTHOR_KEY'));
const stranger = client('a-key-nobody-configured');
const custom = `kutt-${Date.now().toString(36)}`;
const browser = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';

await check('health().check() is true', async () => {
  equal(await admin.health().check(), true, 'health');
});

await check('links().create() with customurl, description and expire_in', async () => {
  const link = await admin.links().create({ target: 'https://example.com/kutt', customurl: custom, description: 'From kutt', expire_in: '2 days' });
  equal(link.address, custom, 'address');
  equal(link.id, custom, 'id');
  equal(link.link, `${baseUrl}/${custom}`, 'link');
  equal(link.target, 'https://example.com/kutt', 'target');
  equal(link.description, 'From kutt', 'description');
  equal(link.password, false, 'password');
  equal(link.visit_count, 0, 'visit_count');
  assert(link.created_at instanceof Date && !Number.isNaN(link.created_at.getTime()), `created_at ${link.created_at}`);
  const expires = new Date(link.expire_in).getTime() - Date.now();
  assert(expires > 86_400_000 * 1.9 && expires < 86_400_000 * 2.1, `expire_in ${link.expire_in} is two days away`);
});

await check('links().create() with a customurl in use fails with 400', async () => {
  const error = await rejection(admin.links().create({ target: 'https://example.com/other', customurl: custom }), 'a second create');
  equal(error.cause.status, 400, 'status');
  assert(error.message.includes('already in use'), `message ${error.message}`);
});

await check('links().create() with an invalid target fails with 400', async () => {
  const error = await rejection(admin.links().create({ target: 'javascript:alert(1)' }), 'a create of javascript:');
  equal(error.cause.status, 400, 'status');
  assert(error.message.startsWith('target'), `message ${error.message}`);
});

await check('links().create() with reuse returns the existing link', async () => {
  const link = await admin.links().create({ target: 'https://example.com/kutt', reuse: true });
  equal(link.address, custom, 'address');
});

await check('links().create() with a password', async () => {
  const link = await admin.links().create({ target: 'https://example.com/secret', password: 'open sesame' });
  equal(link.password, true, 'password');
  const response = await fetch(link.link, { redirect: 'manual', headers: { 'User-Agent': browser, Accept: 'text/html' } });
  assert(response.status !== 302, `following a protected link answered ${response.status}, not the password form`);
});

await check('links().list() with limit and skip', async () => {
  const list = await admin.links().list({ limit: 1, skip: 0 });
  equal(list.limit, 1, 'limit');
  equal(list.skip, 0, 'skip');
  equal(list.total, 2, 'total');
  equal(list.data.length, 1, 'data');
  const next = await admin.links().list({ limit: 1, skip: 1 });
  equal(next.data.length, 1, 'data of the next page');
  assert(next.data[0].id !== list.data[0].id, 'the next page holds the other link');
});

await check('links().update() changes the target and description', async () => {
  const link = await admin.links().update(custom, { address: custom, target: 'https://example.com/kutt-edited', description: 'Edited' });
  equal(link.target, 'https://example.com/kutt-edited', 'target');
  equal(link.description, 'Edited', 'description');
});

await check('links().stats() counts a visit', async () => {
  const response = await fetch(`${baseUrl}/${custom}`, { redirect: 'manual', headers: { 'User-Agent': browser, Referer: 'https://kutt-referrer.example/' } });
  equal(response.status, 302, 'redirect status');
  equal(response.headers.get('location'), 'https://example.com/kutt-edited', 'Location');
  const stats = await eventually(async () => {
    const s = await admin.links().stats(custom);
    return s.visit_count === 1 && s.allTime.stats.browser.length > 0 && s;
  }, 'the visit showing in the stats');
  equal(stats.address, custom, 'address');
  equal(stats.allTime.stats.browser.reduce((sum, b) => sum + b.value, 0), 1, 'browsers of all time');
  assert(stats.lastDay.stats.referrer.some((r) => r.name.includes('kutt-referrer.example')), `referrers ${JSON.stringify(stats.lastDay.stats.referrer)}`);
  equal(stats.lastWeek.views.reduce((sum, v) => sum + v, 0), 1, 'views of the last week');
});

await check("an author key lists only its own links and cannot touch another's", async () => {
  const own = await author.links().create({ target: 'https://example.com/authored' });
  const list = await author.links().list();
  equal(list.data.map((l) => l.id), [own.id], "the author's list");
  const error = await rejection(author.links().remove(custom), "an author's delete of the admin's link");
  equal(error.cause.status, 404, 'status');
  const everyone = await admin.links().list({ all: true, limit: 50 });
  equal(everyone.total, 3, "an admin's list of every key's links");
});

await check('a wrong key fails with 401', async () => {
  const error = await rejection(stranger.links().list(), 'a list with a wrong key');
  equal(error.cause.status, 401, 'status');
});

await check('links().remove() deletes the link', async () => {
  equal(await admin.links().remove(custom), 'Link has been deleted successfully.', 'message');
  const error = await rejection(admin.links().stats(custom), 'stats after the delete');
  equal(error.cause.status, 404, 'status');
  const response = await fetch(`${baseUrl}/${custom}`, { redirect: 'manual' });
  equal(response.status, 404, 'the short link after the delete');
});

finish();
