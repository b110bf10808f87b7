// Who is who: members of the tavolo (from the live connection and the members API) and the
// organisations they belong to, for names, sides and colours.
import { t } from '../i18n.js';

export class People {
  constructor() {
    this.members = new Map();       // userId -> {user, name, org, orgName, side, role, clients}
    this.organisations = new Map(); // orgId -> {id, name, side}
  }

  setMembers(list) {
    this.members = new Map();
    for (const m of list ?? []) {
      const id = m.user ?? m.userId;
      if (!id) continue;
      this.members.set(id, { ...m, user: id, orgName: m.orgName ?? m.organisation?.name });
      if (m.org && !this.organisations.has(m.org)) {
        this.organisations.set(m.org, { id: m.org, name: m.orgName ?? m.organisation?.name ?? m.org, side: m.side });
      }
    }
  }

  addOrganisations(list) {
    for (const o of list ?? []) if (o?.id) this.organisations.set(o.id, { id: o.id, name: o.name, side: o.side });
  }

  nameOf(userId) {
    if (!userId) return t('authors.unknown');
    return this.members.get(userId)?.name ?? t('authors.former');
  }

  member(userId) { return this.members.get(userId); }

  orgName(orgId) { return this.organisations.get(orgId)?.name ?? (orgId ? t('budget.unknownOrg') : '—'); }

  sideOf(orgId) { return this.organisations.get(orgId)?.side ?? null; }

  /** Organisations sorted by side (PA first) then name. */
  orgList() {
    return [...this.organisations.values()].sort((a, b) =>
      (a.side === b.side ? 0 : a.side === 'PA' ? -1 : 1) || a.name.localeCompare(b.name, 'it'));
  }
}
