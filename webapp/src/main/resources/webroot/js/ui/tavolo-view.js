// One tavolo: its documents and members; coordinators change roles and create invitation links.
import { api, session } from '../api.js';
import { t, currentLang } from '../i18n.js';
import { errorText } from '../errors.js';
import { $, el, clear, announce } from './dom.js';
import { showAudit } from '../record/audit-view.js';
import { mountImport } from './import-panel.js';
import { mountFiles } from './files-panel.js';
import { mountNewDocument, saveTemplateButton } from './new-document.js';

let currentId = null;
let formReady = false;
let partnerFormReady = false;

export async function showTavolo(tavoloId) {
  currentId = tavoloId;
  setupInviteForm();
  setupPartnerForm();
  clear($('#invite-links'));
  $('#members-status').textContent = '';
  $('#partners-status').textContent = '';
  let tavolo;
  try {
    tavolo = await api('GET', `/api/tavoli/${encodeURIComponent(tavoloId)}`);
  } catch (e) {
    $('#tavolo-title').textContent = t('tavolo.notFound');
    clear($('#tavolo-docs'));
    clear($('#members-rows'));
    return;
  }
  $('#tavolo-title').textContent = tavolo.title;
  $('#tavolo-meta').textContent = [tavolo.enteProponente, tavolo.ambito, tavolo.phase ? t(`phase.${tavolo.phase}`) : null, t(`role.${tavolo.role}`)].filter(Boolean).join(' · ');
  const coordinator = tavolo.role === 'coordinator';
  const docs = clear($('#tavolo-docs'));
  for (const d of tavolo.documents ?? []) {
    docs.append(el('li', { class: 'tv-doc-item' },
      el('a', { href: `#/doc/${encodeURIComponent(tavolo.id)}/${encodeURIComponent(d.id)}`, class: 'doc-link', text: d.title }),
      coordinator ? copyButton(tavolo.id, d) : null,
      coordinator ? saveTemplateButton(tavolo.id, d, () => showTavolo(tavolo.id)) : null));
  }
  $('#import-box').hidden = true;
  $('#new-doc-box').hidden = !coordinator;
  const open = (docId) => { location.hash = `#/doc/${encodeURIComponent(tavolo.id)}/${encodeURIComponent(docId)}`; };
  if (coordinator) {
    // the imported draft opens at once: what was read is there to check
    mountImport($('#import-box'), tavolo.id, open);
    mountNewDocument($('#new-doc-box'), tavolo, $('#import-box'), open);
  }
  mountFiles($('#files-box'), tavolo);
  $('#invite-box').hidden = !coordinator;
  $('#partner-form').hidden = !coordinator;
  $('#members-actions-head').hidden = !coordinator;
  await Promise.all([renderMembers(tavoloId, coordinator), renderPartners(tavoloId),
    coordinator ? renderInvitations(tavoloId) : null, coordinator ? renderProposals(tavoloId) : null]);
}

// Organisations proposed by people who registered through an invitation: until a coordinator
// confirms one, its proposer counts as the invitation's organisation.
async function renderProposals(tavoloId) {
  let list;
  try {
    list = await api('GET', `/api/tavoli/${encodeURIComponent(tavoloId)}/organisation-proposals`);
  } catch (e) {
    $('#proposals-status').textContent = t('proposals.failed', { message: errorText(e) });
    return;
  }
  if (tavoloId !== currentId) return;
  const pending = list.filter(p => p.status === 'pending');
  const ul = clear($('#proposals-list'));
  $('#proposals-empty').hidden = pending.length > 0;
  for (const p of pending) {
    const o = p.organisation;
    const decide = (verb) => async () => {
      try {
        await api('POST', `/api/tavoli/${encodeURIComponent(tavoloId)}/organisation-proposals/${encodeURIComponent(p.id)}/${verb}`);
        $('#proposals-status').textContent = t(verb === 'confirm' ? 'proposals.confirmed' : 'proposals.rejected',
          { user: p.user.name, name: o.name });
        await Promise.all([renderProposals(tavoloId), renderMembers(tavoloId, true), renderPartners(tavoloId)]);
      } catch (e) {
        $('#proposals-status').textContent = t('proposals.failed', { message: errorText(e) });
      }
    };
    const confirm = el('button', { type: 'button', class: 'btn btn-sm btn-outline-primary me-2', text: t('proposals.confirm') });
    confirm.addEventListener('click', decide('confirm'));
    const reject = el('button', { type: 'button', class: 'btn btn-sm btn-outline-danger', text: t('proposals.reject') });
    reject.addEventListener('click', decide('reject'));
    ul.append(el('li', { class: 'mb-2', dataset: { proposal: p.id } },
      el('span', { class: 'me-2', text: t('proposals.item', { user: p.user.name, name: o.name, side: o.side }) }), confirm, reject));
  }
}

