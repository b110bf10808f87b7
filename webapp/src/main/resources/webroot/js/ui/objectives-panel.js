// The objectives tree: general objectives (generali), each with its specific objectives
// (specifici) and their contenuto operativo and indicators.
import { el } from './dom.js';
import { t } from '../i18n.js';
import { KeyedList } from './keyed-list.js';
import { textInput, selectInput, fillOptions, setIfIdle, entityActions, focusAfterDelete, focusAndSelect } from './fields.js';
import { guidanceNote, showGuidance } from './guidance.js';

export class ObjectivesPanel {
  constructor(root, ctx) {
    this.ctx = ctx;
    this.root = root;
    const list = el('ol', { class: 'tv-entity-list list-unstyled', id: 'objectives-list' });
    this.addButton = el('button', { type: 'button', class: 'btn btn-primary btn-sm', id: 'add-objective', text: t('objectives.addGeneral'), onclick: () => this.addGeneral() });
    this.orphansHead = el('h3', { class: 'h6 mt-3', text: t('objectives.orphans') });
    const orphans = el('ol', { class: 'tv-entity-list list-unstyled' });
    root.append(list, this.addButton, this.orphansHead, orphans);
    this.generals = new KeyedList(list, {
      create: (g) => this.createGeneral(g),
      update: (node, g) => this.updateGeneral(node, g),
      destroy: (node) => ctx.releaseEditors(node),
    });
    this.orphans = this.specificList(orphans);
  }

  specificList(container) {
    return new KeyedList(container, {
      create: (s) => this.createSpecific(s),
      update: (node, s) => {
        setIfIdle(node.titleInput, s.title);
        node.actions.setName(s.title);
        fillOptions(node.parentSelect, this.parentOptions(), s.parent);
        showGuidance(node.guidance, this.ctx, 'objectives', s, 'description');
      },
      destroy: (node) => this.ctx.releaseEditors(node),
    });
  }

  all() { return this.ctx.doc.ordered('objectives'); }

  parentOptions() {
    return [{ value: '', label: t('objectives.noParent') },
      ...this.all().filter(o => o.kind === 'generale').map(g => ({ value: g.id, label: g.title || t('objectives.untitled') }))];
  }

