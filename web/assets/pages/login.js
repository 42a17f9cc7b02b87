// Log in with the single user's password (the *arr convention). Reached from non-trusted networks, or
// everywhere with AUTH_REQUIRED=always.
import { post } from '../lib/api.js';
import { h, notice, replace } from '../lib/dom.js';

export async function render(root, ctx) {
  const next = ctx.query.get('next') || '/';
  if (ctx.session && ctx.session.authenticated) {
    ctx.navigate(next, { replace: true });
    return undefined;
  }
  const message = h('div', { id: 'login-message' });
  const username = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true, value: 'admin' });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Log in');
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Log in to SoulSpot'),
    message,
    h('label', { for: 'login-username' }, 'Username'), username,
    h('label', { for: 'login-password' }, 'Password'), password,
    h('div', { class: 'actions' }, submit));
  if (ctx.session && ctx.session.setup_required) {
    replace(message, notice('info', 'No password has been set yet. Open SoulSpot from the machine it runs on (or another trusted network) to finish setup.'));
  }
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    try {
      await post('/api/v1/auth/login', { username: username.value, password: password.value });
      await ctx.refreshSession();
      ctx.navigate(next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (err) {
      const text = err.status === 429 ? `Too many failed attempts. ${err.message}.` : 'Wrong username or password.';
      replace(message, notice('error', text));
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  replace(root, form);
  (ctx.session && ctx.session.setup_required ? username : password).focus();
  return undefined;
}