/** "Copia": the document as it is now becomes a new one of this tavolo, which then opens. */
function copyButton(tavoloId, d) {
  const b = el('button', { type: 'button', class: 'btn btn-sm btn-link tv-copy', dataset: { copy: d.id } },
    t('documents.copy'), el('span', { class: 'visually-hidden', text: ` «${d.title}»` }));
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      const copy = await api('POST', `/api/documents/${encodeURIComponent(d.id)}/copy`, {});
      announce(t('documents.copied', { title: copy.title }));
      location.hash = `#/doc/${encodeURIComponent(tavoloId)}/${encodeURIComponent(copy.id)}`;
    } catch (e) {
      b.disabled = false;
      announce(t('documents.copyFailed', { message: errorText(e) }));
      $('#members-status').textContent = t('documents.copyFailed', { message: errorText(e) });
    }
  });
  return b;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString(currentLang() === 'it' ? 'it-IT' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }) : '';
}

async function renderInvitations(tavoloId) {
  let list;
  try {
    list = await api('GET', `/api/tavoli/${encodeURIComponent(tavoloId)}/invitations`);
  } catch {
    return;
  }
  if (tavoloId !== currentId) return;
  $('#invitations-empty').hidden = list.length > 0;
  $('#invitations-table').hidden = list.length === 0;
  const rows = clear($('#invitations-rows'));
  for (const inv of list) {
    const by = inv.createdBy?.name ?? '';
    const details = inv.status === 'used' ? t('invitations.usedDetails', { name: inv.usedBy?.name ?? '', when: when(inv.usedAt) })
      : inv.status === 'pending' ? t('invitations.pendingDetails', { by, expires: when(inv.expiresAt) })
        : t('invitations.expiredDetails', { by, expires: when(inv.expiresAt) });
    // for whom: the organisation the coordinator chose for a new account, if any
    const forOrg = inv.organisation ? ` · ${t('invitations.forOrganisation', { name: inv.organisation.name })}` : '';
    let action = null;
    if (inv.status === 'pending') {
      action = el('button', { type: 'button', class: 'btn btn-sm btn-outline-danger', title: t('invitations.withdrawNamed', { role: t(`role.${inv.role}`) }) },
        t('invitations.withdraw'), el('span', { class: 'visually-hidden', text: ` (${t(`role.${inv.role}`)}, ${details})` }));
      action.addEventListener('click', async () => {
        try {
          await api('DELETE', `/api/tavoli/${encodeURIComponent(tavoloId)}/invitations/${encodeURIComponent(inv.id)}`);
          $('#members-status').textContent = t('invitations.withdrawn');
          await renderInvitations(tavoloId);
          $('#invitations-title').setAttribute('tabindex', '-1');
          $('#invitations-title').focus();
        } catch (e) {
          $('#members-status').textContent = t('invitations.withdrawFailed', { message: errorText(e) });
        }
      });
    }
    rows.append(el('tr', { dataset: { invitation: inv.id, status: inv.status } },
      el('td', { text: t(`role.${inv.role}`) }),
      el('td', { text: t(`invitations.status.${inv.status}`) }),
      el('td', { text: details + forOrg }),
      el('td', null, action)));
  }
}

async function renderMembers(tavoloId, coordinator) {
  const rows = clear($('#members-rows'));
  let members;
  try {
    members = await api('GET', `/api/tavoli/${encodeURIComponent(tavoloId)}/members`);
  } catch (e) {
    $('#members-status').textContent = t('members.loadFailed', { message: errorText(e) });
    return;
  }
  showAudit(tavoloId, members);
  for (const m of members) {
    let roleCell;
    if (coordinator) {
      const id = `role-${m.userId}`;
      const select = el('select', { id, class: 'form-select form-select-sm', dataset: { user: m.userId } },
        ...['coordinator', 'member', 'observer'].map(r => el('option', { value: r, text: t(`role.${r}`) })));
      select.value = m.role;
      select.addEventListener('change', async () => {
        try {
          await api('PUT', `/api/tavoli/${encodeURIComponent(tavoloId)}/members/${encodeURIComponent(m.userId)}`, { role: select.value });
          m.role = select.value;
          $('#members-status').textContent = t('members.roleChanged', { name: m.name, role: t(`role.${select.value}`) });
        } catch (e) {
          select.value = m.role;
          $('#members-status').textContent = e.code === 'last_coordinator' ? t('members.lastCoordinator') : t('members.changeFailed', { message: errorText(e) });
        }
      });
      roleCell = el('td', null, el('label', { for: id, class: 'visually-hidden', text: t('members.roleOf', { name: m.name }) }), select);
    } else {
      roleCell = el('td', { text: t(`role.${m.role}`) });
    }
    const me = m.userId === session.user?.id;
    let actionCell = null;
    if (coordinator) {
      const remove = el('button', { type: 'button', class: 'btn btn-sm btn-outline-danger', hidden: me },
        t('members.remove'), el('span', { class: 'visually-hidden', text: ` ${m.name}` }));
      remove.title = t('members.removeNamed', { name: m.name });
      remove.addEventListener('click', async () => {
        if (!window.confirm(t('members.removeConfirm', { name: m.name }))) return;
        try {
          await api('DELETE', `/api/tavoli/${encodeURIComponent(tavoloId)}/members/${encodeURIComponent(m.userId)}`);
          $('#members-status').textContent = t('members.removed', { name: m.name });
          await renderMembers(tavoloId, coordinator);
          $('#members-title').setAttribute('tabindex', '-1');
          $('#members-title').focus();
        } catch (e) {
          $('#members-status').textContent = e.code === 'last_coordinator' ? t('members.lastCoordinator') : t('members.removeFailed', { message: errorText(e) });
        }
      });
      actionCell = el('td', null, remove);
    }
    rows.append(el('tr', { dataset: { user: m.userId } },
      el('th', { scope: 'row' }, m.name, me ? ` ${t('members.you')}` : ''),
      el('td', { text: m.organisation?.name ?? '' }),
      el('td', null, el('span', { class: `badge tv-side tv-side-${(m.side ?? '').toLowerCase()}`, text: m.side ?? '' })),
      roleCell, actionCell));
  }
}

