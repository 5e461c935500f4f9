import { el } from './dom';

// One container per sidebar section, in a fixed order. A state post replaces the DOM of
// the sections whose input changed and nothing else: most posts change one section, and
// replacing the others threw away what the developer had there (focus, scroll position,
// an open <details>, half-typed text) and detached elements under the UI tests.

export interface SectionSpec<S> {
  /** Names the slot (data-section) and is what update() reports. */
  readonly id: string;
  /**
   * Everything render() reads: the section's slice of the state, and any view state it
   * reads (a selected card, "show more"). Compared as JSON with the previous post's.
   */
  key(state: S): unknown;
  /** Nothing (null or undefined) leaves the slot empty and hidden. */
  render(state: S): HTMLElement | null | undefined;
}

export class SectionSlots<S> {
  private readonly _slots: { readonly spec: SectionSpec<S>; readonly host: HTMLElement; key?: string }[];

  constructor(container: HTMLElement, specs: readonly SectionSpec<S>[]) {
    this._slots = specs.map((spec) => ({ spec, host: el('div', { class: 'slot', 'data-section': spec.id, hidden: '' }) }));
    container.replaceChildren(...this._slots.map((s) => s.host));
  }

  /**
   * Renders each section whose key (with `shared`, what every section depends on, e.g.
   * the locale) differs from the one it was last rendered with. Returns their ids.
   */
  update(state: S, shared: unknown): Set<string> {
    const rendered = new Set<string>();
    for (const slot of this._slots) {
      const key = JSON.stringify([shared, slot.spec.key(state)]);
      if (key === slot.key) continue;
      const node = slot.spec.render(state);
      slot.host.replaceChildren(...(node ? [node] : []));
      slot.host.hidden = !node;
      // Only once rendered: a section whose render threw is tried again on the next post.
      slot.key = key;
      rendered.add(slot.spec.id);
    }
    return rendered;
  }
}
