// "Nuovo documento" (coordinators): empty, from a schema di progetto or a template of the
// tavolo, a copy of one of its documents, or an imported Word/OpenDocument file (the import
// form below it). The new document then opens.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { errorText } from '../errors.js';
import { el, clear, announce } from './dom.js';

/**
 * @param {HTMLElement} root the #new-doc-box container
 * @param {{id: string, documents: Array<{id: string, title: string}>}} tavolo
 * @param {HTMLElement} importBox the import form's container, shown for "import a file"
 * @param {(docId: string) => void} onCreated
 */
export async function mountNewDocument(root, tavolo, importBox, onCreated) {
  clear(root);
  let templates = { schemi: [], templates: [] };
  try { templates = await api('GET', `/api/tavoli/${encodeURIComponent(tavolo.id)}/templates`); } catch { /* the choice stays without them */ }
  const status = el('p', { id: 'new-doc-status', class: 'small', role: 'status' });
  const say = (m) => { status.textContent = m; announce(m); };
  const kinds = ['empty', 'template', 'copy', 'import'];
  const radios = kinds.map(k => el('div', { class: 'form-check' },
    el('input', { class: 'form-check-input', type: 'radio', name: 'new-doc-kind', id: `new-doc-kind-${k}`, value: k, checked: k === 'empty' }),
    el('label', { class: 'form-check-label', for: `new-doc-kind-${k}`, text: t(`newDoc.kind.${k}`) })));
  const template = el('select', { id: 'new-doc-template', class: 'form-select' },
    el('optgroup', { label: t('newDoc.schemi') }, ...templates.schemi.map(s => el('option', { value: s.id, text: s.title }))),
    templates.templates.length ? el('optgroup', { label: t('newDoc.tavoloTemplates') },
      ...templates.templates.map(s => el('option', { value: s.id, text: s.title }))) : null);
  const source = el('select', { id: 'new-doc-source', class: 'form-select' },
    ...(tavolo.documents ?? []).map(d => el('option', { value: d.id, text: d.title })));
  const title = el('input', { type: 'text', id: 'new-doc-title', class: 'form-control', maxlength: 200 });
  const templateField = el('div', { class: 'form-group tv-field', hidden: true },
    el('label', { for: 'new-doc-template', class: 'active', text: t('newDoc.template') }), template);
  const sourceField = el('div', { class: 'form-group tv-field', hidden: true },
    el('label', { for: 'new-doc-source', class: 'active', text: t('newDoc.source') }), source);
  const titleField = el('div', { class: 'form-group tv-field' },
    el('label', { for: 'new-doc-title', class: 'active', text: t('newDoc.title') }), title);
  const create = el('button', { type: 'submit', class: 'btn btn-primary btn-sm', id: 'new-doc-create', text: t('newDoc.create') });
  const form = el('form', { id: 'new-doc-form', class: 'tv-import-form' },
    el('fieldset', null, el('legend', { class: 'h6', text: t('newDoc.how') }), ...radios),
    templateField, sourceField, titleField, create);
  form.noValidate = true;
  const kind = () => form.querySelector('input[name="new-doc-kind"]:checked')?.value ?? 'empty';
  const sync = () => {
    const k = kind();
    templateField.hidden = k !== 'template';
    sourceField.hidden = k !== 'copy';
    titleField.hidden = k === 'import';
    create.hidden = k === 'import';
    importBox.hidden = k !== 'import';
  };
  form.addEventListener('change', sync);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const k = kind();
    const name = title.value.trim();
    create.disabled = true;
    try {
      let d;
      if (k === 'empty') {
        if (!name) { say(t('newDoc.titleRequired')); title.focus(); return; }
        d = await api('POST', `/api/tavoli/${encodeURIComponent(tavolo.id)}/documents`, { title: name });
      } else if (k === 'template') {
        d = await api('POST', `/api/tavoli/${encodeURIComponent(tavolo.id)}/documents/from-template`,
          name ? { template: template.value, title: name } : { template: template.value });
      } else if (k === 'copy') {
        d = await api('POST', `/api/documents/${encodeURIComponent(source.value)}/copy`, name ? { title: name } : {});
      }
      say(t('newDoc.created', { title: d.title }));
      onCreated(d.id);
    } catch (e) {
      say(t('newDoc.failed', { message: errorText(e) }));
    } finally {
      create.disabled = false;
    }
  });
  root.append(el('h3', { class: 'h5 mt-3', id: 'new-doc-title-heading', text: t('newDoc.heading') }), form, status);
  sync();
}

/** "Salva come modello": the document's structure becomes a template of the tavolo. */
export function saveTemplateButton(tavoloId, d, onSaved) {
  const b = el('button', { type: 'button', class: 'btn btn-sm btn-link tv-save-template', dataset: { saveTemplate: d.id } },
    t('templates.save'), el('span', { class: 'visually-hidden', text: ` «${d.title}»` }));
  b.addEventListener('click', async () => {
    const name = window.prompt(t('templates.namePrompt'), t('templates.defaultName', { title: d.title }));
    if (name === null || !name.trim()) return;
    b.disabled = true;
    try {
      const saved = await api('POST', `/api/tavoli/${encodeURIComponent(tavoloId)}/templates`, { documentId: d.id, title: name.trim() });
      announce(t('templates.saved', { title: saved.title }));
      onSaved?.();
    } catch (e) {
      announce(t('templates.failed', { message: errorText(e) }), { error: true });
    } finally {
      b.disabled = false;
    }
  });
  return b;
}