async function renderPartners(tavoloId) {
  let list;
  try {
    list = await api('GET', `/api/tavoli/${encodeURIComponent(tavoloId)}/organisations`);
  } catch (e) {
    $('#partners-status').textContent = t('partners.loadFailed', { message: errorText(e) });
    return;
  }
  if (tavoloId !== currentId) return;
  // the invitation form offers the same organisations: the inviter decides the invitee's
  const orgSelect = $('#invite-org');
  const chosen = orgSelect.value;
  orgSelect.replaceChildren(el('option', { value: '', text: t('invite.noOrganisation') }),
    ...list.map(o => el('option', { value: o.id, text: `${o.name} (${o.side})` })));
  orgSelect.value = list.some(o => o.id === chosen) ? chosen : '';
  const ul = clear($('#partners-list'));
  for (const o of list) {
    const kind = o.etsKind ? ` · ${t(`etsKind.${o.etsKind}`)}` : '';
    ul.append(el('li', { dataset: { organisation: o.id } },
      el('span', { class: `badge tv-side tv-side-${(o.side ?? '').toLowerCase()} me-2`, text: o.side ?? '' }),
      el('span', { text: o.name }), el('span', { class: 'text-muted', text: kind })));
  }
}

function setupPartnerForm() {
  if (partnerFormReady) return;
  partnerFormReady = true;
  const side = $('#partner-side');
  side.addEventListener('change', () => { $('#partner-kind-field').hidden = side.value !== 'ETS'; });
  $('#partner-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const name = $('#partner-name').value.trim();
    if (!name) {
      $('#partners-status').textContent = t('partners.missing');
      $('#partner-name').focus();
      return;
    }
    const organisation = { name, side: side.value };
    if (side.value === 'ETS') organisation.etsKind = $('#partner-kind').value;
    try {
      const o = await api('POST', `/api/tavoli/${encodeURIComponent(currentId)}/partners`, { organisation });
      $('#partner-name').value = '';
      $('#partners-status').textContent = t('partners.added', { name: o.name });
      await renderPartners(currentId);
    } catch (e) {
      $('#partners-status').textContent = t('partners.addFailed', { message: errorText(e) });
    }
  });
}

function setupInviteForm() {
  if (formReady) return;
  formReady = true;
  $('#invite-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const role = $('#invite-role').value;
    const organisationId = $('#invite-org').value;
    try {
      const inv = await api('POST', `/api/tavoli/${encodeURIComponent(currentId)}/invitations`,
        organisationId ? { role, organisationId } : { role });
      const url = inv.url ?? `${location.origin}/#/invito/${inv.token}`;
      const inputId = `inv-${inv.id ?? Date.now()}`;
      const input = el('input', { id: inputId, class: 'form-control tv-invite-url', readonly: true, value: url });
      const copy = el('button', { type: 'button', class: 'btn btn-sm btn-outline-primary', text: t('invite.copy') });
      copy.addEventListener('click', async () => {
        input.select();
        try { await navigator.clipboard.writeText(url); } catch { document.execCommand?.('copy'); }
        announce(t('invite.copied'));
        copy.textContent = t('invite.copiedShort');
      });
      $('#invite-links').prepend(el('li', { class: 'tv-invite-link' },
        el('label', { for: inputId, class: 'tv-select-label', text: inv.organisation
          ? t('invite.linkForOrg', { role: t(`role.${role}`), organisation: inv.organisation.name, expires: new Date(inv.expiresAt).toLocaleString() })
          : t('invite.linkFor', { role: t(`role.${role}`), expires: new Date(inv.expiresAt).toLocaleString() }) }),
        el('div', { class: 'tv-row' }, input, copy)));
      input.focus();
      input.select();
      announce(t('invite.created'));
      renderInvitations(currentId);
    } catch (e) {
      announce(t('invite.failed', { message: errorText(e) }));
    }
  });
}
