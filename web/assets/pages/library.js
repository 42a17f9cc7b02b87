// The library index: statistics, search (server-side, paged), results as artists → albums → tracks,
// duplicates, and a scan with live progress.
import { get, post } from '../lib/api.js';
import { errorNotice, formatBytes, formatMs, h, progressBar, replace, toast } from '../lib/dom.js';
import { pager } from '../lib/pager.js';

const LIMIT = 200;

export async function render(root, ctx) {
  let q = ctx.query.get('q') || '';
  let offset = 0;
  const statsArea = h('div', { id: 'library-stats' });
  const scanArea = h('div', { id: 'scan-progress' });
  const results = h('div', { id: 'library-results' });
  const dupArea = h('div', { id: 'library-duplicates' });
  const search = h('input', { id: 'library-search', type: 'search', value: q, placeholder: 'Artist, album or title' });
  const form = h('form', { class: 'toolbar', role: 'search' }, h('label', { for: 'library-search' }, 'Search'), search,
    h('button', { type: 'submit', class: 'primary' }, 'Search'));
  const scanBtn = h('button', { type: 'button', id: 'scan-start' }, 'Scan library');
  replace(root, h('h1', {}, 'Library'),
    h('section', { class: 'card' }, h('h2', {}, 'Overview'), statsArea, h('div', { class: 'actions' }, scanBtn), scanArea),
    h('section', { class: 'card', 'aria-labelledby': 'browse-title' }, h('h2', { id: 'browse-title' }, 'Artists, albums and tracks'), form, results),
    h('section', { class: 'card', 'aria-labelledby': 'dup-title' }, h('h2', { id: 'dup-title' }, 'Duplicates'), dupArea));

  async function loadStats() {
    try {
      const { data: s } = await get('/api/v1/library/stats');
      replace(statsArea, h('p', {}, `${s.files} files · ${s.artists} artists · ${s.albums} albums · ${formatBytes(s.total_bytes)}`),
        h('p', { class: 'muted small' }, Object.entries(s.formats || {}).map(([k, n]) => `${k}: ${n}`).join(' · ')));
    } catch (err) { replace(statsArea, errorNotice(err, 'The library')); scanBtn.hidden = !!err.notAvailable; }
  }

  function tree(files) {
    const artists = new Map();
    for (const f of files) {
      const artist = f.album_artist || f.artist || 'Unknown artist';
      const album = f.album || 'Unknown album';
      if (!artists.has(artist)) artists.set(artist, new Map());
      const albums = artists.get(artist);
      if (!albums.has(album)) albums.set(album, []);
      albums.get(album).push(f);
    }
    return h('ul', { class: 'plain', id: 'library-tree' }, [...artists].map(([artist, albums]) => h('li', {},
      h('details', { open: artists.size <= 3 }, h('summary', {}, `${artist} (${albums.size} album${albums.size === 1 ? '' : 's'})`),
        h('ul', { class: 'plain nested' }, [...albums].map(([album, tracks]) => h('li', {},
          h('details', {}, h('summary', {}, `${album} (${tracks.length})`),
            h('table', { class: 'table' }, h('tbody', {}, tracks.map((t) => h('tr', {},
              h('td', { class: 'num' }, t.track_number ?? ''), h('td', {}, t.title || t.path.split('/').pop()),
              h('td', { class: 'small' }, `${t.format}${t.bitrate ? ` ${t.bitrate} kbps` : ''}`),
              h('td', { class: 'num' }, formatMs(t.duration_ms))))))))))))));
  }

  async function loadTracks() {
    try {
      const { data, total } = await get('/api/v1/library/tracks', { q, limit: LIMIT, offset });
      replace(results, data.length ? tree(data) : h('p', { class: 'muted' }, q ? 'Nothing matches.' : 'The library is empty: scan it, or let downloads arrive.'),
        pager({ offset, limit: LIMIT, total, label: 'library tracks', onChange: (o) => { offset = o; loadTracks(); } }));
    } catch (err) { replace(results, errorNotice(err, 'Library browsing')); }
  }

  async function loadDuplicates() {
    try {
      const { data } = await get('/api/v1/library/duplicates');
      replace(dupArea, data.groups.length ? h('ul', { class: 'plain' }, data.groups.slice(0, 100).map((g) => h('li', {},
        h('strong', {}, g.key), h('ul', {}, g.files.map((f) => h('li', { class: 'mono' }, `${f.path} (${f.format}, ${formatBytes(f.size_bytes)})`))))))
        : h('p', { class: 'muted' }, 'No duplicates.'));
    } catch (err) { replace(dupArea, errorNotice(err, 'Duplicate detection')); }
  }

  let scanTimer = null;
  async function pollScan() {
    try {
      const { data: p } = await get('/api/v1/library/scan');
      replace(scanArea, p.running || p.phase !== 'idle'
        ? h('p', {}, `Scan ${p.phase}: ${p.files_read}/${p.files_seen} files `, progressBar(p.percent, 'Scan progress')) : '');
      clearTimeout(scanTimer);
      // Only while a scan runs, and it ends by itself; the scan is a rare, user-started action.
      if (p.running) scanTimer = setTimeout(pollScan, 1000);
      else if (p.phase === 'done') { loadStats(); loadTracks(); }
    } catch { replace(scanArea); }
  }
  scanBtn.addEventListener('click', async () => {
    try { await post('/api/v1/library/scan', {}); toast('Library scan started'); pollScan(); }
    catch (err) { toast(`Scan failed: ${err.message}`, 'error'); }
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    q = search.value.trim();
    offset = 0;
    history.replaceState({}, '', q ? `/library?q=${encodeURIComponent(q)}` : '/library');
    loadTracks();
  });
  const off = ctx.events.on('scan', pollScan);
  await Promise.all([loadStats(), loadTracks(), loadDuplicates(), pollScan()]);
  return () => { off(); clearTimeout(scanTimer); };
}
