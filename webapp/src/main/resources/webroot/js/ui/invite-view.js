// The page an invitation link opens (/#/invito/<token>): preview, then accept once logged in.
import { api, session } from '../api.js';
import { t } from '../i18n.js';
import { $ } from './dom.js';

export async function showInvite(token, onNeedLogin) {
  const text = $('#invite-page-text');
  const error = $('#invite-page-error');
  const accept = $('#invite-accept');
  error.hidden = true;
  accept.hidden = true;
  $('#invite-login-hint').hidden = true;
  let inv;
  try {
    inv = await api('GET', `/api/invitations/${encodeURIComponent(token)}`);
  } catch (e) {
    text.textContent = '';
    error.textContent = e.code === 'invitation_used' ? t('invitePage.used') : e.code === 'invitation_expired' ? t('invitePage.expired') : t('invitePage.invalid');
    error.hidden = false;
    return;
  }
  text.textContent = t('invitePage.text', { title: inv.tavolo?.title ?? '', role: t(`role.${inv.role}`) });
  if (!session.token) {
    $('#invite-login-hint').hidden = false;
    sessionStorage.setItem('tavolo.afterLogin', `#/invito/${token}`);
    onNeedLogin();
    return;
  }
  accept.hidden = false;
  accept.onclick = async () => {
    try {
      const tavolo = await api('POST', `/api/invitations/${encodeURIComponent(token)}/accept`);
      location.hash = `#/tavolo/${encodeURIComponent(tavolo.id)}`;
    } catch (e) {
      error.textContent = e.code === 'already_member' ? t('invitePage.already') : e.code === 'invitation_used' ? t('invitePage.used') : t('invitePage.failed', { message: e.message });
      error.hidden = false;
    }
  };
}
