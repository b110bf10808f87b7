// The sedute pages inside the one-page app: #/seduta/<tavolo>/<seduta> (run a meeting),
// #/presenta/<tavolo>/<seduta>/<doc> (presentation view) and #/segui/<token>[/<doc>] (a guest
// watching through a read-only link, no login). Their sections are created here so the
// shared index.html only gains a stylesheet.
import { session } from '../api.js';
import { $, el } from '../ui/dom.js';
import { showSeduta, closeSeduta } from './seduta-view.js';
import { showPresentation, showViewer, closePresentation } from './present-view.js';

export const SEDUTE_VIEWS = ['seduta', 'presenta'];

export function ensureSeduteViews() {
  const main = $('#main');
  for (const name of SEDUTE_VIEWS) {
    if (!$(`#view-${name}`)) main.append(el('section', { id: `view-${name}`, class: 'view', hidden: true }));
  }
}

/**
 * Shows a sedute page if the hash is one; returns true when it handled the route.
 * `showViews(...names)` is the app's view switcher.
 */
export async function routeSedute(hash, showViews) {
  const guest = hash.match(/^#\/segui\/([^/]+)(?:\/([^/]+))?$/);
  const present = hash.match(/^#\/presenta\/([^/]+)\/([^/]+)\/([^/]+)$/);
  const seduta = hash.match(/^#\/seduta\/([^/]+)\/([^/]+)$/);
  if (!guest && !present) closePresentation();
  if (!seduta) closeSeduta();
  document.body.classList.toggle('tv-presenting', !!(guest || present));
  if (guest) {
    showViews('presenta');
    await showViewer($('#view-presenta'), decodeURIComponent(guest[1]), guest[2] ? decodeURIComponent(guest[2]) : null);
    $('#present-title')?.focus({ preventScroll: true });
    return true;
  }
  if (!session.token) return false;
  if (present) {
    showViews('presenta');
    await showPresentation($('#view-presenta'), decodeURIComponent(present[1]), decodeURIComponent(present[2]), decodeURIComponent(present[3]));
    $('#present-title')?.focus({ preventScroll: true });
    return true;
  }
  if (seduta) {
    showViews('seduta');
    await showSeduta($('#view-seduta'), decodeURIComponent(seduta[1]), decodeURIComponent(seduta[2]));
    $('#seduta-title')?.focus({ preventScroll: true });
    return true;
  }
  return false;
}

export function closeSeduteViews() {
  closePresentation();
  closeSeduta();
  document.body.classList.remove('tv-presenting');
}
