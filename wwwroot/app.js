// The page's script: starts each part and wires the calls between them. Without JavaScript (or without module
// support) the page still works: the form posts to /api/urls and the server answers with a page.
import { startApiKeyField } from './app/key.js';
import { startImportForm } from './app/import.js';
import { startManageForm } from './app/manage.js';
import { startRecentLinks } from './app/recent.js';
import { startShortenForm } from './app/shorten.js';
import { startStatsPanel } from './app/stats.js';

// The parts call each other only from event handlers, so a callback may name a part started further down.
const apiKey = startApiKeyField();
const recent = startRecentLinks({ onStats: (code, button) => stats.open(code, button) });
const refreshRecent = () => recent.refresh();
const manage = startManageForm({ apiKey, onChange: refreshRecent });
const stats = startStatsPanel({ onOpen: (code) => manage.show(code) });
startShortenForm({ onCreated: (code) => recent.refresh(code) });
startImportForm({ apiKey, onImported: refreshRecent });

// The static page can only say "/"; the script knows the address it was served from.
document.getElementById('curl-example').textContent = `curl -d url=https://example.com ${location.origin}/api/urls`;

recent.refresh();
