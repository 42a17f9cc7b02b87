// Previous/next paging over a server-side list (limit/offset + X-Total-Count), keyboard-usable.
import { h, replace } from './dom.js';

export function pager({ offset, limit, total, onChange, label = 'items' }) {
  const nav = h('nav', { class: 'pager', 'aria-label': `Pages of ${label}` });
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total ?? offset + limit);
  const prev = h('button', { type: 'button', disabled: offset <= 0, onclick: () => onChange(Math.max(0, offset - limit)) }, '← Previous');
  const next = h('button', { type: 'button', disabled: total !== null && offset + limit >= total, onclick: () => onChange(offset + limit) }, 'Next →');
  replace(nav, prev, h('span', { class: 'pager-info' }, total === null ? `${from}–${to}` : `${from}–${to} of ${total}`), next);
  return nav;
}
