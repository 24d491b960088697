// Shlink's own JS SDK (@shlinkio/shlink-js-sdk, pinned in package.json) against ShortUrl's /rest/v3: every SDK method
// that maps to something ShortUrl has, with the shapes and errors the SDK's users read.
import { ShlinkApiClient } from '@shlinkio/shlink-js-sdk';
import { FetchHttpClient } from '@shlinkio/shlink-js-sdk/fetch';
import { ErrorType } from '@shlinkio/shlink-js-sdk/api-contract';
import { assert, check, equal, eventually, finish, rejection, required } from './checks.mjs';

const baseUrl = required('SHORTURL_BASE_URL');
const admin = new ShlinkApiClient(new FetchHttpClient(), { baseUrl, apiKey: required('SHORTURL_ADMIN_KEY') });
const author = new ShlinkApiClient(new FetchHttpClient(), { baseUrl, apiKey: required('SHORTURL_AUTHOR_KEY') });
const stranger = new ShlinkApiClient(new FetchHttpClient(), { baseUrl, apiKey: 'a-key-nobody-configured' });
const slug = `sdk-${Date.now().toString(36)}`;
const atomDate = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const validUntil = new Date(Date.now() + 86_400_000 * 30).toISOString();

await check('health() reports pass', async () => {
  const health = await admin.health();
  equal(health.status, 'pass', 'status');
  assert(typeof health.version === 'string', 'version is a string');
});

await check('createShortUrl() with a custom slug, tags, title, maxVisits and validUntil', async () => {
  const created = await admin.createShortUrl({
    longUrl: 'https://example.com/shlink-sdk', customSlug: slug, tags: ['sdk', 'peers'], title: 'From the SDK', maxVisits: 100,
    validUntil, forwardQuery: true, crawlable: false,
  });
  equal(created.shortCode, slug, 'shortCode');
  equal(created.shortUrl, `${baseUrl}/${slug}`, 'shortUrl');
  equal(created.longUrl, 'https://example.com/shlink-sdk', 'longUrl');
  equal(created.tags, ['sdk', 'peers'], 'tags');
  equal(created.title, 'From the SDK', 'title');
  equal(created.meta.maxVisits, 100, 'meta.maxVisits');
  assert(atomDate.test(created.meta.validUntil), `meta.validUntil ${created.meta.validUntil} is an ISO date with its offset`);
  equal(created.meta.validSince, null, 'meta.validSince');
  assert(atomDate.test(created.dateCreated), `dateCreated ${created.dateCreated} is an ISO date with its offset`);
  equal(created.visitsSummary, { total: 0, nonBots: 0, bots: 0 }, 'visitsSummary');
  equal(created.domain, null, 'domain');
  equal(created.forwardQuery, true, 'forwardQuery');
});

await check('createShortUrl() with a slug in use fails as non-unique-slug', async () => {
  const error = await rejection(admin.createShortUrl({ longUrl: 'https://example.com/other', customSlug: slug }), 'a second create');
  equal(error.type, ErrorType.INVALID_SLUG, 'type');
  equal(error.status, 400, 'status');
  equal(error.customSlug, slug, 'customSlug');
});

await check('createShortUrl() with an invalid long URL fails as invalid-data naming longUrl', async () => {
  const error = await rejection(admin.createShortUrl({ longUrl: 'not a url' }), 'a create of "not a url"');
  equal(error.type, ErrorType.INVALID_ARGUMENT, 'type');
  equal(error.status, 400, 'status');
  equal(error.invalidElements, ['longUrl'], 'invalidElements');
});

await check('createShortUrl() with findIfExists returns the existing short URL', async () => {
  const found = await admin.createShortUrl({ longUrl: 'https://example.com/shlink-sdk', findIfExists: true });
  equal(found.shortCode, slug, 'shortCode');
});

await check('createShortUrl() without a slug generates a code', async () => {
  const created = await admin.createShortUrl({ longUrl: 'https://example.com/generated', tags: ['sdk'] });
  assert(/^[A-Za-z0-9]{4,}$/.test(created.shortCode), `shortCode ${created.shortCode}`);
});

