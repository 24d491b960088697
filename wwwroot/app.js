// The page's script: starts each part and wires the calls between them. Without JavaScript (or without module
// support) the page still works: the form posts to /api/urls and the server answers with a page.
import { startAccess } from './app/access.js';
import { startAllLinks } from './app/alllinks.js';
import { startExportLinks } from './app/export.js';
import { startApiKeyField } from './app/key.js';
import { startImportForm } from './app/import.js';
import { startManageForm } from './app/manage.js';
import { startOrphanVisits } from './app/orphans.js';
import { startRecentLinks } from './app/recent.js';
import { startShortenForm } from './app/shorten.js';
import { startStatsPanel } from './app/stats.js';
import { startVisitsList } from './app/visits.js';
import { rememberLink } from './app/yours.js';

// The parts call each other only from event handlers, so a callback may name a part started further down.
const apiKey = startApiKeyField({ onChange: (settled) => access.keyChanged(settled) });
const access = startAccess({
  apiKey,
  onChange: () => { recent.refresh(); allLinks.refresh({ fromStart: true }); orphans.refresh(); },
});
const isAdmin = () => access.current().caller?.role === 'admin';
const openStats = (code, button) => stats.open(code, button);
const recent = startRecentLinks({ onStats: openStats, access: access.current, apiKey });
const allLinks = startAllLinks({ onStats: openStats, access: access.current, apiKey });
const refreshLists = () => { recent.refresh(); allLinks.refresh(); };
const manage = startManageForm({ apiKey, onChange: refreshLists });
const visits = startVisitsList({ apiKey, isAdmin });
const stats = startStatsPanel({ apiKey, onOpen: (code) => { manage.show(code); visits.show(code); } });
const orphans = startOrphanVisits({ apiKey, isAdmin });
startShortenForm({ apiKey, onCreated: linkCreated });
startImportForm({ apiKey, onImported: refreshLists });
startExportLinks({ apiKey });

async function linkCreated(link) {
  // Where visitors may shorten but not list, this browser remembers the links it made.
  await access.answered;
  const { anonymous, caller } = access.current();
  if (link && anonymous === 'Create' && !caller) rememberLink(link);
  recent.refresh(link?.code);
  allLinks.refresh();
}

// The static page can only say "/"; the script knows the address it was served from.
document.getElementById('curl-example').textContent = `curl -d url=https://example.com ${location.origin}/api/urls`;

// The list waits for the answer: which links it shows depends on it.
access.check();
