// Who is who: members of the tavolo (from the live connection and the members API) and the
// organisations they belong to, for names, sides and colours.
import { t } from '../i18n.js';

/** The op log's client ids of a document's starting text (docs/protocol.md "Authorship"). */
const ORIGINS = ['seed', 'import', 'template', 'copy'];

/** "Testo di partenza", "Testo importato"... for an origin author, else null. */
export function originName(author) {
  if (typeof author !== 'string' || !author.startsWith('origin:')) return null;
  const kind = author.slice('origin:'.length);
  return t(ORIGINS.includes(kind) ? `authors.origin.${kind}` : 'authors.origin.seed');
}

export class People {
  constructor() {
    this.members = new Map();       // userId -> {user, name, org, orgName, side, role, clients}
    this.organisations = new Map(); // orgId -> {id, name, side}
    this.atTavolo = null;           // orgIds at this tavolo, once the tavolo's list has come
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
      if (m.org) this.atTavolo?.add(m.org); // a member who joined since is at the tavolo too
    }
  }

  addOrganisations(list) {
    for (const o of list ?? []) if (o?.id) this.organisations.set(o.id, { id: o.id, name: o.name, side: o.side });
  }

  /** The organisations at this tavolo (members' and partners'): the ones pickers offer. */
  setTavoloOrganisations(list) {
    this.addOrganisations(list);
    this.atTavolo = new Set((list ?? []).map(o => o.id));
  }

  nameOf(userId) {
    if (!userId) return t('authors.unknown');
    const origin = originName(userId);
    if (origin) return origin;
    return this.members.get(userId)?.name ?? t('authors.former');
  }

  member(userId) { return this.members.get(userId); }

  orgName(orgId) { return this.organisations.get(orgId)?.name ?? (orgId ? t('budget.unknownOrg') : '—'); }

  sideOf(orgId) { return this.organisations.get(orgId)?.side ?? null; }

  /**
   * Organisations to pick from, sorted by side (PA first) then name: those at this tavolo
   * (all known ones until that list has come), and `keep`, the value already chosen.
   */
  orgList(keep) {
    return [...this.organisations.values()].filter(o => !this.atTavolo || this.atTavolo.has(o.id) || o.id === keep).sort((a, b) =>
      (a.side === b.side ? 0 : a.side === 'PA' ? -1 : 1) || a.name.localeCompare(b.name, 'it'));
  }
}