await check('getShortUrl() returns the short URL', async () => {
  const shortUrl = await admin.getShortUrl({ shortCode: slug });
  equal(shortUrl.shortCode, slug, 'shortCode');
  equal(shortUrl.tags, ['sdk', 'peers'], 'tags');
});

await check('getShortUrl() of an unknown code fails as short-url-not-found', async () => {
  const error = await rejection(admin.getShortUrl({ shortCode: 'no-such-code-here' }), 'getShortUrl of an unknown code');
  equal(error.type, ErrorType.INVALID_SHORTCODE, 'type');
  equal(error.status, 404, 'status');
});

await check('listShortUrls() with searchTerm, tags, tagsMode, orderBy and itemsPerPage', async () => {
  const list = await admin.listShortUrls({
    searchTerm: 'shlink-sdk', tags: ['sdk'], tagsMode: 'all', orderBy: { field: 'dateCreated', dir: 'DESC' }, itemsPerPage: 5, page: '1',
  });
  equal(list.data.map((s) => s.shortCode), [slug], 'codes');
  equal(list.pagination, { currentPage: 1, pagesCount: 1, totalItems: 1 }, 'pagination');
});

await check('listShortUrls() pages: itemsPerPage 1 over the sdk tag', async () => {
  const list = await admin.listShortUrls({ tags: ['sdk'], itemsPerPage: 1, page: '2', orderBy: { field: 'shortCode', dir: 'ASC' } });
  equal(list.data.length, 1, 'items on page 2');
  equal(list.pagination.currentPage, 2, 'currentPage');
  equal(list.pagination.pagesCount, 2, 'pagesCount');
  equal(list.pagination.totalItems, 2, 'totalItems');
});

await check('listShortUrls() with startDate, excludeMaxVisitsReached and excludePastValidUntil', async () => {
  const list = await admin.listShortUrls({
    tags: ['sdk'], startDate: new Date(Date.now() - 3_600_000).toISOString(), excludeMaxVisitsReached: true, excludePastValidUntil: true,
  });
  equal(list.pagination.totalItems, 2, 'totalItems');
  const none = await admin.listShortUrls({ tags: ['sdk'], endDate: '2000-01-01T00:00:00+00:00' });
  equal(none.pagination.totalItems, 0, 'totalItems before 2000');
});

await check('updateShortUrl() changes the title, tags and maxVisits', async () => {
  const updated = await admin.updateShortUrl({ shortCode: slug }, { title: 'Renamed', tags: ['sdk', 'peers', 'edited'], maxVisits: null });
  equal(updated.title, 'Renamed', 'title');
  equal(updated.tags, ['sdk', 'peers', 'edited'], 'tags');
  equal(updated.meta.maxVisits, null, 'meta.maxVisits');
  equal(updated.longUrl, 'https://example.com/shlink-sdk', 'longUrl left as it was');
});

await check('updateShortUrl() with an invalid long URL fails as invalid-data', async () => {
  const error = await rejection(admin.updateShortUrl({ shortCode: slug }, { longUrl: 'ftp://example.com/' }), 'an edit to ftp://');
  equal(error.type, ErrorType.INVALID_ARGUMENT, 'type');
  equal(error.invalidElements, ['longUrl'], 'invalidElements');
});

