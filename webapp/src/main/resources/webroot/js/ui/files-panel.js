// The tavolo's files ("Documenti del tavolo"): upload with progress (members and coordinators),
// the list with download, withdraw (coordinators and whoever uploaded it) and "public for viewer
// links" (coordinators). The file goes to the server as the request body, as it is; the server
// sniffs its type, refuses what is not what its name says, and keeps its SHA-256.
import { api, freshToken, session, ApiError } from '../api.js';
import { t, currentLang } from '../i18n.js';
import { errorText } from '../errors.js';
import { el, clear, announce } from './dom.js';

let current = null;

function when(iso) {
  return iso ? new Date(iso).toLocaleString(currentLang() === 'it' ? 'it-IT' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }) : '';
}

function size(bytes) {
  const f = new Intl.NumberFormat(currentLang() === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${f.format(bytes / 1024)} KB`;
  return `${f.format(bytes / (1024 * 1024))} MB`;
}

/**
 * @param {HTMLElement} root the #files-box container
 * @param {{id: string, role: string}} tavolo
 */
export async function mountFiles(root, tavolo) {
  current = tavolo.id;
  clear(root);
  const base = `/api/tavoli/${encodeURIComponent(tavolo.id)}/files`;
  const coordinator = tavolo.role === 'coordinator';
  const canUpload = tavolo.role !== 'observer';
  const status = el('p', { id: 'files-status', class: 'small', role: 'status' });
  const say = (m) => { status.textContent = m; announce(m); };
  const list = el('div', { id: 'files-list' });
  root.append(el('h2', { class: 'h4 mt-4', id: 'files-title', tabindex: '-1', text: t('files.title') }),
    el('p', { class: 'small', text: t('files.help') }));

  if (canUpload) {
    const input = el('input', { type: 'file', id: 'files-input', class: 'form-control', 'aria-describedby': 'files-limit' });
    const link = el('select', { id: 'files-link', class: 'form-select' }, el('option', { value: '', text: t('files.noLink') }));
    const progress = el('progress', { id: 'files-progress', max: '100', value: '0', hidden: true, 'aria-labelledby': 'files-progress-label' });
    const progressLabel = el('span', { id: 'files-progress-label', class: 'small', hidden: true });
    const button = el('button', { type: 'submit', class: 'btn btn-primary btn-sm', id: 'files-upload', text: t('files.upload') });
    const form = el('form', { id: 'files-form', class: 'tv-import-form' },
      el('div', { class: 'form-group tv-field' }, el('label', { for: 'files-input', class: 'active', text: t('files.file') }), input,
        el('small', { id: 'files-limit', class: 'form-text', text: t('files.limit') })),
      el('div', { class: 'form-group tv-field' }, el('label', { for: 'files-link', class: 'active', text: t('files.link') }), link),
      button, el('div', { class: 'mt-2' }, progressLabel, ' ', progress));
    form.noValidate = true;
    root.append(form);
    fillLinks(link, tavolo.id);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const file = input.files?.[0];
      if (!file) { say(t('files.chooseFirst')); input.focus(); return; }
      button.disabled = true;
      progress.hidden = false;
      progressLabel.hidden = false;
      progress.value = 0;
      progressLabel.textContent = t('files.progress', { name: file.name, percent: 0 });
      try {
        const stored = await upload(`${base}?${new URLSearchParams({ name: file.name, ...(link.value ? { link: link.value } : {}) })}`, file,
          (percent) => {
            progress.value = percent;
            progressLabel.textContent = t('files.progress', { name: file.name, percent });
          });
        form.reset();
        say(t('files.uploaded', { name: stored.name }));
        await renderList(list, tavolo, base, coordinator, say);
      } catch (e) {
        say(t('files.failed', { message: errorText(e, 'files') }));
      } finally {
        button.disabled = false;
        progress.hidden = true;
        progressLabel.hidden = true;
      }
    });
  }
  root.append(status, list);
  await renderList(list, tavolo, base, coordinator, say);
}

/** The sedute and their agenda items, as what a file may be attached to. */
async function fillLinks(select, tavoloId) {
  let sedute = [];
  try { sedute = await api('GET', `/api/tavoli/${encodeURIComponent(tavoloId)}/sedute`); } catch { return; }
  // each seduta's agenda is in its own record
  const full = await Promise.all((sedute ?? []).map(s => api('GET', `/api/sedute/${encodeURIComponent(s.id)}`).catch(() => s)));
  for (const s of full) {
    select.append(el('option', { value: `seduta:${s.id}`, text: t('files.linkSeduta', { title: s.title }) }));
    for (const i of s.agenda ?? []) {
      select.append(el('option', { value: `agenda_item:${i.id}`, text: t('files.linkItem', { seduta: s.title, title: i.title }) }));
    }
  }
}

/** XMLHttpRequest, not fetch: it reports the upload's progress. */
function upload(url, file, onProgress) {
  return freshToken().then(token => new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (ev) => { if (ev.lengthComputable) onProgress(Math.round((ev.loaded / ev.total) * 100)); };
    xhr.onload = () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = null; }
      if (xhr.status === 201) resolve(data);
      else reject(new ApiError(xhr.status, data?.code ?? `http_${xhr.status}`, data?.message));
    };
    // a 413 closes the connection as soon as it is sent: the browser may see only the break
    xhr.onerror = () => reject(new ApiError(0, file.size > 25 * 1024 * 1024 ? 'file_too_large' : null, 'network'));
    xhr.send(file);
  }));
}

async function download(href, name, say) {
  try {
    const res = await fetch(href, { headers: { Authorization: `Bearer ${await freshToken()}` } });
    if (!res.ok) {
      const body = await res.json().catch(() => null);
      throw new ApiError(res.status, body?.code ?? `http_${res.status}`, body?.message);
    }
    const url = URL.createObjectURL(await res.blob());
    const a = el('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    say(t('files.downloaded', { name }));
  } catch (e) {
    say(t('files.failed', { message: errorText(e, 'files') }));
  }
}

async function renderList(box, tavolo, base, coordinator, say) {
  let files;
  try {
    files = await api('GET', base);
  } catch (e) {
    say(t('files.failed', { message: errorText(e, 'files') }));
    return;
  }
  if (current !== tavolo.id) return;
  clear(box);
  if (!files.length) {
    box.append(el('p', { id: 'files-empty', class: 'text-muted', text: t('files.empty') }));
    return;
  }
  const rows = el('tbody');
  for (const f of files) {
    const nameCell = f.withdrawn
      ? el('span', { class: 'tv-withdrawn', text: f.name })
      : el('button', { type: 'button', class: 'btn btn-link p-0 tv-file-download', dataset: { file: f.id },
        onclick: () => download(`${base}/${encodeURIComponent(f.id)}/content`, f.name, say) },
      f.name, el('span', { class: 'visually-hidden', text: ` (${t('files.download')})` }));
    const details = f.withdrawn
      ? t('files.withdrawnBy', { name: f.withdrawn.by.name, when: when(f.withdrawn.at), reason: f.withdrawn.reason })
      : t('files.uploadedBy', { name: f.uploadedBy.name, when: when(f.uploadedAt) });
    const actions = el('td');
    if (!f.withdrawn && coordinator) {
      const id = `files-public-${f.id}`;
      const box2 = el('input', { type: 'checkbox', id, class: 'form-check-input me-1', dataset: { public: f.id } });
      box2.checked = !!f.public;
      box2.addEventListener('change', async () => {
        try {
          await api('PUT', `${base}/${encodeURIComponent(f.id)}/public`, { public: box2.checked });
          say(t(box2.checked ? 'files.madePublic' : 'files.madePrivate', { name: f.name }));
        } catch (e) {
          box2.checked = !box2.checked;
          say(t('files.failed', { message: errorText(e, 'files') }));
        }
      });
      actions.append(el('div', { class: 'form-check' }, box2, el('label', { for: id, class: 'form-check-label small' },
        t('files.public'), el('span', { class: 'visually-hidden', text: ` «${f.name}»` }))));
    }
    if (!f.withdrawn && (coordinator || f.uploadedBy.id === session.user?.id)) {
      const w = el('button', { type: 'button', class: 'btn btn-sm btn-outline-danger mt-1', dataset: { withdraw: f.id } },
        t('files.withdraw'), el('span', { class: 'visually-hidden', text: ` «${f.name}»` }));
      w.addEventListener('click', async () => {
        const reason = window.prompt(t('files.withdrawReason', { name: f.name }));
        if (reason === null) return;
        if (!reason.trim()) { say(t('files.reasonRequired')); return; }
        try {
          await api('POST', `${base}/${encodeURIComponent(f.id)}/withdraw`, { reason: reason.trim() });
          say(t('files.withdrawn', { name: f.name }));
          await renderList(box, tavolo, base, coordinator, say);
          document.getElementById('files-title')?.focus();
        } catch (e) {
          say(t('files.failed', { message: errorText(e, 'files') }));
        }
      });
      actions.append(w);
    }
    rows.append(el('tr', { dataset: { fileRow: f.id, withdrawn: f.withdrawn ? 'true' : 'false' } },
      el('th', { scope: 'row' }, nameCell),
      el('td', { text: `${f.contentType} · ${size(f.bytes)}` }),
      el('td', { class: 'small', text: details }),
      el('td', null, el('code', { class: 'tv-sha small', text: f.sha256.slice(0, 12), title: f.sha256 })),
      actions));
  }
  box.append(el('div', { class: 'table-responsive' }, el('table', { class: 'table', 'aria-labelledby': 'files-title' },
    el('thead', null, el('tr', null,
      el('th', { scope: 'col', text: t('files.name') }), el('th', { scope: 'col', text: t('files.type') }),
      el('th', { scope: 'col', text: t('files.who') }), el('th', { scope: 'col', text: 'SHA-256' }),
      el('th', { scope: 'col', text: t('files.actions') }))),
    rows)));
}
