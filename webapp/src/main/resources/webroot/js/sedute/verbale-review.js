// The verbale after closing (issue 19): its state (bozza, osservazioni, approvato), the remarks
// of the people present, the coordinator's remarks period and approval, the approved files and
// the signed copy with what the server's check found. User text only through textContent.
import { api, session, freshToken } from '../api.js';
import { t } from '../i18n.js';
import { errorText } from '../errors.js';
import { el, announce } from '../ui/dom.js';
import { dateTime, download } from './format.js';

export async function renderReview(body, base, sedutaId, coordinator, status, refresh) {
  let v, remarks, signed;
  try {
    [v, remarks, signed] = await Promise.all([api('GET', `${base}/verbale`), api('GET', `${base}/verbale/remarks`),
      api('GET', `${base}/verbale/signed`)]);
  } catch (e) {
    status(t('seduta.failed', { message: errorText(e, 'seduta') }));
    return;
  }
  const fail = (e) => status(t('seduta.failed', { message: errorText(e, 'seduta') }));
  const box = el('div', { id: 'verbale-review', class: 'mt-3' },
    el('p', { id: 'verbale-state', text: t(`verbale.state.${v.state}`, { until: v.remarksUntil ? dateTime(v.remarksUntil) : '' }) }));

  box.append(el('h3', { class: 'h6', id: 'remarks-title', text: t('verbale.remarks') }));
  box.append(remarks.length === 0 ? el('p', { class: 'small', text: t('verbale.noRemarks') })
    : el('ul', { id: 'remarks-list', 'aria-labelledby': 'remarks-title' },
      ...remarks.map(r => el('li', null, el('strong', { text: r.name }), ` (${dateTime(r.at)}): `, r.text))));

  if (v.state === 'osservazioni') {
    const text = el('textarea', { id: 'remark-text', class: 'form-control', rows: 3, maxlength: 4000, required: true });
    const form = el('form', { id: 'remark-form' },
      el('label', { for: 'remark-text', text: t('verbale.remarkLabel') }), text,
      el('button', { type: 'submit', class: 'btn btn-secondary btn-sm mt-1', text: t('verbale.remarkSend') }));
    form.onsubmit = async (ev) => {
      ev.preventDefault();
      try {
        await api('POST', `${base}/verbale/remarks`, { text: text.value });
        announce(t('verbale.remarkSent'));
        await refresh();
      } catch (e) { fail(e); }
    };
    box.append(form);
  }

  if (coordinator && v.state !== 'approvato') {
    const days = el('input', { id: 'remarks-days', type: 'number', min: 0, max: 90, value: 7, class: 'form-control tv-days' });
    const period = el('form', { id: 'remarks-period-form', class: 'mt-2' },
      el('label', { for: 'remarks-days', text: t('verbale.periodDays') }), days,
      el('button', { type: 'submit', class: 'btn btn-secondary btn-sm mt-1', text: t('verbale.periodSet') }));
    period.onsubmit = async (ev) => {
      ev.preventDefault();
      try { await api('PUT', `${base}/verbale/remarks-period`, { days: Number(days.value) }); await refresh(); } catch (e) { fail(e); }
    };
    box.append(period, el('button', { type: 'button', id: 'verbale-approve', class: 'btn btn-primary btn-sm mt-2',
      text: t('verbale.approve'), onclick: async () => {
        try { await api('POST', `${base}/verbale/approve`); announce(t('verbale.approved')); await refresh(); } catch (e) { fail(e); }
      } }));
  }

  if (v.approved) {
    box.append(el('h3', { class: 'h6', text: t('verbale.approvedFiles', { at: dateTime(v.approved.at), by: v.approved.by.name }) }));
    for (const format of ['pdf', 'odt']) {
      const f = v.approved[format];
      box.append(el('div', { class: 'tv-verbale-file' },
        el('button', { type: 'button', class: 'btn btn-primary btn-sm', id: `verbale-approved-${format}`,
          text: t('verbale.downloadApproved', { format: format.toUpperCase() }),
          onclick: async () => {
            try { await download(`${base}/verbale/approved/${format}`, `verbale-approvato-${sedutaId}.${format}`, await freshToken()); } catch (e) { fail(e); }
          } }),
        el('div', { class: 'small' }, 'SHA-256 ', el('code', { text: f.sha256 }))));
    }
    if (coordinator && session.token) {
      const file = el('input', { id: 'signed-file', type: 'file', accept: '.pdf,.p7m,application/pdf,application/pkcs7-mime', class: 'form-control' });
      const up = el('form', { id: 'signed-form', class: 'mt-2' },
        el('label', { for: 'signed-file', text: t('verbale.signedUpload') }), file,
        el('button', { type: 'submit', class: 'btn btn-secondary btn-sm mt-1', text: t('verbale.signedSend') }));
      up.onsubmit = async (ev) => {
        ev.preventDefault();
        const chosen = file.files[0];
        if (!chosen) return;
        const res = await fetch(`${base}/verbale/signed`, { method: 'POST', body: chosen,
          headers: { 'Authorization': `Bearer ${await freshToken()}`, 'Content-Type': chosen.type || 'application/octet-stream' } });
        const data = await res.json().catch(() => ({}));
        if (!res.ok) { status(t('seduta.failed', { message: t(`error.${data.code}`) })); return; }
        announce(t('verbale.signedAccepted'));
        await refresh();
      };
      box.append(up);
    }
    box.append(el('h3', { class: 'h6', id: 'signed-title', text: t('verbale.signedCopies') }));
    box.append(signed.length === 0 ? el('p', { class: 'small', text: t('verbale.noSigned') })
      : el('ul', { id: 'signed-list', 'aria-labelledby': 'signed-title' }, ...signed.map(s => el('li', null,
        t('verbale.signedItem', { kind: s.kind === 'pades' ? 'PAdES' : 'CAdES', at: dateTime(s.uploadedAt) }), ' — ',
        t('verbale.signedResult'), ' ',
        el('span', { class: 'small', text: s.result.signers.map(x => x.subject).join('; ') })))));
  }
  // Replaces the review shown before, if any: two refreshes that overlap leave one review.
  const shown = body.querySelector('#verbale-review');
  if (shown) shown.replaceWith(box); else body.append(box);
}
