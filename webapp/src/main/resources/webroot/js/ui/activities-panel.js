// Activities, each tied to an objective, with a lead organisation and dates.
import { el } from './dom.js';
import { t } from '../i18n.js';
import { KeyedList } from './keyed-list.js';
import { CronoprogrammaTable } from './cronoprogramma-table.js';
import { textInput, selectInput, fillOptions, setIfIdle, entityActions, focusAfterDelete, uid, focusAndSelect } from './fields.js';

export class ActivitiesPanel {
  constructor(root, ctx) {
    this.ctx = ctx;
    const list = el('ol', { class: 'tv-entity-list list-unstyled', id: 'activities-list' });
    this.addButton = el('button', { type: 'button', class: 'btn btn-primary btn-sm', id: 'add-activity', text: t('activities.add'), onclick: () => this.add() });
    root.append(list, this.addButton);
    this.crono = new CronoprogrammaTable(root);
    this.list = new KeyedList(list, {
      create: (a) => this.create(a),
      update: (node, a) => this.update(node, a),
      destroy: (node) => ctx.releaseEditors(node),
    });
  }

  objectiveOptions() {
    const objs = this.ctx.doc.ordered('objectives');
    return [{ value: '', label: t('activities.noObjective') },
      ...objs.map(o => ({ value: o.id, label: `${o.kind === 'generale' ? t('objectives.generalShort') : t('objectives.specificShort')} · ${o.title || t('objectives.untitled')}` }))];
  }

  orgOptions(keep) {
    return [{ value: '', label: t('activities.noLead') },
      ...this.ctx.people.orgList(keep).map(o => ({ value: o.id, label: `${o.name} (${o.side})` }))];
  }

  dateInput(label, value, ro, onCommit) {
    const id = uid('d');
    const input = el('input', { type: 'date', id, class: 'form-control', readonly: ro });
    input.value = value ?? '';
    input.addEventListener('change', () => onCommit(input.value === '' ? null : input.value));
    return { wrap: el('div', { class: 'tv-field tv-date' }, el('label', { for: id, class: 'tv-select-label', text: label }), input), input };
  }

  create(a) {
    const ctx = this.ctx;
    const ro = !ctx.canEdit;
    const set = (field) => (v) => ctx.apply([{ op: 'set', coll: 'activities', id: a.id, field, value: v }]);
    const title = textInput({ label: t('activities.title'), value: a.title, readOnly: ro, cls: 'tv-title-input', onCommit: set('title') });
    const objective = selectInput({ label: t('activities.objective'), options: this.objectiveOptions(), value: a.objective, readOnly: ro, onCommit: set('objective') });
    const lead = selectInput({ label: t('activities.lead'), options: this.orgOptions(a.lead), value: a.lead, readOnly: ro, onCommit: set('lead') });
    const start = this.dateInput(t('activities.start'), a.start, ro, set('start'));
    const end = this.dateInput(t('activities.end'), a.end, ro, set('end'));
    const actions = entityActions({ name: a.title, readOnly: ro, onUp: () => this.move(a.id, -1), onDown: () => this.move(a.id, 1), onDelete: () => this.remove(a.id) });
    const node = el('li', { class: 'tv-card tv-activity', dataset: { id: a.id } },
      el('div', { class: 'tv-card-head' }, title.wrap, actions),
      el('div', { class: 'tv-row' }, objective.wrap, lead.wrap, start.wrap, end.wrap),
      ctx.textEditor('activities', a.id, 'description', t('activities.description')));
    Object.assign(node, { actions, titleInput: title.input, objectiveSelect: objective.select, leadSelect: lead.select, startInput: start.input, endInput: end.input });
    return node;
  }

  update(node, a) {
    setIfIdle(node.titleInput, a.title);
    node.actions.setName(a.title);
    fillOptions(node.objectiveSelect, this.objectiveOptions(), a.objective);
    fillOptions(node.leadSelect, this.orgOptions(a.lead), a.lead);
    setIfIdle(node.startInput, a.start);
    setIfIdle(node.endInput, a.end);
    // the date pickers offer no end before the start (the server refuses one: end_before_start)
    node.endInput.min = a.start ?? '';
    node.startInput.max = a.end ?? '';
  }

  render(scope) {
    // objectives and organisations name the choices of every activity
    if (scope && !scope.touches('activities', 'objectives')) return;
    this.addButton.hidden = !this.ctx.canEdit;
    const activities = this.ctx.doc.ordered('activities');
    this.list.render(activities);
    this.crono.render(activities);
  }

  add() {
    const ctx = this.ctx;
    const id = ctx.newId();
    ctx.apply([{ op: 'create', coll: 'activities', id, fields: { order: ctx.keyAfter(ctx.doc.ordered('activities')), title: t('activities.newTitle') } }]);
    this.render();
    focusAndSelect(this.list.get(id)?.titleInput);
    ctx.announce(t('activities.added'));
  }

  move(id, dir) {
    const op = this.ctx.moveOp('activities', this.ctx.doc.ordered('activities'), id, dir);
    if (op) this.ctx.apply([op]);
  }

  remove(id) {
    const refocus = focusAfterDelete(this.list.get(id), this.addButton);
    this.ctx.apply([{ op: 'delete', coll: 'activities', id }]);
    this.render();
    refocus();
    this.ctx.announce(t('activities.deleted'), { action: { label: t('toast.undo'), run: () => this.ctx.runUndo() } });
  }
}
