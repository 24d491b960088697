// "Your links": where the service lets visitors without a key shorten but not list (ShortUrl:Anonymous=Create), the
// links this browser made, remembered in its localStorage, newest first. Only what the create answered and a visitor
// may see: no clicks, and no target of a password-protected link (the next person at a shared computer would see it).
const STORAGE_KEY = 'shorturl.yourLinks';
const KEPT = 50;

/** Remembers a link the create just answered with. */
export function rememberLink(link) {
  if (!link || typeof link.code !== 'string') return;
  const kept = {
    code: link.code,
    shortUrl: typeof link.shortUrl === 'string' ? link.shortUrl : '',
    url: link.hasPassword ? null : link.url ?? null,
    displayUrl: link.hasPassword ? null : link.displayUrl ?? null,
    createdAt: typeof link.createdAt === 'string' ? link.createdAt : '',
    hasPassword: Boolean(link.hasPassword),
  };
  save([kept, ...yourLinks().filter((other) => other.code !== kept.code)].slice(0, KEPT));
}

/** The remembered links, newest first ([] when there are none or storage is not available). */
export function yourLinks() {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(stored) ? stored.filter((link) => link && typeof link === 'object' && typeof link.code === 'string') : [];
  } catch {
    return [];
  }
}

export function forgetYourLinks() {
  save([]);
}

function save(links) {
  try {
    if (links.length) localStorage.setItem(STORAGE_KEY, JSON.stringify(links));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage full or turned off: the list is only a convenience.
  }
}
