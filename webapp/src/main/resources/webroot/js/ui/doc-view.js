import { $ } from './dom.js';

// Placeholder until the live document view lands.
export async function showDocument(tavoloId, docId) {
  $('#doc-title').textContent = docId;
}
