// Tiny DOM helpers. User text only ever goes through textContent, never innerHTML.
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k === 'dataset') Object.assign(node.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else if (v === true) node.setAttribute(k, '');
      else node.setAttribute(k, String(v));
    }
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function $(sel, root = document) { return root.querySelector(sel); }

export function clear(node) { node.replaceChildren(); return node; }

/** Says something to screen readers through the polite live region. */
export function announce(message) {
  const region = document.getElementById('status-live');
  if (!region) return;
  region.textContent = '';
  // A fresh node after clearing makes screen readers repeat identical messages too.
  requestAnimationFrame(() => { region.textContent = message; });
}
