// Scenarios from the machine SoulSpot runs on (127.0.0.1, a trusted network): onboarding, importing a
// playlist, watching downloads complete live, choosing another candidate, changing the naming template.
import { api, expect, expectEqual, shot, waitFor } from '../lib/harness.mjs';

// Poll on a timer: requestAnimationFrame (the default) does not run in a tab that is not in front.
const POLL = { polling: 100 };

export const PASSWORD = 'correct horse battery';
const LATE_NIGHT = 'https://open.spotify.com/playlist/37i9dQZF1DXdemoLate001';
const DONE = new Set(['IMPORTED', 'COMPLETED']);

export async function onboarding({ page, demo }) {
  await page.goto(`${demo.base}/`);
  await page.waitForURL(/\/setup/);
  await page.waitForSelector('#setup-password');
  await shot(page, '01-onboarding-password');
  await page.fill('#setup-username', 'admin');
  await page.fill('#setup-password', PASSWORD);
  await page.fill('#setup-password2', PASSWORD);
  await page.click('#setup-save-password');
  await page.waitForSelector('#slskd-test');
  await page.click('#slskd-test');
  await page.waitForFunction(() => /Connected to slskd/.test(document.querySelector('#slskd-result')?.textContent || ''), null, POLL);
  await shot(page, '02-onboarding-slskd');
  await page.click('#setup-next');
  await page.waitForSelector('#spotify-status .notice');
  expect(/connected/i.test(await page.textContent('#spotify-status')), 'the Spotify step shows the demo connection');
  await shot(page, '03-onboarding-spotify');
  await page.click('#setup-next');
  await page.waitForSelector('#folders');
  const system = (await api(demo.base, 'GET', '/api/v1/settings/system')).data;
  expect((await page.textContent('#folders')).includes(system.folders.music), 'the folders step shows STORAGE_MUSIC_PATH');
  await shot(page, '04-onboarding-folders');
  await page.click('#setup-next');
  await page.waitForURL((u) => u.pathname === '/');
  const session = (await api(demo.base, 'GET', '/api/v1/auth/session')).data;
  expectEqual(session.setup_required, false, 'a password is set after onboarding');
}

export async function importPlaylist(env) {
  const { page, demo } = env;
  // A second tab watches the downloads page from before the import, to see the new downloads arrive live.
  env.watcher = await page.context().newPage();
  await env.watcher.goto(`${demo.base}/downloads`);
  await env.watcher.waitForSelector('#downloads-table');
  await env.watcher.evaluate(() => {
    window.__noReload = true;
    window.__seen = new Set();
    const note = () => document.querySelectorAll('#downloads-table .badge').forEach((b) => window.__seen.add(b.textContent));
    note();
    new MutationObserver(note).observe(document.querySelector('#downloads-list'), { childList: true, subtree: true, characterData: true });
  });
  await page.goto(`${demo.base}/playlists`);
  await page.fill('#import-url', LATE_NIGHT);
  await page.check('#import-url-auto');
  await page.click('#import-url-form button[type=submit]');
  await page.waitForFunction(() => /Imported/.test(document.querySelector('#import-message')?.textContent || ''), null, { ...POLL, timeout: 20000 });
  const playlists = (await api(demo.base, 'GET', '/api/v1/playlists')).data;
  const items = Array.isArray(playlists) ? playlists : playlists.items;
  const late = items.find((p) => p.name === 'Demo: Late Night');
  expect(late, 'the API lists the imported playlist');
  const row = page.locator(`#playlists-table tr[data-id="${late.id}"]`);
  await row.waitFor();
  expectEqual(await row.locator('td').nth(2).textContent(), String(late.track_count), 'track count in the list');
  await shot(page, '05-playlists');
  await row.locator('a').click();
  await page.waitForSelector('#playlist-tracks tbody tr');
  expectEqual(await page.locator('#playlist-tracks tbody tr').count(), late.track_count, 'tracks shown on the playlist page');
  await shot(page, '06-playlist-detail');
}

export async function downloadsCompleteLive({ watcher, demo }) {
  expect(watcher, 'the import scenario opened the watching tab');
  const page = watcher;
  await page.bringToFront();
  await shot(page, '07-downloads-in-progress');
  const total = (await api(demo.base, 'GET', '/api/v1/downloads/summary')).data.total;
  expect(total >= 9, `both playlists are queued (${total} downloads)`);
  await waitFor(async () => {
    const statuses = await page.locator('#downloads-table .badge').allTextContents();
    return statuses.length === total && statuses.every((s) => DONE.has(s));
  }, { timeout: 150000, interval: 500, what: 'every download to finish on the page' });
  expect(await page.evaluate(() => window.__noReload === true), 'the page updated without a reload');
  const seen = await page.evaluate(() => [...window.__seen]);
  expect(seen.some((s) => !DONE.has(s)), `the page showed intermediate states live (saw ${seen.join(', ')})`);
  const list = (await api(demo.base, 'GET', '/api/v1/downloads', undefined)).data;
  for (const d of list) {
    expectEqual(await page.locator(`#downloads-table tr[data-id="${d.id}"] .badge`).textContent(), d.status, `status of download ${d.id}`);
  }
  await shot(page, '08-downloads-done');
}

export async function chooseAnotherCandidate({ page, demo }) {
  const list = (await api(demo.base, 'GET', '/api/v1/downloads')).data;
  const target = list.find((d) => d.track.title === 'Midnight Signal');
  expect(target, 'the demo download "Midnight Signal" exists');
  await page.goto(`${demo.base}/downloads/${target.id}`);
  await page.waitForSelector('#candidates tbody tr');
  const before = (await api(demo.base, 'GET', `/api/v1/downloads/${target.id}`)).data;
  expect(before.candidates.length >= 2, 'two candidates were found');
  await shot(page, '09-download-detail');
  const other = before.candidates.find((c) => !(c.username === before.source.username && c.filename === before.source.filename));
  await page.click(`#candidates tr[data-rank="${other.rank}"] button`);
  const after = await waitFor(async () => {
    const d = (await api(demo.base, 'GET', `/api/v1/downloads/${target.id}`)).data;
    return d.source && d.source.username === other.username ? d : null;
  }, { what: 'the API to show the chosen candidate' });
  await page.waitForSelector(`#candidates tr[data-rank="${other.rank}"].current`);
  expectEqual(after.source.filename, other.filename, 'the chosen file is being downloaded');
  await shot(page, '10-download-detail-picked');
}

export async function namingTemplate({ page, demo }) {
  await page.goto(`${demo.base}/settings`);
  await page.waitForSelector('#naming-track');
  const current = (await api(demo.base, 'GET', '/api/v1/settings/naming')).data.track_template;
  const next = `Demo/${current}`;
  await page.fill('#naming-track', next);
  await page.waitForFunction(() => /Demo\//.test(document.querySelector('#naming-preview')?.textContent || ''), null, POLL);
  await page.click('#naming-save');
  await waitFor(async () => (await api(demo.base, 'GET', '/api/v1/settings/naming')).data.track_template === next,
    { what: 'the saved template' });
  await shot(page, '11-settings');
}
