// Queue counts by status, active transfers with speed/ETA, health and breaker states, recent failures.
// Everything live from the event stream; the lists refetch at most once a second.
import { get } from '../lib/api.js';
import { errorNotice, formatBytes, formatDuration, h, progressBar, replace, statusBadge } from '../lib/dom.js';

const COUNT_ORDER = ['QUEUED', 'SEARCHING', 'DOWNLOADING', 'VERIFYING', 'COMPLETED', 'IMPORTED', 'NOT_FOUND', 'FAILED', 'CANCELLED'];
const ACTIVE = 'SEARCHING,DOWNLOADING,VERIFYING';

export async function render(root, ctx) {
  const counts = h('section', { class: 'card', 'aria-labelledby': 'counts-title' }, h('h2', { id: 'counts-title' }, 'Queue'));
  const active = h('section', { class: 'card wide', 'aria-labelledby': 'active-title' }, h('h2', { id: 'active-title' }, 'Active transfers'));
  const health = h('section', { class: 'card', 'aria-labelledby': 'health-title' }, h('h2', { id: 'health-title' }, 'Health'));
  const failures = h('section', { class: 'card wide', 'aria-labelledby': 'failures-title' }, h('h2', { id: 'failures-title' }, 'Recent failures'));
  replace(root, h('h1', {}, 'Dashboard'), h('div', { class: 'grid' }, counts, health, active, failures));

  const live = new Map(); // download id → latest event (speed, ETA)
  const countsBody = h('div');
  const activeBody = h('div');
  const healthBody = h('div');
  const failuresBody = h('div');
  counts.append(countsBody);
  active.append(activeBody);
  health.append(healthBody);
  failures.append(failuresBody);

  async function loadCounts() {
    try {
      const { data } = await get('/api/v1/downloads/summary');
      const tiles = COUNT_ORDER.map((s) => h('li', {},
        h('a', { href: `/downloads?status=${s}`, 'data-link': '', class: 'count-tile', 'data-status': s },
          h('span', { class: 'count-value' }, String(data.counts[s] || 0)), h('span', { class: 'count-label' }, s))));
      replace(countsBody, h('ul', { class: 'count-tiles' }, tiles),
        h('p', { class: 'muted' }, `${data.total} downloads in all`, data.paused ? ' · queue paused' : ''));
    } catch (err) { replace(countsBody, errorNotice(err, 'Queue counts')); }
  }

  function activeRow(d) {
    const ev = live.get(d.id) || {};
    const speed = ev.bytes_per_second || 0;
    return h('tr', { 'data-id': d.id },
      h('td', {}, h('a', { href: `/downloads/${d.id}`, 'data-link': '' }, `${d.track.artist} — ${d.track.title}`)),
      h('td', {}, statusBadge(ev.status || d.status)),
      h('td', {}, progressBar(ev.progress_percent ?? d.progress_percent, `Progress of ${d.track.title}`)),
      h('td', { class: 'num' }, speed ? `${formatBytes(speed)}/s` : '—'),
      h('td', { class: 'num' }, ev.eta_seconds != null ? formatDuration(ev.eta_seconds) : '—'));
  }

  async function loadActive() {
    try {
      const { data, total } = await get('/api/v1/downloads', { status: ACTIVE, limit: 20 });
      if (!data.length) { replace(activeBody, h('p', { class: 'muted' }, 'Nothing is downloading right now.')); return; }
      replace(activeBody, h('table', { class: 'table' },
        h('caption', { class: 'visually-hidden' }, 'Active transfers'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Track'), h('th', { scope: 'col' }, 'Status'),
          h('th', { scope: 'col' }, 'Progress'), h('th', { scope: 'col' }, 'Speed'), h('th', { scope: 'col' }, 'ETA'))),
        h('tbody', {}, data.map(activeRow))),
      total > data.length ? h('p', {}, h('a', { href: `/downloads?status=${ACTIVE}`, 'data-link': '' }, `All ${total} active`)) : null);
    } catch (err) { replace(activeBody, errorNotice(err, 'Active transfers')); }
  }

  async function loadHealth() {
    try {
      const { data } = await get('/ready');
      const checks = Object.entries(data.checks || {}).filter(([k]) => k !== 'circuit_breakers');
      const breakers = Object.entries((data.checks || {}).circuit_breakers || {});
      replace(healthBody,
        h('p', {}, 'Service: ', h('strong', { class: `health-${data.status}` }, data.status), data.degraded ? ' (degraded)' : ''),
        h('ul', { class: 'plain' }, checks.map(([name, c]) => h('li', { 'data-dependency': name },
          h('span', { class: `dot dot-${c.status}` }), ` ${name}: `, h('strong', {}, c.status), c.detail ? h('span', { class: 'muted' }, ` — ${c.detail}`) : ''))),
        h('h3', {}, 'Circuit breakers'),
        h('ul', { class: 'plain' }, breakers.map(([name, state]) => h('li', { 'data-breaker': name }, `${name}: `, h('strong', { class: `breaker-${String(state).toLowerCase()}` }, state)))));
    } catch (err) { replace(healthBody, errorNotice(err, 'Health')); }
  }

  async function loadFailures() {
    try {
      const { data } = await get('/api/v1/downloads', { status: 'FAILED', limit: 5 });
      if (!data.length) { replace(failuresBody, h('p', { class: 'muted' }, 'No failures.')); return; }
      replace(failuresBody, h('ul', { class: 'plain' }, data.map((d) => h('li', {},
        h('a', { href: `/downloads/${d.id}`, 'data-link': '' }, `${d.track.artist} — ${d.track.title}`), ' ',
        h('span', { class: 'muted' }, d.error ? `${d.error.code}: ${d.error.message}` : '')))));
    } catch (err) { replace(failuresBody, errorNotice(err, 'Recent failures')); }
  }

  const loadAll = () => Promise.all([loadCounts(), loadActive(), loadHealth(), loadFailures()]);
  await loadAll();

  let pending = null;
  const scheduleRefresh = () => {
    if (pending) return;
    pending = setTimeout(() => { pending = null; loadCounts(); loadActive(); loadFailures(); }, 1000);
  };
  const offDownload = ctx.events.on('download', (ev) => {
    const before = live.get(ev.id);
    live.set(ev.id, ev);
    const row = activeBody.querySelector(`tr[data-id="${ev.id}"]`);
    if (row && ACTIVE.includes(ev.status)) {
      row.replaceWith(activeRow({ id: ev.id, track: ev.track, status: ev.status, progress_percent: ev.progress_percent }));
    }
    // Progress alone is drawn in place; only a change of status changes counts and lists.
    if (!before || before.status !== ev.status || !row) scheduleRefresh();
  });
  const offReset = ctx.events.on('reset', loadAll);
  const healthTimer = setInterval(loadHealth, 15000);
  return () => { offDownload(); offReset(); clearInterval(healthTimer); clearTimeout(pending); };
}
