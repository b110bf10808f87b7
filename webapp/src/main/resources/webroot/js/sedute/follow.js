// Follow the coordinator. In the document page, anyone can follow (the part the coordinator
// points at scrolls into view) and a coordinator can lead (their focus carries follow:true,
// an extension of presence in docs/protocol.md). The page also shows the seduta in progress
// and its agenda item, announced live by the server (message "seduta").
import { api } from '../api.js';
import { t } from '../i18n.js';
import { $, el, announce } from '../ui/dom.js';

const PANEL_COLL = { 'doc-sections': 'sections', 'doc-objectives': 'objectives', 'doc-activities': 'activities', 'doc-budget': 'budget' };
const FLASH_MS = 2500;

/** The element showing coll/id(/field) inside root: the field if shown, else its entity. */
export function elementFor(root, focus) {
  if (!focus) return null;
  const esc = (s) => (window.CSS?.escape ? CSS.escape(s) : String(s).replace(/["\\]/g, '\\$&'));
  return root.querySelector(`[data-field="${esc(`${focus.coll}/${focus.id}/${focus.field}`)}"]`)
    ?? root.querySelector(`[data-key="${esc(`${focus.coll}/${focus.id}`)}"]`)
    ?? root.querySelector(`[data-id="${esc(focus.id)}"]`);
}

/**
 * Scrolls what the focus points at to the middle of the screen and marks it for a moment. A
 * caret in a text editor: the caret itself, inside the text's box (a long text scrolls in its
 * own box) and the box in the window.
 */
export function scrollToFocus(root, focus) {
  const target = elementFor(root, focus);
  if (!target) return false;
  const card = target.closest('[data-id], [data-key]') ?? target;
  if (target.editor && typeof focus.head === 'number') target.editor.reveal(focus.head);
  else card.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  card.classList.add('tv-followed');
  setTimeout(() => card.classList.remove('tv-followed'), FLASH_MS);
  return true;
}

/** Adds follow/lead switches and the seduta banner to an open document page (DocView). */
export function attachFollow(view) {
  if (!view || view.followAttached) return;
  view.followAttached = true;
  const client = view.client;
  const tools = $('#view-doc .tv-tools');
  const state = { follow: false, lead: false };

  const followBox = el('input', { type: 'checkbox', id: 'follow-toggle', class: 'form-check-input', role: 'switch' });
  const followSwitch = el('div', { class: 'form-check form-switch tv-switch', id: 'follow-switch' }, followBox,
    el('label', { class: 'form-check-label', for: 'follow-toggle', text: t('follow.follow') }));
  followBox.addEventListener('change', () => {
    state.follow = followBox.checked;
    announce(t(state.follow ? 'follow.on' : 'follow.off'));
  });
  const leadBox = el('input', { type: 'checkbox', id: 'lead-toggle', class: 'form-check-input', role: 'switch' });
  const leadSwitch = el('div', { class: 'form-check form-switch tv-switch', id: 'lead-switch', hidden: true }, leadBox,
    el('label', { class: 'form-check-label', for: 'lead-toggle', text: t('follow.lead') }));
  leadBox.addEventListener('change', () => {
    state.lead = leadBox.checked;
    announce(t(state.lead ? 'follow.leadOn' : 'follow.leadOff'));
    if (state.lead && client.lastFocus) sendLead(client.lastFocus);
  });
  const banner = el('a', { id: 'doc-seduta', class: 'tv-doc-seduta', hidden: true });
  tools.prepend(followSwitch, leadSwitch);
  // below the toolbar, not in it: the toolbar stays one line on a wide screen
  tools.closest('.tv-toolbar').after(banner);

  function sendLead(focus) {
    client.lastFocus = focus;
    if (client.isOnline()) client.sendRaw({ type: 'presence', focus, follow: true });
  }
  const plainSend = client.sendPresence.bind(client);
  client.sendPresence = (focus) => (state.lead && focus ? sendLead(focus) : plainSend(focus));

  // a coordinator leading can point at a whole card (a section, an objective, a budget line)
  const panels = $('#doc-panels');
  const onClick = (ev) => {
    if (!state.lead) return;
    const card = ev.target.closest('[data-id]');
    const panel = ev.target.closest('section.tv-panel');
    const coll = panel && PANEL_COLL[panel.id];
    if (!card || !coll) return;
    const fieldNode = ev.target.closest('[data-field]');
    const field = fieldNode?.dataset.field?.includes('/') ? fieldNode.dataset.field.split('/')[2] : (coll === 'budget' ? 'description' : 'title');
    sendLead({ coll, id: card.dataset.id, field });
  };
  panels.addEventListener('click', onClick);

  const offPresence = client.on('presence', (msg) => {
    if (!state.follow || !msg.follow || !msg.focus || msg.client === client.clientId) return;
    if (scrollToFocus($('#doc-panels'), msg.focus)) $('#view-doc').dataset.followed = `${msg.focus.coll}/${msg.focus.id}`;
  });
  // While a seduta is open, participants follow unless they turn it off; coordinators lead.
  let sedutaOpen = false;
  const followByDefault = () => {
    sedutaOpen = true;
    const role = client.you?.role;
    if (role && role !== 'coordinator' && !state.follow && !state.chosen) followBox.click();
  };
  followBox.addEventListener('click', (ev) => { if (ev.isTrusted) state.chosen = true; });
  const offWelcome = client.on('welcome', (msg) => {
    leadSwitch.hidden = msg.you?.role !== 'coordinator';
    if (sedutaOpen) followByDefault();
  });
  if (client.you) leadSwitch.hidden = client.you.role !== 'coordinator';

  const showSeduta = (s) => {
    if (!s || s.state !== 'open') { banner.hidden = true; return; }
    banner.hidden = false;
    banner.href = `#/seduta/${encodeURIComponent(view.tavoloId)}/${encodeURIComponent(s.id ?? s.seduta)}`;
    banner.textContent = s.item ? t('follow.sedutaItem', { title: s.title, n: s.item.position + 1, item: s.item.title })
      : t('follow.seduta', { title: s.title });
  };
  const offMessage = client.on('message', (m) => {
    if (m.type !== 'seduta') return;
    showSeduta(m);
    if (m.state === 'open') followByDefault();
    announce(banner.hidden ? t('follow.sedutaClosed') : banner.textContent);
  });
  api('GET', `/api/tavoli/${encodeURIComponent(view.tavoloId)}/sedute`).then((list) => {
    const open = list.find(s => s.state === 'open');
    if (!open) return null;
    return api('GET', `/api/sedute/${encodeURIComponent(open.id)}`).then((s) => {
      const item = s.agenda.find(i => i.id === s.currentItem);
      showSeduta({ ...s, item });
      followByDefault();
    });
  }).catch(() => { /* no sedute: nothing to show */ });

  view.cleanups.push(() => {
    offPresence();
    offWelcome();
    offMessage();
    panels.removeEventListener('click', onClick);
    client.sendPresence = plainSend;
    followSwitch.remove();
    leadSwitch.remove();
    banner.remove();
    delete $('#view-doc').dataset.followed;
  });
}
