// Downloads of a version as the documents a PA files: PDF/A, ODT, and the budget as CSV. The
// routes need the access token, so a click fetches the file and saves it; the link's href is
// the real address (copyable, and what the tests check).
import { el, announce } from '../ui/dom.js';
import { t } from '../i18n.js';
import { errorText } from '../errors.js';
import { freshToken, ApiError } from '../api.js';

const FILES = [
  { file: 'export.pdf', label: 'PDF', name: (n) => `progetto-v${n}.pdf` },
  { file: 'export.odt', label: 'ODT', name: (n) => `progetto-v${n}.odt` },
  { file: 'budget.csv', label: 'CSV', name: (n) => `piano-economico-v${n}.csv` },
];

export function exportHref(docId, number, file) {
  return `/api/documents/${encodeURIComponent(docId)}/versions/${number}/${file}`;
}

async function download(href, name) {
  announce(t('exports.preparing'));
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
  return box;
}