await check('setShortUrlRedirectRules() and getShortUrlRedirectRules()', async () => {
  const set = await admin.setShortUrlRedirectRules({ shortCode: slug }, {
    redirectRules: [
      { longUrl: 'https://example.com/ios', conditions: [{ type: 'device', matchKey: null, matchValue: 'ios' }] },
      { longUrl: 'https://example.com/fr', conditions: [{ type: 'language', matchKey: null, matchValue: 'fr' }] },
      { longUrl: 'https://example.com/campaign', conditions: [{ type: 'query-param', matchKey: 'utm', matchValue: 'x' }] },
    ],
  });
  equal(set.redirectRules.length, 3, 'rules set');
  const got = await admin.getShortUrlRedirectRules({ shortCode: slug });
  equal(got.defaultLongUrl, 'https://example.com/shlink-sdk', 'defaultLongUrl');
  equal(got.redirectRules.map((r) => [r.priority, r.longUrl, r.conditions[0].type, r.conditions[0].matchKey, r.conditions[0].matchValue]), [
    [1, 'https://example.com/ios', 'device', null, 'ios'],
    [2, 'https://example.com/fr', 'language', null, 'fr'],
    [3, 'https://example.com/campaign', 'query-param', 'utm', 'x'],
  ], 'rules');
  const shortUrl = await admin.getShortUrl({ shortCode: slug });
  equal(shortUrl.hasRedirectRules, true, 'hasRedirectRules');
});

