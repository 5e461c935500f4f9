// One check's result: plain and serializable, so the sidebar protocol shows it as it is
// (src/protocol/sidebar.ts imports this type; it has no imports of its own, so the
// webview's build never reaches core code through it).

export interface CheckResult {
  readonly id: string;
  readonly title: string;
  readonly passed: boolean;
  /** Why, in one line, for the developer (never sent). */
  readonly detail: string;
  readonly fix?: string;
  readonly docUrl?: string;
  readonly docId?: string;
}
