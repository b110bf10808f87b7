// Renders an ordered list of entities into a container, keeping each entity's element (and the
// editors inside it) alive across renders: create once, update in place, move, remove.
export class KeyedList {
  constructor(container, { create, update, destroy }) {
    this.container = container;
    this.create = create;
    this.update = update;
    this.destroy = destroy ?? (() => {});
    this.elements = new Map();
  }

  render(items) {
    const active = document.activeElement;
    const seen = new Set();
    items.forEach((item, i) => {
      seen.add(item.id);
      let el = this.elements.get(item.id);
      if (!el) {
        el = this.create(item);
        this.elements.set(item.id, el);
      }
      this.update(el, item);
      const at = this.container.children[i];
      if (at !== el) this.container.insertBefore(el, at ?? null);
    });
    for (const [id, el] of this.elements) {
      if (!seen.has(id)) {
        this.destroy(el, id);
        el.remove();
        this.elements.delete(id);
      }
    }
    // Moving a node blurs whatever had focus inside it: give it back.
    if (active && active !== document.activeElement && active.isConnected) active.focus({ preventScroll: true });
  }

  get(id) { return this.elements.get(id); }
}
