import { login, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { errorText } from '../errors.js';
import { $ } from './dom.js';

export function setupLogin(onLoggedIn) {
  const form = $('#login-form');
  const error = $('#login-error');
  const submit = $('#login-submit');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    try {
      await login($('#login-email').value.trim(), $('#login-password').value);
      $('#login-password').value = '';
      onLoggedIn();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'bad_credentials') error.textContent = t('login.badCredentials');
      else if (e instanceof ApiError) error.textContent = t('login.failed', { message: errorText(e) });
      else error.textContent = t('login.network');
      error.hidden = false;
      $('#login-password').focus();
    } finally {
      submit.disabled = false;
    }
  });
}

export function showLogin() {
  $('#login-email').focus();
}
