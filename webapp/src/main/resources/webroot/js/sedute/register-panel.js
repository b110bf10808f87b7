// The attendance register of a seduta: who was connected (recorded by Tavolo), who was only in
// the room or only on the call (added by a coordinator), from when to when. Coordinators add
// and correct entries while the seduta is open; once closed it is read only, for everyone.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { errorText } from '../errors.js';
import { $, el, clear, announce } from '../ui/dom.js';
import { time } from './format.js';

export class RegisterPanel {
  constructor(root, base, onChange, tavoloId) {
    this.root = root;
    this.base = base;
    this.onChange = onChange;
    this.tavoloId = tavoloId;
    root.append(
      // one tap per member of the tavolo present in the room (coordinators, while open)
      el('div', { id: 'attendance-members', hidden: true },
        el('h3', { class: 'h6', id: 'attendance-members-title', text: t('attendance.membersInRoom') }),
        el('div', { id: 'attendance-member-buttons', class: 'tv-member-taps', role: 'group', 'aria-labelledby': 'attendance-members-title' })),
      el('p', { id: 'attendance-note', class: 'small' }),
      el('div', { class: 'table-responsive' },
        el('table', { class: 'table table-sm tv-register', 'aria-labelledby': 'attendance-title' },
          el('thead', null, el('tr', null,
            ...['name', 'organisation', 'role', 'presence', 'from', 'to', 'actions'].map(k =>
              el('th', { scope: 'col', text: k === 'actions' ? '' : t(`attendance.${k}`) })))),
          el('tbody', { id: 'attendance-rows' }))),
      this.form());
  }

  form() {
    const presence = el('select', { id: 'att-presence', class: 'form-select' },
      el('option', { value: 'in_room', text: t('presenceKind.in_room') }),
      el('option', { value: 'on_call', text: t('presenceKind.on_call') }));
    const f = (id, key, attrs = {}) => el('div', { class: 'form-group tv-reg-field' },
      el('label', { for: id, class: 'active', text: t(key) }), el('input', { id, type: 'text', class: 'form-control', ...attrs }));
    const form = el('form', { id: 'attendance-form', class: 'tv-attendance-form', hidden: true },
      el('h3', { class: 'h6', text: t('attendance.add') }),
      el('div', { class: 'tv-row' },
        f('att-name', 'attendance.name', { required: true, maxlength: 200 }),
        f('att-org', 'attendance.organisation', { maxlength: 200 }),
        f('att-role', 'attendance.role', { maxlength: 100 }),
        el('div', { class: 'tv-field tv-select tv-reg-field' }, el('label', { for: 'att-presence', class: 'tv-select-label', text: t('attendance.presence') }), presence)),
      el('button', { type: 'submit', class: 'btn btn-primary btn-sm', id: 'att-submit', text: t('attendance.addButton') }));
    form.onsubmit = async (ev) => {
      ev.preventDefault();
      const name = $('#att-name', form).value.trim();
      if (!name) { $('#att-name', form).focus(); return; }
      try {
        await api('POST', `${this.base}/register`, {
          name, organisation: $('#att-org', form).value || null, role: $('#att-role', form).value || null, presence: presence.value,
        });
        for (const id of ['att-name', 'att-org', 'att-role']) $(`#${id}`, form).value = '';
        announce(t('attendance.added', { name }));
        await this.load();
      } catch (e) {
        const message = t('seduta.failed', { message: errorText(e, 'seduta') });
        announce(message);
        $('#attendance-note', this.root).textContent = message;
      }
    };
    return form;
  }

  async show(state, coordinator) {
    this.state = state;
    this.coordinator = coordinator;
    const editable = coordinator && state === 'open';
    $('#attendance-form', this.root).hidden = !editable;
    $('#attendance-note', this.root).textContent = state === 'planned' ? t('attendance.startsAtOpening')
      : state === 'closed' ? t('attendance.frozen') : t('attendance.live');
    if (state === 'planned') { clear($('#attendance-rows', this.root)); return; }
    await this.load();
  }

  async load() {
    let rows;
    try {
      rows = await api('GET', `${this.base}/register`);
    } catch {
      return;
    }
    const editable = this.coordinator && this.state === 'open';
    const body = clear($('#attendance-rows', this.root));
    for (const r of rows) {
      const actions = el('td');
      if (editable) {
        actions.append(el('button', { type: 'button', class: 'btn btn-link btn-sm p-0', text: t('attendance.remove'),
          'aria-label': t('attendance.removeWho', { name: r.name }),
          onclick: async () => {
            if (!confirm(t('attendance.removeConfirm', { name: r.name }))) return;
            try { await api('DELETE', `${this.base}/register/${encodeURIComponent(r.id)}`); announce(t('attendance.removed', { name: r.name })); await this.load(); } catch (e) { announce(t('seduta.failed', { message: errorText(e, 'seduta') })); }
          } }));
        actions.append(' ', el('button', { type: 'button', class: 'btn btn-link btn-sm p-0', text: t('attendance.markLeft'),
          hidden: !!r.leftAt || r.connected, 'aria-label': t('attendance.markLeftWho', { name: r.name }),
          onclick: async () => {
            try { await api('PUT', `${this.base}/register/${encodeURIComponent(r.id)}`, { leftAt: new Date().toISOString() }); await this.load(); } catch (e) { announce(t('seduta.failed', { message: errorText(e, 'seduta') })); }
          } }));
      }
      body.append(el('tr', { dataset: { entry: r.id, source: r.source, connected: String(r.connected) } },
        el('th', { scope: 'row' }, r.name, r.connected ? el('span', { class: 'tv-dot tv-online', role: 'img', title: t('attendance.online'), 'aria-label': t('attendance.online') }) : null),
        el('td', { text: [r.organisation, r.side].filter(Boolean).join(' · ') }),
        el('td', { text: r.role ? (['coordinator', 'member', 'observer'].includes(r.role) && r.source === 'live' ? t(`role.${r.role}`) : r.role) : '' }),
        el('td', { text: t(`presenceKind.${r.presence}`) }),
        el('td', { text: time(r.joinedAt) }),
        el('td', { text: r.leftAt ? time(r.leftAt) : '' }),
        actions));
    }
    if (!rows.length) body.append(el('tr', null, el('td', { colspan: 7, class: 'text-muted', text: t('attendance.empty') })));
    await this.memberTaps(editable, rows);
  }

  async memberTaps(editable, rows) {
    const box = $('#attendance-members', this.root);
    box.hidden = !editable || !this.tavoloId;
    if (box.hidden) return;
    let members;
    try { members = await api('GET', `/api/tavoli/${encodeURIComponent(this.tavoloId)}/members`); } catch { return; }
    const inRoom = new Set(rows.filter(r => r.userId && r.presence === 'in_room').map(r => r.userId));
    const buttons = clear($('#attendance-member-buttons', this.root));
    for (const m of members) {
      const here = inRoom.has(m.userId);
      buttons.append(el('button', { type: 'button', class: `btn btn-sm me-1 mb-1 ${here ? 'btn-success' : 'btn-outline-primary'}`,
        'data-user': m.userId, 'aria-pressed': here ? 'true' : 'false', disabled: here,
        'aria-label': t('attendance.markInRoom', { name: m.name }), text: m.name,
        onclick: async () => {
          try { await api('POST', `${this.base}/register/members`, { userId: m.userId }); announce(t('attendance.markedInRoom', { name: m.name })); await this.load(); } catch (e) { announce(t('seduta.failed', { message: errorText(e, 'seduta') })); }
        } }));
    }
  }
}
