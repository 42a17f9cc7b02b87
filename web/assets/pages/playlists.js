// Wanted lists: import a Spotify playlist by link (or pick from your Spotify playlists), import a CSV/M3U
// file, and the list with auto-download toggles and "sync now".
import { get, patch, post } from '../lib/api.js';
import { errorNotice, formatTime, h, notice, replace, toast } from '../lib/dom.js';
import { pager } from '../lib/pager.js';

export async function render(root, ctx) {
  const importMsg = h('div', { id: 'import-message' });
  const listArea = h('div', { id: 'playlists-list' });
  const spotifyArea = h('div', { id: 'spotify-playlists' });

  const url = h('input', { id: 'import-url', name: 'url', placeholder: 'https://open.spotify.com/playlist/… or liked', required: true });
  const urlAuto = h('input', { id: 'import-url-auto', type: 'checkbox', checked: true });
  const urlForm = h('form', { class: 'form-grid', id: 'import-url-form' },
    h('label', { for: 'import-url' }, 'Spotify link'), url,
    h('label', { for: 'import-url-auto' }, 'Download automatically'), urlAuto,
    h('span'), h('button', { type: 'submit', class: 'primary' }, 'Import playlist'));
  const file = h('input', { id: 'import-file', type: 'file', accept: '.csv,.m3u,.m3u8,.txt,text/plain,text/csv', required: true });
  const fileName = h('input', { id: 'import-file-name', placeholder: 'defaults to the file name' });
  const fileAuto = h('input', { id: 'import-file-auto', type: 'checkbox', checked: true });
  const fileForm = h('form', { class: 'form-grid', id: 'import-file-form' },
    h('label', { for: 'import-file' }, 'CSV, M3U or text file'), file,
    h('label', { for: 'import-file-name' }, 'Playlist name'), fileName,
    h('label', { for: 'import-file-auto' }, 'Download automatically'), fileAuto,
    h('span'), h('button', { type: 'submit', class: 'primary' }, 'Import file'));

  replace(root, h('h1', {}, 'Playlists'),
    h('section', { class: 'card', 'aria-labelledby': 'import-title' }, h('h2', { id: 'import-title' }, 'Import'), importMsg, urlForm, h('hr'), fileForm),
    h('section', { class: 'card', 'aria-labelledby': 'list-title' }, h('h2', { id: 'list-title' }, 'Your wanted lists'), listArea),
    h('section', { class: 'card', 'aria-labelledby': 'spotify-title' }, h('h2', { id: 'spotify-title' }, 'On Spotify'), spotifyArea));

  function imported(result) {
    const p = result.playlist || {};
    replace(importMsg, notice('ok', `Imported ${p.name || 'the playlist'}: ${result.total ?? result.imported} tracks, ${result.queued} queued. `,
      result.playlist_id ? h('a', { href: `/playlists/${result.playlist_id}`, 'data-link': '' }, 'Open it') : ''));
    loadList();
  }

  urlForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    try { imported((await post('/api/v1/playlists/import', { url: url.value.trim(), auto_download: urlAuto.checked })).data); }
    catch (err) { replace(importMsg, errorNotice(err, 'The import')); }
  });
  fileForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = file.files[0];
    if (!f) return;
    try {
      const content = await f.text();
      const { data } = await post('/api/v1/playlists/import-file',
        { content, filename: f.name, name: fileName.value || undefined, auto_download: fileAuto.checked });
      imported(data);
      if (data.errors && data.errors.length) toast(`${data.errors.length} lines could not be read (first: line ${data.errors[0].line}: ${data.errors[0].message})`, 'error');
    } catch (err) { replace(importMsg, errorNotice(err, 'The file import')); }
  });

  async function toggleAuto(p, box) {
    try {
      const { data } = await patch(`/api/v1/playlists/${p.id}`, { auto_download: box.checked });
      toast(box.checked ? `Auto-download on for ${p.name}${data.queued ? `: ${data.queued} queued` : ''}` : `Auto-download off for ${p.name}`);
    } catch (err) { box.checked = !box.checked; toast(err.message, 'error'); }
  }

  async function syncNow(p, btn) {
    btn.disabled = true;
    try {
      const { data } = await post(`/api/v1/playlists/${p.id}/sync`, {});
      toast(`Synced ${p.name}: +${data.added} −${data.removed}, ${data.queued} queued`);
      loadList();
    } catch (err) { toast(`Sync failed: ${err.message}`, 'error'); }
    btn.disabled = false;
  }

  async function loadList() {
    try {
      const { data } = await get('/api/v1/playlists');
      const items = Array.isArray(data) ? data : data.items || [];
      if (!items.length) { replace(listArea, h('p', { class: 'muted' }, 'No playlists yet: import one above.')); return; }
      replace(listArea, h('table', { class: 'table', id: 'playlists-table' },
        h('thead', {}, h('tr', {}, ['Name', 'Source', 'Tracks', 'Auto-download', 'Last sync', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, items.map((p) => {
          const box = h('input', { type: 'checkbox', checked: p.auto_download, 'aria-label': `Auto-download ${p.name}` });
          box.addEventListener('change', () => toggleAuto(p, box));
          const sync = h('button', { type: 'button', 'aria-label': `Sync ${p.name} now` }, 'Sync now');
          sync.addEventListener('click', () => syncNow(p, sync));
          return h('tr', { 'data-id': p.id },
            h('td', {}, h('a', { href: `/playlists/${p.id}`, 'data-link': '' }, p.name)),
            h('td', {}, p.source), h('td', { class: 'num' }, String(p.track_count)), h('td', {}, box),
            h('td', { class: 'small' }, p.last_sync_error ? h('span', { class: 'status-failed' }, p.last_sync_error) : formatTime(p.last_synced_at)),
            h('td', {}, p.source === 'spotify' ? sync : null));
        }))));
    } catch (err) { replace(listArea, errorNotice(err, 'Playlists')); }
  }

  let spotifyOffset = 0;
  async function loadSpotify() {
    try {
      const { data } = await get('/api/v1/spotify/playlists', { limit: 20, offset: spotifyOffset });
      replace(spotifyArea, h('ul', { class: 'plain' }, data.items.map((s) => h('li', {},
        `${s.name} (${s.track_count} tracks) `,
        s.imported_playlist_id ? h('a', { href: `/playlists/${s.imported_playlist_id}`, 'data-link': '' }, 'imported')
          : h('button', { type: 'button', onclick: async () => {
            try { imported((await post('/api/v1/playlists/import', { url: s.spotify_id, auto_download: true })).data); loadSpotify(); }
            catch (err) { toast(err.message, 'error'); }
          } }, 'Import')))),
      pager({ offset: spotifyOffset, limit: 20, total: data.total, label: 'Spotify playlists', onChange: (o) => { spotifyOffset = o; loadSpotify(); } }));
    } catch (err) {
      if (err.code && String(err.code).startsWith('spotify_')) {
        replace(spotifyArea, notice('info', 'Spotify is not connected. ', h('a', { href: '/api/v1/auth/spotify/login' }, 'Connect Spotify'),
          ' to pick from your playlists, or paste a public playlist link above.'));
      } else replace(spotifyArea, errorNotice(err, 'Spotify playlists'));
    }
  }

  await Promise.all([loadList(), loadSpotify()]);
  return undefined;
}