  createGeneral(g) {
    const ctx = this.ctx;
    const ro = !ctx.canEdit;
    const title = textInput({
      label: t('objectives.generalTitle'), value: g.title, readOnly: ro, cls: 'tv-title-input',
      onCommit: (v) => ctx.apply([{ op: 'set', coll: 'objectives', id: g.id, field: 'title', value: v }]),
    });
    const children = el('ol', { class: 'tv-entity-list tv-nested list-unstyled' });
    const addSpecific = el('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', text: t('objectives.addSpecific'), onclick: () => this.addSpecific(g.id) });
    const actions = entityActions({ name: g.title, readOnly: ro, onUp: () => this.move(g.id, -1), onDown: () => this.move(g.id, 1), onDelete: () => this.remove(g.id) });
    const node = el('li', { class: 'tv-card tv-objective tv-general', dataset: { id: g.id } },
      el('div', { class: 'tv-card-head' },
        el('span', { class: 'badge tv-kind', text: t('objectives.general') }),
        title.wrap, actions),
      guidanceNote('objectives', g.id),
      ctx.textEditor('objectives', g.id, 'description', t('objectives.description')),
      children, addSpecific);
    node.guidance = node.querySelector(`#guidance-objectives-${CSS.escape(g.id)}`);
    showGuidance(node.guidance, ctx, 'objectives', g, 'description');
    node.titleInput = title.input;
    node.actions = actions;
    node.addSpecific = addSpecific;
    node.children_ = this.specificList(children);
    return node;
  }

  updateGeneral(node, g) {
    setIfIdle(node.titleInput, g.title);
    showGuidance(node.guidance, this.ctx, 'objectives', g, 'description');
    node.actions.setName(g.title);
    node.addSpecific.hidden = !this.ctx.canEdit;
    node.children_.render(this.all().filter(o => o.kind !== 'generale' && o.parent === g.id));
  }

  createSpecific(s) {
    const ctx = this.ctx;
    const ro = !ctx.canEdit;
    const title = textInput({
      label: t('objectives.specificTitle'), value: s.title, readOnly: ro, cls: 'tv-title-input',
      onCommit: (v) => ctx.apply([{ op: 'set', coll: 'objectives', id: s.id, field: 'title', value: v }]),
    });
    const parent = selectInput({
      label: t('objectives.parent'), options: this.parentOptions(), value: s.parent, readOnly: ro,
      onCommit: (v) => ctx.apply([{ op: 'set', coll: 'objectives', id: s.id, field: 'parent', value: v }]),
    });
    const actions = entityActions({ name: s.title, readOnly: ro, onUp: () => this.move(s.id, -1), onDown: () => this.move(s.id, 1), onDelete: () => this.remove(s.id) });
    const node = el('li', { class: 'tv-card tv-objective tv-specific', dataset: { id: s.id } },
      el('div', { class: 'tv-card-head' },
        el('span', { class: 'badge tv-kind tv-kind-specific', text: t('objectives.specific') }),
        title.wrap, actions),
      parent.wrap,
      guidanceNote('objectives', s.id),
      ctx.textEditor('objectives', s.id, 'description', t('objectives.description')),
      ctx.textEditor('objectives', s.id, 'operational', t('objectives.operational')),
      ctx.textEditor('objectives', s.id, 'indicators', t('objectives.indicators')));
    node.titleInput = title.input;
    node.actions = actions;
    node.parentSelect = parent.select;
    node.guidance = node.querySelector(`#guidance-objectives-${CSS.escape(s.id)}`);
    showGuidance(node.guidance, ctx, 'objectives', s, 'description');
    return node;
  }

  render(scope) {
    if (scope && !scope.touches('objectives')) return;
    const all = this.all();
    const generals = all.filter(o => o.kind === 'generale');
    const ids = new Set(generals.map(g => g.id));
    const orphans = all.filter(o => o.kind !== 'generale' && !ids.has(o.parent));
    this.addButton.hidden = !this.ctx.canEdit;
    this.generals.render(generals);
    this.orphansHead.hidden = orphans.length === 0;
    this.orphans.render(orphans);
  }

  siblingsOf(id) {
    const o = this.ctx.doc.get('objectives', id);
    const all = this.all();
    if (o?.kind === 'generale') return all.filter(x => x.kind === 'generale');
    return all.filter(x => x.kind !== 'generale' && x.parent === o?.parent);
  }

  addGeneral() {
    const ctx = this.ctx;
    const id = ctx.newId();
    ctx.apply([{ op: 'create', coll: 'objectives', id, fields: { order: ctx.keyAfter(this.all()), kind: 'generale', parent: null, title: t('objectives.newGeneral') } }]);
    this.render();
    focusAndSelect(this.generals.get(id)?.titleInput);
    ctx.announce(t('objectives.added'));
  }

  addSpecific(parentId) {
    const ctx = this.ctx;
    const id = ctx.newId();
    ctx.apply([{ op: 'create', coll: 'objectives', id, fields: { order: ctx.keyAfter(this.all()), kind: 'specifico', parent: parentId, title: t('objectives.newSpecific') } }]);
    this.render();
    focusAndSelect(this.generals.get(parentId)?.children_.get(id)?.titleInput);
    ctx.announce(t('objectives.added'));
  }

  move(id, dir) {
    const op = this.ctx.moveOp('objectives', this.siblingsOf(id), id, dir);
    if (op) this.ctx.apply([op]);
  }

  remove(id) {
    const item = this.root.querySelector(`li[data-id="${CSS.escape(id)}"]`);
    const refocus = focusAfterDelete(item, this.addButton);
    this.ctx.apply([{ op: 'delete', coll: 'objectives', id }]);
    this.render();
    refocus();
    this.ctx.announce(t('objectives.deleted'), { action: { label: t('toast.undo'), run: () => this.ctx.runUndo() } });
  }
}