await check('a visit of the short URL follows its rules and shows in getShortUrlVisits()', async () => {
  const response = await fetch(`${baseUrl}/${slug}?utm=x`, { redirect: 'manual', headers: { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0', Referer: 'https://news.example.org/item' } });
  equal(response.status, 302, 'redirect status');
  equal(response.headers.get('location'), 'https://example.com/campaign?utm=x', 'Location');
  const visits = await eventually(async () => {
    const list = await admin.getShortUrlVisits({ shortCode: slug });
    return list.data.length > 0 && list;
  }, 'the visit showing');
  equal(visits.pagination.totalItems, 1, 'totalItems');
  const [visit] = visits.data;
  assert(atomDate.test(visit.date), `date ${visit.date}`);
  equal(visit.potentialBot, false, 'potentialBot');
  assert(visit.referer.includes('news.example.org'), `referer ${visit.referer}`);
  equal(visit.visitedUrl, `${baseUrl}/${slug}`, 'visitedUrl');
});

await check('getVisitsOverview() counts the visit', async () => {
  const overview = await admin.getVisitsOverview();
  assert(overview.nonOrphanVisits.total >= 1, `nonOrphanVisits ${JSON.stringify(overview.nonOrphanVisits)}`);
  assert(overview.nonOrphanVisits.nonBots >= 1, `nonOrphanVisits ${JSON.stringify(overview.nonOrphanVisits)}`);
  assert(typeof overview.orphanVisits.total === 'number', 'orphanVisits.total');
});

await check('getTagVisits() lists the visits of the tag', async () => {
  const visits = await admin.getTagVisits('edited');
  equal(visits.pagination.totalItems, 1, 'totalItems');
  equal(visits.data[0].visitedUrl, `${baseUrl}/${slug}`, 'visitedUrl');
});

await check('getNonOrphanVisits() and getDomainVisits("DEFAULT") list it', async () => {
  const all = await admin.getNonOrphanVisits({ itemsPerPage: 5000 });
  assert(all.data.some((v) => v.visitedUrl === `${baseUrl}/${slug}`), 'the visit among the non-orphan visits');
  const domain = await admin.getDomainVisits('DEFAULT');
  equal(domain.pagination.totalItems, all.pagination.totalItems, 'the default domain holds every visit');
});

await check('getOrphanVisits() lists a request for an unknown code', async () => {
  await fetch(`${baseUrl}/NoSuchCode9`, { redirect: 'manual' });
  const orphans = await eventually(async () => {
    const list = await admin.getOrphanVisits({ type: 'invalid_short_url' });
    return list.data.some((v) => v.visitedUrl.endsWith('/NoSuchCode9')) && list;
  }, 'the orphan visit showing');
  equal(orphans.data.find((v) => v.visitedUrl.endsWith('/NoSuchCode9')).type, 'invalid_short_url', 'type');
});

await check('listTags() and tagsStats()', async () => {
  const tags = await admin.listTags();
  assert(['sdk', 'peers', 'edited'].every((t) => tags.data.includes(t)), `tags ${JSON.stringify(tags.data)}`);
  const stats = await admin.tagsStats();
  const edited = stats.data.find((t) => t.tag === 'edited');
  equal(edited.shortUrlsCount, 1, 'shortUrlsCount of edited');
  assert(edited.visitsSummary.total >= 1, `visitsSummary ${JSON.stringify(edited.visitsSummary)}`);
});

await check('editTag() renames a tag, deleteTags() deletes one', async () => {
  equal(await admin.editTag({ oldName: 'edited', newName: 'renamed' }), { oldName: 'edited', newName: 'renamed' }, 'editTag');
  equal((await admin.getShortUrl({ shortCode: slug })).tags, ['sdk', 'peers', 'renamed'], 'tags after the rename');
  await admin.deleteTags(['renamed']);
  equal((await admin.getShortUrl({ shortCode: slug })).tags, ['sdk', 'peers'], 'tags after the delete');
});

await check('editTag() of an unknown tag fails as tag-not-found', async () => {
  const error = await rejection(admin.editTag({ oldName: 'no-such-tag', newName: 'whatever' }), 'renaming an unknown tag');
  equal(error.type, ErrorType.TAG_NOT_FOUND, 'type');
  equal(error.status, 404, 'status');
});

await check('listDomains() names the one default domain', async () => {
  const domains = await admin.listDomains();
  equal(domains.data.length, 1, 'domains');
  equal(domains.data[0].isDefault, true, 'isDefault');
  equal(domains.data[0].domain, new URL(baseUrl).host, 'domain');
});

await check('deleteShortUrlVisits() forgets the visits', async () => {
  const deleted = await admin.deleteShortUrlVisits({ shortCode: slug });
  equal(deleted.deletedVisits, 1, 'deletedVisits');
  equal((await admin.getShortUrlVisits({ shortCode: slug })).pagination.totalItems, 0, 'visits left');
});

await check('an author key sees only its own short URLs', async () => {
  const own = await author.createShortUrl({ longUrl: 'https://example.com/authored' });
  const list = await author.listShortUrls();
  equal(list.data.map((s) => s.shortCode), [own.shortCode], 'the author list');
  const error = await rejection(author.getShortUrl({ shortCode: slug }), "an author's getShortUrl of the admin's link");
  equal(error.type, ErrorType.INVALID_SHORTCODE, 'type');
  const tagError = await rejection(author.deleteTags(['sdk']), "an author's deleteTags");
  equal(tagError.type, ErrorType.FORBIDDEN_OPERATION, 'type');
});

await check('a wrong key fails as invalid-api-key', async () => {
  const error = await rejection(stranger.listShortUrls(), 'a list with a wrong key');
  equal(error.type, ErrorType.INVALID_API_KEY, 'type');
  equal(error.status, 401, 'status');
});

await check('mercureInfo() answers as Shlink without a Mercure hub', async () => {
  const error = await rejection(admin.mercureInfo(), 'mercureInfo');
  equal(error.type, ErrorType.MERCURE_NOT_CONFIGURED, 'type');
});

await check('deleteShortUrl() deletes it', async () => {
  await admin.deleteShortUrl({ shortCode: slug });
  const error = await rejection(admin.getShortUrl({ shortCode: slug }), 'getShortUrl after the delete');
  equal(error.type, ErrorType.INVALID_SHORTCODE, 'type');
});

await check("a browser's preflight is answered as Shlink answers it (CORS)", async () => {
  const response = await fetch(`${baseUrl}/rest/v3/short-urls`, {
    method: 'OPTIONS',
    headers: { Origin: 'https://app.shlink.io', 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'x-api-key,content-type' },
  });
  equal(response.status, 204, 'status');
  equal(response.headers.get('access-control-allow-origin'), '*', 'Access-Control-Allow-Origin');
  assert(response.headers.get('access-control-allow-methods').includes('PATCH'), 'Access-Control-Allow-Methods');
  equal(response.headers.get('access-control-allow-headers'), 'x-api-key,content-type', 'Access-Control-Allow-Headers');
});

finish();
