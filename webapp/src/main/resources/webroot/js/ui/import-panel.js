// Import a Word (.docx) or OpenDocument (.odt) draft as a new document of the tavolo
// (coordinators): choose the file, see what will be created, then create it. The file goes to
// the server as the request body, as it is; the server reads it and refuses hostile files.
import { freshToken, ApiError } from '../api.js';
import { t } from '../i18n.js';
import { errorText } from '../errors.js';
import { el, clear, announce } from './dom.js';

/**
 * @param {HTMLElement} root the #import-box container
 * @param {string} tavoloId
 * @param {(docId: string) => void} onCreated called with the new document's id
 */
export function mountImport(root, tavoloId, onCreated) {
  clear(root);
  const fileInput = el('input', { type: 'file', id: 'import-file', class: 'form-control', accept: '.docx,.odt',
    'aria-describedby': 'import-help' });
  const titleInput = el('input', { type: 'text', id: 'import-title', class: 'form-control', maxlength: 200 });
  const status = el('p', { id: 'import-status', class: 'small', role: 'status' });
  const preview = el('div', { id: 'import-preview' });
  const previewButton = el('button', { type: 'submit', class: 'btn btn-outline-primary btn-sm', id: 'import-preview-button',
    text: t('import.preview') });
  const form = el('form', { id: 'import-form', class: 'tv-import-form' },
    el('div', { class: 'form-group tv-field' },
      el('label', { for: 'import-file', class: 'active', text: t('import.file') }), fileInput,
      el('small', { id: 'import-help', class: 'form-text', text: t('import.help') })),
    el('div', { class: 'form-group tv-field' },
      el('label', { for: 'import-title', class: 'active', text: t('import.title') }), titleInput),
    previewButton);
  form.noValidate = true;

  const say = (message) => { status.textContent = message; announce(message); };

  async function send(path) {
    const file = fileInput.files?.[0];
    if (!file) throw new ApiError(400, 'import_no_file', 'no file');
    const q = new URLSearchParams({ file: file.name });
    if (titleInput.value.trim()) q.set('title', titleInput.value.trim());
    const res = await fetch(`/api/tavoli/${encodeURIComponent(tavoloId)}/${path}?${q}`, {
      method: 'POST', body: file,
      headers: { Authorization: `Bearer ${await freshToken()}`, 'Content-Type': 'application/octet-stream' },
    });
    const data = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, data?.code ?? `http_${res.status}`, data?.message);
    return data;
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear(preview);
    say(t('import.reading'));
    try {
      const p = await send('imports/preview');
      showPreview(p);
      say(t('import.previewReady', { file: p.file }));
    } catch (e) {
      say(t('import.failed', { message: errorText(e, 'import') }));
    }
  });

  function showPreview(p) {
    const list = (key, items, text) => items.length === 0 ? null : el('div', null,
      el('h4', { class: 'h6 mt-2', text: t(key, { n: items.length }) }),
      el('ul', { class: 'tv-import-list' }, ...items.map(i => el('li', { text: text(i) }))));
    const create = el('button', { type: 'button', class: 'btn btn-primary btn-sm mt-2', id: 'import-create',
      text: t('import.create', { title: p.title }) });
    create.addEventListener('click', async () => {
      create.disabled = true;
      say(t('import.creating'));
      try {
        const d = await send('imports');
        clear(preview);
        form.reset();
        say(t('import.created', { title: d.title }));
        onCreated(d.id);
      } catch (e) {
        create.disabled = false;
        say(t('import.failed', { message: errorText(e, 'import') }));
      }
    });
    preview.append(
      el('h3', { class: 'h5 mt-3', id: 'import-preview-title', tabindex: '-1', text: t('import.previewTitle', { title: p.title }) }),
      el('p', { class: 'small' }, t('import.fileLine', { file: p.file }) + ' ', el('code', { class: 'tv-sha', text: p.sha256 })),
      list('import.sections', p.sections, s => s.title),
      list('import.objectives', p.objectives, o => `${t(`import.kind.${o.kind}`)}: ${o.title}`),
      list('import.activities', p.activities, a => a.title),
      p.tables > 0 ? el('p', { class: 'small', text: t('import.tables', { n: p.tables }) }) : null,
      create);
    preview.querySelector('#import-preview-title').focus();
  }

  root.append(el('h3', { class: 'h5 mt-4', text: t('import.heading') }), form, status, preview);
}
