// The service's JSON API as the page uses it, and what a failed answer says.
// A call resolves to { ok: true, value } (the parsed body, or null when there is none) or { ok: false, problem };
// it rejects only when the server could not be reached.

export const UNREACHABLE = 'Could not reach the server. Check your connection and try again.';

// For answers that explain nothing themselves, such as a proxy's HTML error page.
const FALLBACK_MESSAGES = {
  413: 'That request is too large for the server to accept.',
  415: 'The server did not accept the request format.',
  429: 'Too many links created in a short time.',
};

/** What visitors without a key may do, whether keys exist, and whose `apiKey` is (GET /api/access). */
export function accessOf(apiKey) {
  return call('GET', '/api/access', { apiKey, cache: 'no-store' });
}

export function createLink(fields, apiKey) {
  return call('POST', '/api/urls', { json: fields, apiKey });
}

export function recentLinks(limit, apiKey) {
  // Never from the HTTP cache: the list is asked for again right after it changed.
  return call('GET', `/api/urls/recent?limit=${limit}`, { apiKey, cache: 'no-store' });
}

/**
 * One page of the links the caller may list (GET /api/urls): `query` holds q, tag (an array), tagMode, page,
 * pageSize and sort; empty values are left out, so the server's defaults apply.
 */
export function searchLinks(query, apiKey) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      if (one !== '' && one != null) params.append(name, String(one));
    }
  }
  return call('GET', `/api/urls?${params}`, { apiKey, cache: 'no-store' });
}

/** The tags on the links the caller may list, with their counts (GET /api/tags). */
export function tagCounts(apiKey) {
  return call('GET', '/api/tags', { apiKey, cache: 'no-store' });
}

/** One link's details, with its forwardQuery and rules (GET /api/urls/{code}). */
export function linkDetails(code, apiKey) {
  return call('GET', linkPath(code), { apiKey, cache: 'no-store' });
}

/** One page of a link's visits, newest first (GET /api/urls/{code}/visits). */
export function linkVisits(code, page, pageSize, apiKey) {
  return call('GET', `${linkPath(code)}/visits?page=${page}&pageSize=${pageSize}`, { apiKey, cache: 'no-store' });
}

/** Forgets a link's visits, keeping its clicks (DELETE /api/urls/{code}/visits, admin key). */
export function deleteVisits(code, apiKey) {
  return call('DELETE', `${linkPath(code)}/visits`, { apiKey });
}

/** Counts of the requests that found no link, per kind (GET /api/visits/orphan/summary, admin key). */
export function orphanSummary(apiKey) {
  return call('GET', '/api/visits/orphan/summary', { apiKey, cache: 'no-store' });
}

/** One page of the requests that found no link, newest first (GET /api/visits/orphan, admin key). */
export function orphanVisits(page, pageSize, apiKey) {
  return call('GET', `/api/visits/orphan?page=${page}&pageSize=${pageSize}`, { apiKey, cache: 'no-store' });
}

export function linkStats(code, apiKey) {
  return call('GET', `${linkPath(code)}/stats`, { apiKey });
}

export function editLink(code, changes, apiKey) {
  return call('PATCH', linkPath(code), { json: changes, apiKey });
}

export function deleteLink(code, apiKey) {
  return call('DELETE', linkPath(code), { apiKey });
}

export function importLinks(file, apiKey) {
  const form = new FormData();
  form.append('file', file);
  return call('POST', '/api/urls/import', { form, apiKey });
}

/** Every link the key may export, as a file: resolves to { ok: true, value: { blob, fileName } } or a problem. */
export function exportLinks(format, apiKey) {
  return call('GET', `/api/urls/export?format=${encodeURIComponent(format)}`, { apiKey, file: true, cache: 'no-store' });
}

export function fallbackMessage(status) {
  return FALLBACK_MESSAGES[status] || `Something went wrong (HTTP ${status}). Try again.`;
}

/**
 * One sentence for a failed answer. `words` are the page's own for some statuses, said instead of the server's
 * (which are written for API clients: headers, routes); otherwise the server's field errors, then its detail.
 */
export function problemMessage(problem, words = {}) {
  return words[problem.status] || problem.errors.map((error) => error.text).join(' ') || problem.detail
    || fallbackMessage(problem.status);
}

function linkPath(code) {
  return `/api/urls/${encodeURIComponent(code)}`;
}

async function call(method, path, { json, form, apiKey, cache, file } = {}) {
  const headers = { Accept: file ? '*/*' : 'application/json' };
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  if (apiKey) headers['X-Api-Key'] = apiKey;
  const body = json !== undefined ? JSON.stringify(json) : form;
  const response = await fetch(path, { method, headers, body, cache });
  if (!response.ok) return { ok: false, problem: await readProblem(response) };
  return { ok: true, value: file ? await readFile(response) : await readJson(response) };
}

async function readFile(response) {
  const disposition = response.headers.get('Content-Disposition') || '';
  const named = /filename="?([^";]+)"?/i.exec(disposition);
  return { blob: await response.blob(), fileName: named ? named[1] : '' };
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** An RFC 9457 problem as { status, detail, errors: [{ name, text }], retryAfter (seconds or null) }. */
async function readProblem(response) {
  // A proxy in front of the service may answer with HTML; that still gets a plain message.
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await readJson(response) : null;
  const problem = body && typeof body === 'object' && !Array.isArray(body) ? body : {};
  return {
    status: response.status,
    detail: plainText(problem.detail) || plainText(problem.title),
    errors: errorsOf(problem.errors),
    retryAfter: retryAfterSeconds(response.headers.get('Retry-After')),
  };
}

function errorsOf(errors) {
  if (!errors || typeof errors !== 'object') return [];
  return Object.entries(errors)
    // Model binders sometimes name fields "$.url".
    .map(([key, value]) => ({ name: key.replace(/^\$\./, ''), text: messagesOf(value).join(' ') }))
    .filter((error) => error.text);
}

function messagesOf(value) {
  if (typeof value === 'string') return [value.trim()].filter(Boolean);
  if (Array.isArray(value)) return value.filter((item) => typeof item === 'string' && item.trim()).map((item) => item.trim());
  return [];
}

function plainText(value) {
  return typeof value === 'string' ? value.trim() : '';
}

function retryAfterSeconds(header) {
  if (!header) return null;
  let seconds = Number(header);
  if (!Number.isFinite(seconds)) {
    // Retry-After may also be an HTTP date.
    const when = Date.parse(header);
    if (Number.isNaN(when)) return null;
    seconds = (when - Date.now()) / 1000;
  }
  return Math.max(1, Math.ceil(seconds));
}
