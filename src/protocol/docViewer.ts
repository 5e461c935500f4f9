// Every message between the extension host and the doc viewer (the editor tab that shows
// a platform doc or changelog entry). Both sides import this file; it imports neither.
import * as z from 'zod/mini';
import { OpenLinkCommand, type DocsImagePolicy } from './sidebar';

/** webview -> host: the viewer has loaded its script and can receive the document. */
export const DocViewerReadyCommand = z.object({ type: z.literal('doc/ready') });

export const DocViewerCommand = z.discriminatedUnion('type', [DocViewerReadyCommand, OpenLinkCommand]);
export type DocViewerCommand = z.infer<typeof DocViewerCommand>;

export interface DocContent {
  /** Shown as text, never as markup. */
  readonly title: string;
  /** "Deprecation · 1.4.0 · 2026-09-01" */
  readonly meta?: string;
  /** Where the document came from, shown (and linked) under the title. */
  readonly sourceUrl?: string;
  /**
   * HTML the host made from remote markdown. UNSANITIZED, like DocsEntryView.bodyHtml:
   * the viewer passes it through the sidebar's sanitizer before any of it reaches the DOM.
   */
  readonly html: string;
  /** To resolve relative links and images. */
  readonly baseUrl?: string;
  readonly images: DocsImagePolicy;
}

/** host -> webview: show this document (sent after doc/ready, and on every later open). */
export interface DocShowNotification {
  readonly type: 'doc/show';
  readonly doc: DocContent;
}
