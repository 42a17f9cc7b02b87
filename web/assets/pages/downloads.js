// The queue: filter by status, server-side paging, live progress, retry/cancel/priority per row, and
// pause/resume for everything. Filter and page live in the URL so reload and back work.
import { get, patch, post } from '../lib/api.js';
import { announce, errorNotice, formatTime, h, progressBar, replace, statusBadge, toast } from '../lib/dom.js';
import { pager } from '../lib/pager.js';

const STATUSES = ['QUEUED', 'SEARCHING', 'DOWNLOADING', 'VERIFYING', 'COMPLETED', 'IMPORTED', 'NOT_FOUND', 'FAILED', 'CANCELLED'];
const RETRYABLE = new Set(['FAILED', 'NOT_FOUND', 'CANCELLED']);
const CANCELLABLE = new Set(['QUEUED', 'SEARCHING', 'DOWNLOADING', 'VERIFYING', 'NOT_FOUND']);
const LIMIT = 50;

export async function render(root, ctx) {
  let status = ctx.query.get('status') || '';
  let offset = Number(ctx.query.get('offset') || 0);
  const rows = new Map(); // id → <tr>

  const filter = h('select', { id: 'status-filter', name: 'status' },
    h('option', { value: '' }, 'All statuses'),
    h('option', { value: 'QUEUED,SEARCHING,DOWNLOADING,VERIFYING' }, 'Active'),
    STATUSES.map((s) => h('option', { value: s }, s)));
  filter.value = status;
  if (filter.value !== status) filter.append(h('option', { value: status, selected: true }, status));
  const pauseState = h('span', { class: 'muted', id: 'pause-state' });
  const pauseBtn = h('button', { type: 'button', id: 'pause-all', onclick: () => setPaused(true) }, 'Pause all');
  const resumeBtn = h('button', { type: 'button', id: 'resume-all', onclick: () => setPaused(false) }, 'Resume all');
  const listArea = h('div', { id: 'downloads-list' });
  replace(root, h('h1', {}, 'Downloads'),
    h('div', { class: 'toolbar' },
      h('label', { for: 'status-filter' }, 'Status'), filter,
      h('span', { class: 'spacer' }), pauseState, pauseBtn, resumeBtn),
    listArea);

  async function loadPause() {
    try {
      const { data } = await get('/api/v1/downloads/summary');
      pauseState.textContent = data.paused ? 'Queue paused' : 'Queue running';
      pauseBtn.disabled = data.paused;
      resumeBtn.disabled = !data.paused;
    } catch { pauseState.textContent = ''; }
  }

  async function setPaused(paused) {
    try {
      await post(`/api/v1/downloads/${paused ? 'pause' : 'resume'}`, {});
      toast(paused ? 'Queue paused' : 'Queue resumed');
      loadPause();
    } catch (err) { toast(err.message, 'error'); }
  }

  async function act(d, action) {
    try {
      const { data } = await post(`/api/v1/downloads/${d.id}/${action}`, {});
      announce(`${action === 'retry' ? 'Retrying' : 'Cancelled'} ${d.track.title}`);
      updateRow(data);
    } catch (err) { toast(`${action} failed: ${err.message}`, 'error'); }
  }

  async function setPriority(d, input) {
    const value = Number(input.value);
    if (!Number.isInteger(value)) { toast('Priority must be a whole number', 'error'); return; }
    try {
      await patch(`/api/v1/downloads/${d.id}`, { priority: value });
      announce(`Priority of ${d.track.title} set to ${value}`);
    } catch (err) { toast(`Priority failed: ${err.message}`, 'error'); }
  }

  function row(d) {
    const prio = h('input', { type: 'number', class: 'priority', value: d.priority, step: '1', 'aria-label': `Priority of ${d.track.title}` });
    prio.addEventListener('change', () => setPriority(d, prio));
    const tr = h('tr', { 'data-id': d.id, 'data-status': d.status },
      h('td', {}, h('a', { href: `/downloads/${d.id}`, 'data-link': '' }, d.track.title), h('div', { class: 'muted' }, d.track.artist)),
      h('td', {}, statusBadge(d.status), d.error ? h('div', { class: 'muted small' }, d.error.code) : null),
      h('td', {}, progressBar(d.progress_percent, `Progress of ${d.track.title}`)),
      h('td', {}, prio),
      h('td', { class: 'small' }, formatTime(d.updated_at)),
      h('td', {}, h('div', { class: 'row-actions' },
        RETRYABLE.has(d.status) ? h('button', { type: 'button', 'aria-label': `Retry ${d.track.title}`, onclick: () => act(d, 'retry') }, 'Retry') : null,
        CANCELLABLE.has(d.status) ? h('button', { type: 'button', class: 'danger', 'aria-label': `Cancel ${d.track.title}`, onclick: () => act(d, 'cancel') }, 'Cancel') : null)));
    tr.download = d;
    return tr;
  }

  function updateRow(partial) {
    const tr = rows.get(partial.id);
    if (!tr) return;
    const d = { ...tr.download, ...partial, track: { ...tr.download.track, ...(partial.track || {}) } };
    const next = row(d);
    tr.replaceWith(next);
    rows.set(d.id, next);
  }

  async function load() {
    const params = new URLSearchParams();
    if (status) params.set('status', status);
    if (offset) params.set('offset', String(offset));
    history.replaceState({}, '', `/downloads${params.toString() ? `?${params}` : ''}`);
    try {
      const { data, total } = await get('/api/v1/downloads', { status, limit: LIMIT, offset });
      rows.clear();
      const body = h('tbody', {}, data.map((d) => { const tr = row(d); rows.set(d.id, tr); return tr; }));
      replace(listArea,
        data.length ? h('table', { class: 'table', id: 'downloads-table' },
          h('caption', { class: 'visually-hidden' }, 'Downloads'),
          h('thead', {}, h('tr', {}, ['Track', 'Status', 'Progress', 'Priority', 'Updated', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
          body) : h('p', { class: 'muted' }, 'No downloads match.'),
        pager({ offset, limit: LIMIT, total, label: 'downloads', onChange: (o) => { offset = o; load(); } }));
    } catch (err) { replace(listArea, errorNotice(err, 'Downloads')); }
  }

  filter.addEventListener('change', () => { status = filter.value; offset = 0; load(); });
  await Promise.all([load(), loadPause()]);

  let pending = null;
  const offDownload = ctx.events.on('download', (ev) => {
    const tr = rows.get(ev.id);
    if (tr && tr.download.status === ev.status) {
      // Progress only: touch the bar, not the row, so a focused priority field keeps its focus.
      const bar = tr.querySelector('progress');
      if (bar) { bar.value = ev.progress_percent; bar.textContent = `${Math.round(ev.progress_percent)}%`; }
      tr.download = { ...tr.download, progress_percent: ev.progress_percent };
      return;
    }
    // A new row or a status change may move rows between filters and pages: refetch, at most once a second.
    if (!pending) pending = setTimeout(() => { pending = null; load(); }, 1000);
  });
  const offReset = ctx.events.on('reset', () => { load(); loadPause(); });
  return () => { offDownload(); offReset(); clearTimeout(pending); };
}
