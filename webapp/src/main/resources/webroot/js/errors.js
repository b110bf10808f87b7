// Server errors in the reader's language. The server answers {code, message}: the code is
// stable, the message is English for developers and logs, so the UI never shows it. A code
// the bundle does not know yet gets a generic sentence that names it (for support).
import { t, has } from './i18n.js';

/**
 * The sentence for an error: `<area>.error.<code>` first (a page may say it better), then
 * `error.<code>`, then the generic one. Network failures (no code) say so.
 */
export function errorText(e, area = null) {
  const code = e?.code;
  if (!code) return t('error.network');
  if (area && has(`${area}.error.${code}`)) return t(`${area}.error.${code}`);
  if (has(`error.${code}`)) return t(`error.${code}`);
  return t('error.generic', { code });
}

/** Why an integration no longer applies, from the check's conflicts (reason codes). */
export function conflictText(conflicts) {
  const reasons = [...new Set((conflicts ?? []).map(c => c?.reason).filter(Boolean))];
  if (!reasons.length) return t('integrations.conflictUnknown');
  return reasons.map(r => (has(`conflict.${r}`) ? t(`conflict.${r}`) : t('error.generic', { code: r }))).join('; ');
}
