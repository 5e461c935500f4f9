import * as assert from 'node:assert/strict';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { startFeedServer, type FeedServer } from '../fixtures/feedServer';
import { UNSAFE_DOM_PROBE_BODY, XSS_CORPUS, XSS_PROBE_EXPRESSION } from '../fixtures/xssCorpus';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { openDemoWorkbench, openSidebar, resultsDir, screenshot, screenshotOnFailure, type UiSession } from './harness';

async function screenshotPath(name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  return path.join(resultsDir, `${name}.png`);
}

/**
 * Every payload of the XSS corpus as a feed entry: even ids as deprecations whose
 * migration steps carry the payload (rendered in view), odd ids as docs whose body
 * carries it (rendered inside "Details").
 */
function xssFeed(): string {
  return JSON.stringify({
    entries: XSS_CORPUS.map((p) =>
      p.id % 2 === 0
        ? { id: `xss-${p.id}`, title: `Payload ${p.id}: ${p.name}`, kind: 'changelog', type: 'deprecation', migration: p.markdown }
        : { id: `xss-${p.id}`, title: `Payload ${p.id}: ${p.name}`, kind: 'doc', body: p.markdown },
    ),
  });
}

/**
 * Layout and spoofing cases from #19: deep nesting, unbroken words, remote headings and
 * buttons that imitate DX Pulse's own, link texts that hide their host.
 */
function hostileLayoutFeed(): string {
  const entry = (id: string, title: string, migration: string) => ({ id, title, kind: 'changelog', type: 'deprecation', publishedAt: '2026-09-20', migration });
  return JSON.stringify({
    entries: [
      entry('spoof', 'Spoofing: headings, buttons and link texts', [
        '<h2>Platform docs & changelog</h2>',
        '# Your DX Pulse session expired',
        'Sign in again: <a href="https://evil.example/login"><kbd>Sign in</kbd></a> or [Sign in to Platform](https://evil.example/login)',
        '- RTL override: [\u202Emoc.elpmaxe.mroftalp](https://evil.example/rtl)',
        '- Homoglyph: [plаtform.example.com](https://plаtform.example.com/docs) (a Cyrillic а)',
      ].join('\n\n')),
      entry('long', `Unbroken${'A'.repeat(240)}`, `A long word: ${'x'.repeat(400)} and a long URL https://platform.example.com/${'segment/'.repeat(40)}`),
      entry('nest', 'Nesting: 1,500 quotes and lists deep', `${Array.from({ length: 12 }, (_, i) => `${'  '.repeat(i)}- level ${i + 1}`).join('\n')}\n\n${'> '.repeat(1500)}deep quote\n\n${'<blockquote>'.repeat(1500)}deep html quote${'</blockquote>'.repeat(1500)}`),
    ],
  });
}

/** The first frame (webviews included) that shows `selector`. */
async function waitForFrame(page: Page, selector: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const f of page.frames()) if ((await f.locator(selector).count().catch(() => 0)) > 0) return f;
    if (Date.now() > deadline) throw new Error(`no frame shows ${selector}`);
    await page.waitForTimeout(250);
  }
}

/** The Playwright Frame behind the webview's content (evaluate needs a Frame, not a FrameLocator). */
async function contentFrame(view: FrameLocator): Promise<Frame> {
  const handle = await view.locator('body').elementHandle();
  const frame = await handle?.ownerFrame();
  if (!frame) throw new Error('the webview content frame was not found');
  return frame;
}

function badge(page: Page) {
  return page.locator('.activitybar [aria-label^="DX Pulse"] .badge-content').first();
}

/** Closes whatever a link click may have opened in the workbench (the external-link prompt). */
async function dismissDialogs(page: Page): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const dialog = page.locator('.monaco-dialog-box');
    if (!(await dialog.count())) return;
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
  }
}

