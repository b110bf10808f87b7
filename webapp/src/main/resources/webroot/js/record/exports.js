// Downloads of a version as the documents a PA files: PDF/A, ODT, and the budget as CSV; and of
// the present draft (not a version: marked as a draft, never stored). The routes need the
// access token, so a click fetches the file and saves it; the link's href is the real address
// (copyable, and what the tests check). After a download the file's SHA-256 (the server's
// X-Content-SHA256) is shown, to be copied into the protocol register.
import { el, announce } from '../ui/dom.js';
import { t } from '../i18n.js';
import { errorText } from '../errors.js';
import { freshToken, ApiError } from '../api.js';

const FILES = [
  { file: 'export.pdf', label: 'PDF', name: (n) => `progetto-v${n}.pdf` },
  { file: 'export.odt', label: 'ODT', name: (n) => `progetto-v${n}.odt` },
  { file: 'budget.csv', label: 'CSV', name: (n) => `piano-economico-v${n}.csv` },
];

// Issue 15: the partners' confirmations of a consolidated version, a file of its own (the
// version's files, stored at consolidation, never change); rendered at each download.
const CONFIRMATION_FILES = [
  { file: 'confirmations.pdf', key: 'pdf', name: (n) => `conferme-v${n}.pdf` },
  { file: 'confirmations.odt', key: 'odt', name: (n) => `conferme-v${n}.odt` },
];

const HEAD_FILES = [
  { file: 'export.pdf', label: 'PDF', name: 'progetto-bozza.pdf' },
  { file: 'export.odt', label: 'ODT', name: 'progetto-bozza.odt' },
];

export function exportHref(docId, number, file) {
  return `/api/documents/${encodeURIComponent(docId)}/versions/${number}/${file}`;
}

export function headExportHref(docId, file) {
  return `/api/documents/${encodeURIComponent(docId)}/${file}`;
}

/** Where the last download's name and SHA-256 are shown (one per page, filled by download). */
export function exportStatus() {
  return el('p', { class: 'small tv-export-status', id: 'exports-status', role: 'status' });
}

function showDigest(name, sha, draft, confirmations) {
  const box = document.getElementById('exports-status');
  if (!box || !sha) return;
  const key = confirmations ? 'exports.digestConfirmations' : draft ? 'exports.digestDraft' : 'exports.digestStored';
  box.replaceChildren(
    document.createTextNode(t(key, { name }) + ' '),
    el('code', { class: 'tv-sha', dataset: { sha }, text: sha }));
}

async function download(href, name, confirmations = false) {
  announce(t('exports.preparing'));
  try {
    const res = await fetch(href, { headers: { Authorization: `Bearer ${await freshToken()}` } });
    if (!res.ok) {
      const body = await res.json().catch(() => null);
      throw new ApiError(res.status, body?.code ?? `http_${res.status}`, body?.message);
    }
    const sha = res.headers.get('X-Content-SHA256');
    const draft = res.headers.get('X-Tavolo-Draft') === 'true';
    const url = URL.createObjectURL(await res.blob());
    const a = el('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    showDigest(name, sha, draft, confirmations);
    announce(t('exports.done', { name }));
  } catch (e) {
    announce(t('exports.failed', { message: errorText(e) }), { error: true });
  }
}

/** The download links of one version. */
export function exportLinks(docId, version) {
  const box = el('span', { class: 'tv-exports' });
  for (const f of FILES) {
    const href = exportHref(docId, version.number, f.file);
    const name = f.name(version.number);
    const a = el('a', { href, class: 'btn btn-sm btn-link', download: name, dataset: { export: f.file } },
      f.label, el('span', { class: 'visually-hidden', text: ` ${t(`exports.${f.file}`)} v${version.number}` }));
    a.title = t(`exports.${f.file}`);
    a.addEventListener('click', (ev) => { ev.preventDefault(); download(href, name); });
    box.append(a);
  }
  if (version.consolidated) {
    for (const f of CONFIRMATION_FILES) {
      const href = exportHref(docId, version.number, f.file);
      const name = f.name(version.number);
      const a = el('a', { href, class: 'btn btn-sm btn-link', download: name, dataset: { export: f.file } },
        `${t('versions.confirmations')} ${f.key.toUpperCase()}`, el('span', { class: 'visually-hidden', text: ` ${t(`exports.confirmations.${f.key}`)} v${version.number}` }));
      a.title = t(`exports.confirmations.${f.key}`);
      a.addEventListener('click', (ev) => { ev.preventDefault(); download(href, name, true); });
      box.append(a);
    }
  }
  return box;
}

/** The download links of the present draft: "Esporta la bozza corrente" (not a version, not stored). */
export function headExportLinks(docId) {
  const box = el('p', { class: 'tv-exports tv-head-exports', id: 'head-exports' },
    el('span', { text: t('exports.headLabel') + ' ' }));
  for (const f of HEAD_FILES) {
    const href = headExportHref(docId, f.file);
    const a = el('a', { href, class: 'btn btn-sm btn-link', download: f.name, dataset: { exportHead: f.file } },
      f.label, el('span', { class: 'visually-hidden', text: ` ${t(`exports.head.${f.file}`)}` }));
    a.title = t(`exports.head.${f.file}`);
    a.addEventListener('click', (ev) => { ev.preventDefault(); download(href, f.name); });
    box.append(a);
  }
  return box;
}
