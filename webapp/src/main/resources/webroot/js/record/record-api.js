// The record layer's HTTP routes (integrations, mode and lock, versions, diffs, attribution):
// one function per route, so the panels never build URLs by hand.
import { api } from '../api.js';

const enc = encodeURIComponent;
const doc = (docId) => `/api/documents/${enc(docId)}`;
const one = (docId, id) => `${doc(docId)}/integrations/${enc(id)}`;

export const record = {
  integrations: (docId, status) => api('GET', `${doc(docId)}/integrations${status ? `?status=${enc(status)}` : ''}`),
  integration: (docId, id) => api('GET', one(docId, id)),
  propose: (docId, { baseSeq, ops, rationale }) => api('POST', `${doc(docId)}/integrations`, { baseSeq, ops, rationale }),
  amend: (docId, id, { baseSeq, ops, rationale }) => api('PUT', one(docId, id), { baseSeq, ops, rationale }),
  withdraw: (docId, id) => api('POST', `${one(docId, id)}/withdraw`),
  support: (docId, id, on) => api(on ? 'POST' : 'DELETE', `${one(docId, id)}/support`),
  comment: (docId, id, body) => api('POST', `${one(docId, id)}/comments`, { body }),
  accept: (docId, id) => api('POST', `${one(docId, id)}/accept`),
  confirm: (docId, id) => api('POST', `${one(docId, id)}/confirm`),
  reject: (docId, id, reason) => api('POST', `${one(docId, id)}/reject`, { reason }),

  setMode: (docId, mode) => api('PUT', `${doc(docId)}/mode`, { mode }),
  setLocked: (docId, locked) => api('PUT', `${doc(docId)}/lock`, { locked }),

  versions: (docId) => api('GET', `${doc(docId)}/versions`),
  // seq: the point of the history to name (undefined: the head)
  nameVersion: (docId, name, consolidate = false, seq = undefined) => api('POST', `${doc(docId)}/versions`, { name, consolidate, seq }),
  consolidate: (docId, n) => api('POST', `${doc(docId)}/versions/${n}/consolidate`),
  verify: (docId, n) => api('GET', `${doc(docId)}/versions/${n}/verify`),
  confirmations: (docId, n) => api('GET', `${doc(docId)}/versions/${n}/confirmations`),
  confirmContribution: (docId, n) => api('POST', `${doc(docId)}/versions/${n}/confirmations`, {}),
  restore: (docId, n) => api('POST', `${doc(docId)}/versions/${n}/restore`),
  diff: (docId, from, to) => api('GET', `${doc(docId)}/diff?from=${enc(from)}&to=${enc(to)}`),
  attribution: (docId) => api('GET', `${doc(docId)}/attribution`),
};