for (const colorScheme of ['dark', 'light'] as const) {
  describe(`Docs and changelog in the sidebar (${colorScheme})`, function () {
    let session: UiSession | undefined;
    let server: FeedServer;

    before(async () => {
      server = await startFeedServer();
      session = await openDemoWorkbench({ colorScheme, settings: { 'dxPulse.docs.feedUrl': server.feedUrl } });
      // Links opened through the host may open a tab: close it, the test stays on the workbench.
      session.page.context().on('page', (p) => void p.close().catch(() => undefined));
    });
    afterEach(async function () {
      await screenshotOnFailure(this, session?.page);
    });
    after(async () => {
      await session?.close();
      await server?.close();
    });

    it('lists what affects this repo first, then docs by relevance, with the unread badge', async () => {
      const page = session!.page;
      // ONE notification for everything that affects the repo, with the migration guide one click away.
      const toast = page.locator('.notification-toast', { hasText: 'Open Migration Guide' });
      await toast.waitFor({ timeout: 60_000 });
      assert.equal(await toast.count(), 1, 'one notification, not one per entry');
      const text = (await toast.textContent()) ?? '';
      assert.match(text, /(Deprecation|Breaking change): .+\d more platform changes affect this repository\./);
      // Said once: no "DX Pulse:" beside the toast's own "Source: DX Pulse", and the rule is not repeated.
      assert.doesNotMatch(text, /DX Pulse: (Deprecation|Breaking)/);
      assert.doesNotMatch(text, /has a breaking change|is deprecated\. Removed/);
      await screenshot(page, `docs-notification-${colorScheme}`);
      await toast.getByRole('button', { name: 'Show in DX Pulse' }).click();
      await toast.waitFor({ state: 'detached', timeout: 10_000 });
      const view = await openSidebar(page);
      const first = view.getByTestId('docs-actionable').first();
      await first.waitFor({ timeout: 60_000 });
      // Wait until the loopback feed has arrived next to the demo repo's own feed file.
      await view.locator('[data-entry-id="payments-runbook"]').waitFor({ timeout: 60_000 });
      assert.match((await first.textContent()) ?? '', /Affects this repository: /);
      const actionable = await view.getByTestId('docs-actionable').allTextContents();
      assert.ok(actionable.some((t) => /Node 16 base images are deprecated/.test(t) && /Dockerfile uses node:16-alpine/.test(t)), actionable.join('\n'));
      assert.ok(actionable.some((t) => /left-pad below 2\.0 is deprecated/.test(t) && /package\.json depends on left-pad 1\.3\.0/.test(t)));
      assert.ok(actionable.some((t) => /actions\/checkout/.test(t) && /\.github\/workflows\/ci\.yml uses actions\/checkout@v3/.test(t)));
      const removals = await view.getByTestId('docs-removal').allTextContents();
      // Dates in the sidebar's one format, the editor's locale (en: "Dec 13, 2026").
      assert.ok(removals.some((t) => /^Removed in 12 days \([A-Z][a-z]{2} \d{1,2}, \d{4}\)$/.test(t)), removals.join(' | '));
      // "Show in DX Pulse" brought the entry it named into view, focused (#14 item 23).
      const frame = await contentFrame(view);
      const focusedEntry = new Function(`const a = document.activeElement; const e = a && a.closest('[data-testid="docs-actionable"]'); return e ? e.getAttribute('data-entry-id') : null;`) as () => string | null;
      let focused: string | null = null;
      for (let i = 0; i < 50 && !focused; i++) {
        focused = await frame.evaluate(focusedEntry);
        if (!focused) await page.waitForTimeout(200);
      }
      assert.ok(focused, 'an affected entry has the focus after Show in DX Pulse');
      // The file that shows it opens from the entry.
      const dockerfile = view.getByTestId('docs-affected-file').filter({ hasText: /^Dockerfile$/ }).first();
      await dockerfile.click();
      await page.locator('.tabs-container .tab', { hasText: 'Dockerfile' }).waitFor({ timeout: 15_000 });
      // Migration steps are rendered markdown, not raw text.
      assert.ok((await view.locator('[data-entry-id="demo-node16-images"] .md li').count()) >= 2);

      const entries = await view.getByTestId('docs-entry').allTextContents();
      const idx = (re: RegExp) => entries.findIndex((t) => re.test(t));
      assert.ok(idx(/Payments API runbook/) >= 0 && idx(/Welcome to the platform/) >= 0, entries.join('\n'));
      assert.ok(idx(/Payments API runbook/) < idx(/Welcome to the platform/), 'the service’s own doc ranks above a general one');
      assert.ok(idx(/Go module proxy settings/) > idx(/Welcome to the platform/), 'a doc for another stack ranks last');

      const unread = Number(await view.getByTestId('docs-unread').textContent());
      assert.ok(unread > 0);
      await badge(page).waitFor({ timeout: 30_000 });
      assert.equal(Number(await badge(page).textContent()), unread, 'the activity bar badge shows the unread count');

      // Give the Overview the whole sidebar for the picture, then show the docs section from its heading.
      const onboarding = page.locator('.part.sidebar .pane-header[aria-expanded="true"]', { hasText: /onboarding/i });
      if (await onboarding.count()) await onboarding.first().click();
      await view.locator('#docs-title').evaluate((h) => h.scrollIntoView({ block: 'start' }));
      await page.waitForTimeout(300);
      await screenshot(page, `docs-${colorScheme}`);

      await view.getByTestId('docs-mark-all-read').click();
      await view.getByTestId('docs-unread').waitFor({ state: 'detached', timeout: 30_000 });
      await badge(page).waitFor({ state: 'hidden', timeout: 30_000 });
    });

    it('keeps spoofing, long words and deep nesting inside the view (screenshots)', async () => {
      const page = session!.page;
      server.route('/feed.json', { body: hostileLayoutFeed(), contentType: 'application/json' });
      const view = await openSidebar(page);
      await view.locator('[data-testid="docs"] vscode-button', { hasText: 'Refresh' }).click();
      for (const id of ['spoof', 'long', 'nest']) await view.locator(`[data-entry-id="${id}"]`).waitFor({ timeout: 60_000 });
      const frame = await contentFrame(view);
      const facts = (await frame.evaluate(`(function () {
        var md = document.querySelectorAll('[data-entry-id="spoof"] .md, [data-entry-id="long"] .md, [data-entry-id="nest"] .md');
        var depth = 0;
        document.querySelectorAll('[data-entry-id="nest"] .md *').forEach(function (el) {
          var d = 0; for (var p = el; p && !p.classList.contains('md'); p = p.parentElement) if (/^(BLOCKQUOTE|UL|OL)$/.test(p.tagName)) d++;
          depth = Math.max(depth, d);
        });
        var links = [].slice.call(document.querySelectorAll('[data-entry-id="spoof"] .md a')).map(function (a) { return a.title; });
        return {
          overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          headings: document.querySelectorAll('[data-entry-id] .md :is(h1, h2, h3, h4)').length,
          kbdInLinks: document.querySelectorAll('[data-entry-id] .md a kbd').length,
          depth: depth,
          links: links,
          count: md.length
        };
      })()`)) as { overflow: number; headings: number; kbdInLinks: number; depth: number; links: string[]; count: number };
      assert.equal(facts.count, 3);
      assert.ok(facts.overflow <= 1, `the view scrolls sideways by ${facts.overflow} px`);
      assert.equal(facts.headings, 0, 'remote headings sit below the view’s own');
      assert.equal(facts.kbdInLinks, 0, 'no kbd inside links');
      assert.ok(facts.depth <= 6, `nesting depth ${facts.depth}`);
      assert.ok(facts.links.length >= 4 && facts.links.every((t) => /^Opens \S+ — https:\/\//.test(t)), facts.links.join(' | '));
      assert.ok(facts.links.some((t) => t.startsWith('Opens evil.example ')), 'the real host of the RTL-override link');
      assert.ok(facts.links.some((t) => t.startsWith('Opens xn--')), 'a homoglyph host shows as punycode');
      // The view's own controls are still on screen, not scrolled off to the side.
      assert.ok(await view.locator('#docs-title').isVisible());
      const onboarding = page.locator('.part.sidebar .pane-header[aria-expanded="true"]', { hasText: /onboarding/i });
      if (await onboarding.count()) await onboarding.first().click();
      for (const id of ['spoof', 'long', 'nest']) {
        await view.locator(`[data-entry-id="${id}"]`).evaluate((e) => e.scrollIntoView({ block: 'start' }));
        await page.waitForTimeout(300);
        // The link's hover names its real host.
        if (id === 'spoof') await view.locator('[data-entry-id="spoof"] .md a').first().hover();
        await page.waitForTimeout(id === 'spoof' ? 1200 : 0);
        await page.screenshot({ path: await screenshotPath(`docs-hostile-${id}-${colorScheme}`) });
      }
      // The same entry in the doc viewer (an editor tab), rendered by the same sanitizer.
      await view.locator('[data-entry-id="spoof"] .doc-title').click();
      const viewer = await waitForFrame(page, '[data-testid="doc-title"]');
      assert.match((await viewer.locator('[data-testid="doc-title"]').textContent()) ?? '', /Spoofing/);
      assert.equal(await viewer.locator('[data-testid="doc-body"] :is(h1, h2, h3, h4), [data-testid="doc-body"] a kbd').count(), 0);
      await page.waitForTimeout(500);
      await page.screenshot({ path: await screenshotPath(`docs-hostile-viewer-${colorScheme}`) });
      await page.keyboard.press('Control+W');
    });

    if (colorScheme === 'dark') {
      it('renders every payload of the XSS corpus in the real webview without executing any', async () => {
        const page = session!.page;
        server.route('/feed.json', { body: xssFeed(), contentType: 'application/json' });
        // Sanitizing reports no CSP violation: handlers and styles never reach a parser (#19).
        const csp: string[] = [];
        let probeSeen = false;
        page.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
          if (m.text().includes('dx-pulse console probe')) probeSeen = true;
        });
        const view = await openSidebar(page);
        const before = await contentFrame(view);
        await before.evaluate(`window.__dxCsp = []; document.addEventListener('securitypolicyviolation', function (e) { window.__dxCsp.push(e.violatedDirective); }); console.log('dx-pulse console probe')`);
        await view.locator('[data-testid="docs"] vscode-button', { hasText: 'Refresh' }).click();
        await view.locator(`[data-entry-id="xss-${XSS_CORPUS.at(-1)!.id}"], [data-testid="docs-show-more"]`).first().waitFor({ timeout: 60_000 });
        if (await view.getByTestId('docs-show-more').count()) await view.getByTestId('docs-show-more').click();
        assert.equal(await view.locator('[data-entry-id^="xss-"]').count(), XSS_CORPUS.length, 'every payload is an entry in the view');

        // Open every "Details" so the bodies are visible, as a person would.
        const summaries = view.locator('[data-entry-id^="xss-"] details:not([open]) > summary');
        for (let n = await summaries.count(); n > 0; n = await summaries.count()) await summaries.first().click();

        for (const p of XSS_CORPUS.filter((x) => x.needsClick)) {
          const targets = view.locator(`[data-entry-id="xss-${p.id}"] .md :is(a, button, td, p)`);
          const count = await targets.count();
          for (let i = 0; i < count; i++) {
            const t = targets.nth(i);
            await t.click({ timeout: 2000 }).catch(() => t.dispatchEvent('click'));
          }
          await dismissDialogs(page);
        }
        await page.waitForTimeout(1000);
        await dismissDialogs(page);

        const frame = await contentFrame(view);
        const fired = (await frame.evaluate(XSS_PROBE_EXPRESSION)) as number[];
        assert.deepEqual(fired, [], `payloads that executed: ${fired.join(', ')}`);
        const unsafe = (await frame.evaluate(
          `(function () { var out = []; var roots = document.querySelectorAll('[data-entry-id^="xss-"] .md'); for (var i = 0; i < roots.length; i++) { out = out.concat((function (root) { ${UNSAFE_DOM_PROBE_BODY} })(roots[i])); } return { count: roots.length, problems: out }; })()`,
        )) as { count: number; problems: string[] };
        assert.equal(unsafe.count, XSS_CORPUS.length, 'every payload was rendered as markdown');
        assert.deepEqual(unsafe.problems, []);
        assert.deepEqual(csp.filter((t) => /inline event handler|inline style|style-src/i.test(t)), [], 'no CSP noise from sanitizing');
        assert.deepEqual(await frame.evaluate('window.__dxCsp'), [], 'no securitypolicyviolation in the webview');
        assert.ok(probeSeen, 'the webview’s console reaches the test (so the check above means something)');
        // The view is still alive after all that.
        assert.match((await view.locator('#docs-title').textContent()) ?? '', /Platform docs/);
      });
    }
  });
}
