// The page an invitation link opens (/#/invito/<token>): the preview, then accept (logged in),
// or log in first, or create an account through the invitation (people new to Tavolo).
import { api, session } from '../api.js';
import { t } from '../i18n.js';
import { errorText } from '../errors.js';
import { $, el, announce } from './dom.js';

let current = null; // the token on screen, for the form's handlers
let formReady = false;

export async function showInvite(token) {
  current = token;
  const text = $('#invite-page-text');
  const error = $('#invite-page-error');
  const accept = $('#invite-accept');
  error.hidden = true;
  accept.hidden = true;
  $('#invite-anonymous').hidden = true;
  $('#invite-no-organisation').hidden = true;
  let inv;
  try {
    inv = await api('GET', '/api/invitation', undefined, { 'Tavolo-Invitation': token });
  } catch (e) {
    text.textContent = '';
    error.textContent = invitationError(e);
    error.hidden = false;
    return;
  }
  if (current !== token) return;
  text.textContent = t('invitePage.text', { title: inv.tavolo?.title ?? '', role: t(`role.${inv.role}`) });
  if (!session.token) {
    setupRegisterForm();
    // whoever invites decides the organisation: an invitation without one registers nobody
    const invited = inv.organisation ?? null;
    $('#invite-register').hidden = !invited;
    $('#invite-no-organisation').hidden = !!invited;
    if (invited) {
      $('#reg-org-invited').textContent = t('register.invitedAs', { name: invited.name, side: invited.side });
      fillOrganisations([invited]);
    }
    $('#invite-anonymous').hidden = false;
    $('#invite-login').onclick = () => sessionStorage.setItem('tavolo.afterLogin', `#/invito/${token}`);
    return;
  }
  accept.hidden = false;
  accept.onclick = async () => {
    try {
      const tavolo = await api('POST', '/api/invitation/accept', undefined, { 'Tavolo-Invitation': token });
      location.hash = `#/tavolo/${encodeURIComponent(tavolo.id)}`;
    } catch (e) {
      error.textContent = e.code === 'already_member' ? t('invitePage.already') : invitationError(e, 'invitePage.failed');
      error.hidden = false;
    }
  };
}

function invitationError(e, fallbackKey = null) {
  if (e.code === 'invitation_used') return t('invitePage.used');
  if (e.code === 'invitation_expired') return t('invitePage.expired');
  if (fallbackKey) return t(fallbackKey, { message: errorText(e) });
  return t('invitePage.invalid');
}

function fillOrganisations(orgs) {
  const select = $('#reg-org');
  const sorted = [...orgs].sort((a, b) => (a.side === b.side ? 0 : a.side === 'PA' ? -1 : 1) || a.name.localeCompare(b.name, 'it'));
  select.replaceChildren(...sorted.map(o => el('option', { value: o.id, text: `${o.name} (${o.side})` })));
  const none = sorted.length === 0;
  $('#reg-org-existing-choice').hidden = none;
  $('#reg-org-select-box').hidden = none;
  if (none) $('#reg-org-new').checked = true;
  syncOrgChoice();
}

function syncOrgChoice() {
  const isNew = $('#reg-org-new').checked;
  $('#reg-new-org').hidden = !isNew;
  $('#reg-org').disabled = isNew;
  $('#reg-ets-kind-box').hidden = $('#reg-org-side').value !== 'ETS';
}

function setupRegisterForm() {
  if (formReady) return;
  formReady = true;
  for (const id of ['#reg-org-existing', '#reg-org-new', '#reg-org-side']) $(id).addEventListener('change', syncOrgChoice);
  $('#register-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const error = $('#register-error');
    const fail = (message, field) => {
      error.textContent = message;
      error.hidden = false;
      if (field) { field.setAttribute('aria-invalid', 'true'); field.focus(); }
    };
    error.hidden = true;
    for (const f of ev.target.querySelectorAll('[aria-invalid]')) f.removeAttribute('aria-invalid');
    const name = $('#reg-name').value.trim();
    const email = $('#reg-email').value.trim();
    const password = $('#reg-password').value;
    if (!name) return fail(t('register.missing'), $('#reg-name'));
    if (!email) return fail(t('register.missing'), $('#reg-email'));
    if (password.length < 8) return fail(t('register.weakPassword'), $('#reg-password'));
    const body = { name, email, password };
    if ($('#reg-org-new').checked) {
      const orgName = $('#reg-org-name').value.trim();
      if (!orgName) return fail(t('register.orgMissing'), $('#reg-org-name'));
      const side = $('#reg-org-side').value;
      body.organisation = { name: orgName, side, ...(side === 'ETS' ? { etsKind: $('#reg-ets-kind').value } : {}) };
    } else {
      if (!$('#reg-org').value) return fail(t('register.orgMissing'), $('#reg-org'));
      body.organisationId = $('#reg-org').value;
    }
    const submit = $('#register-submit');
    submit.disabled = true;
    try {
      // the secret in a header, not in the path: proxies log paths
      const data = await api('POST', '/api/invitation/register', body, { 'Tavolo-Invitation': current });
      session.save(data);
      $('#reg-password').value = '';
      announce(data.proposal ? t('register.proposed', { name: data.proposal.organisation.name }) : t('register.done'));
      location.hash = `#/tavolo/${encodeURIComponent(data.tavolo.id)}`;
    } catch (e) {
      if (e.code === 'invalid_email') fail(t('register.invalidEmail'), $('#reg-email'));
      else if (e.code === 'bad_email') fail(t('register.badEmail'), $('#reg-email'));
      else if (e.code === 'weak_password') fail(t('register.commonPassword'), $('#reg-password'));
      else if (e.code === 'email_taken') fail(t('register.emailTaken'), $('#reg-email'));
      else if (e.code === 'invitation_used' || e.code === 'invitation_expired') fail(invitationError(e));
      else fail(t('register.failed', { message: errorText(e) }));
    } finally {
      submit.disabled = false;
    }
  });
}
