// One playlist: its tracks with their state (wanted, queued, downloading, in library…), filtered and
// paged in the browser so a 10,000-track playlist keeps a small DOM; sync now; auto-download toggle.
import { get, patch, post } from '../lib/api.js';
import { errorNotice, formatMs, formatTime, h, replace, statusBadge, toast } from '../lib/dom.js';
import { pager } from '../lib/pager.js';

const PAGE = 100;

export async function render(root, ctx) {
  const id = ctx.params[0];
  let playlist = null;
  let filterText = '';
  let offset = 0;
  const head = h('div');
  const tableArea = h('div', { id: 'playlist-tracks' });
  const search = h('input', { id: 'track-filter', type: 'search', placeholder: 'Title, artist, album or state' });
  replace(root, h('p', {}, h('a', { href: '/playlists', 'data-link': '' }, '← All playlists')), head,
    h('div', { class: 'toolbar' }, h('label', { for: 'track-filter' }, 'Filter'), search), tableArea);

  function filtered() {
    const q = filterText.toLowerCase();
    if (!q) return playlist.tracks;
    return playlist.tracks.filter((t) => `${t.title} ${t.artist} ${t.album || ''} ${t.state} ${t.download_status || ''}`.toLowerCase().includes(q));
  }

  function drawTable() {
    const rows = filtered();
    const page = rows.slice(offset, offset + PAGE);
    replace(tableArea, h('table', { class: 'table' },
      h('thead', {}, h('tr', {}, ['#', 'Title', 'Artist', 'Album', 'Length', 'State', 'Download'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, page.map((t) => h('tr', { 'data-track': t.track_id },
        h('td', { class: 'num' }, String(t.position + 1)), h('td', {}, t.title), h('td', {}, t.artist), h('td', {}, t.album || ''),
        h('td', { class: 'num' }, formatMs(t.duration_ms)), h('td', {}, t.state),
        h('td', { 'data-download': t.download_id || '' }, t.download_id
          ? h('a', { href: `/downloads/${t.download_id}`, 'data-link': '' }, statusBadge(t.download_status)) : '—'))))),
    pager({ offset, limit: PAGE, total: rows.length, label: 'tracks', onChange: (o) => { offset = o; drawTable(); } }));
  }

  async function load() {
    try {
      playlist = (await get(`/api/v1/playlists/${id}`)).data;
      document.title = `${playlist.name} · SoulSpot`;
      const auto = h('input', { id: 'auto-download', type: 'checkbox', checked: playlist.auto_download });
      auto.addEventListener('change', async () => {
        try {
          const { data } = await patch(`/api/v1/playlists/${id}`, { auto_download: auto.checked });
          toast(auto.checked ? `Auto-download on${data.queued ? `: ${data.queued} queued` : ''}` : 'Auto-download off');
          load();
        } catch (err) { auto.checked = !auto.checked; toast(err.message, 'error'); }
      });
      const sync = h('button', { type: 'button', id: 'sync-now', onclick: async () => {
        sync.disabled = true;
        try { const { data } = await post(`/api/v1/playlists/${id}/sync`, {}); toast(`Synced: +${data.added} −${data.removed}, ${data.queued} queued`); await load(); }
        catch (err) { toast(`Sync failed: ${err.message}`, 'error'); }
        sync.disabled = false;
      } }, 'Sync now');
      const states = Object.entries(playlist.states || {}).map(([k, n]) => `${k}: ${n}`).join(' · ');
      replace(head, h('h1', {}, playlist.name),
        h('p', { class: 'muted' }, `${playlist.source} · ${playlist.track_count} tracks · last sync ${formatTime(playlist.last_synced_at)}`),
        h('p', { id: 'state-counts' }, states),
        h('div', { class: 'toolbar' }, h('label', { for: 'auto-download' }, 'Download automatically'), auto,
          playlist.source === 'spotify' ? sync : null));
      drawTable();
    } catch (err) { replace(head, errorNotice(err, 'This playlist')); replace(tableArea); }
  }

  search.addEventListener('input', () => { filterText = search.value; offset = 0; drawTable(); });
  await load();
  const off = ctx.events.on('download', (ev) => {
    const cell = tableArea.querySelector(`td[data-download="${ev.id}"] .badge`);
    if (cell) cell.textContent = ev.status;
    if (playlist) for (const t of playlist.tracks) if (t.download_id === ev.id) t.download_status = ev.status;
  });
  return off;
}
