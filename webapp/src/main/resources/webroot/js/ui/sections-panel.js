// The draft's sections: a title and a collaborative body each, in order.
import { el } from './dom.js';
import { t } from '../i18n.js';
import { KeyedList } from './keyed-list.js';
import { textInput, setIfIdle, entityActions, focusAfterDelete, focusAndSelect } from './fields.js';
import { guidanceNote, showGuidance } from './guidance.js';

export class SectionsPanel {
  constructor(root, ctx) {
    this.ctx = ctx;
    const list = el('ol', { class: 'tv-entity-list list-unstyled', id: 'sections-list' });
    this.addButton = el('button', { type: 'button', class: 'btn btn-primary btn-sm', id: 'add-section', text: t('sections.add'), onclick: () => this.add() });
    root.append(list, this.addButton);
    this.list = new KeyedList(list, {
      create: (s) => this.create(s),
      update: (node, s) => {
        setIfIdle(node.titleInput, s.title);
        node.actions.setName(s.title || t('sections.untitled'));
        showGuidance(node.guidance, this.ctx, 'sections', s, 'body');
      },
      destroy: (node) => ctx.releaseEditors(node),
    });
  }

  create(s) {
    const ctx = this.ctx;
    const ro = !ctx.canEdit;
    const title = textInput({
      label: t('sections.title'), value: s.title, readOnly: ro, cls: 'tv-title-input',
      onCommit: (v) => ctx.apply([{ op: 'set', coll: 'sections', id: s.id, field: 'title', value: v }]),
    });
    const actions = entityActions({
      name: s.title || t('sections.untitled'), readOnly: ro,
      onUp: () => this.move(s.id, -1), onDown: () => this.move(s.id, 1),
      onDelete: () => this.remove(s.id),
    });
    // the avviso's note for this section (a document from a schema di progetto), until it is written
    const guidance = guidanceNote('sections', s.id);
    const node = el('li', { class: 'tv-card tv-section', dataset: { id: s.id } },
      el('div', { class: 'tv-card-head' }, title.wrap, actions),
      guidance,
      ctx.textEditor('sections', s.id, 'body', t('sections.body'), title.input.id));
    node.titleInput = title.input;
    node.actions = actions;
    node.guidance = guidance;
    showGuidance(guidance, ctx, 'sections', s, 'body');
    return node;
  }

  render(scope) {
    if (scope && !scope.touches('sections')) return;
    this.addButton.hidden = !this.ctx.canEdit;
    this.list.render(this.ctx.doc.ordered('sections'));
  }

  add() {
    const ctx = this.ctx;
    const id = ctx.newId();
    ctx.apply([{ op: 'create', coll: 'sections', id, fields: { order: ctx.keyAfter(ctx.doc.ordered('sections')), title: t('sections.newTitle'), body: '' } }]);
    this.render();
    focusAndSelect(this.list.get(id)?.titleInput);
    ctx.announce(t('sections.added'));
  }

  move(id, dir) {
    const op = this.ctx.moveOp('sections', this.ctx.doc.ordered('sections'), id, dir);
    if (op) this.ctx.apply([op]);
  }

  remove(id) {
    const refocus = focusAfterDelete(this.list.get(id), this.addButton);
    this.ctx.apply([{ op: 'delete', coll: 'sections', id }]);
    this.render();
    refocus();
    this.ctx.announce(t('sections.deleted'), { action: { label: t('toast.undo'), run: () => this.ctx.runUndo() } });
  }
}
