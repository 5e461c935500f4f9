// A small loopback HTTP service through which suites running inside the extension host
// can look at, and click, what the workbench shows: the extension API cannot read a
// notification's rendered text or a webview's DOM, and "shows as text, runs nothing"
// must be checked where a person would see it. Only the test harness starts it.
import { createServer } from 'node:http';

/**
 * POST / with JSON { op, selector, index? }:
 *   read:  every element matching `selector`, in the page and in every frame (webviews):
 *          [{ text, links: [href|null], icons: ['codicon-…'], html }]
 *   click / hover: the index-th visible match (default 0), in the page or a frame.
 *   key:   presses `selector` as a key (e.g. 'Escape'); type: types `selector` as text.
 * @param {() => import('playwright-core').Page | undefined} getPage
 */
export async function startWorkbenchProbe(getPage) {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', async () => {
      try {
        const { op, selector, index = 0 } = JSON.parse(body || '{}');
        const page = getPage();
        if (!page) throw new Error('the workbench is not open yet');
        const frames = page.frames();
        let result;
        if (op === 'read') {
          result = [];
          for (const f of frames) {
            const found = await f
              .locator(selector)
              .evaluateAll((els) =>
                els.map((e) => ({
                  text: e.textContent ?? '',
                  links: [...e.querySelectorAll('a'), ...(e.matches('a') ? [e] : [])].map((a) => a.getAttribute('href')),
                  icons: [...e.querySelectorAll('.codicon')].map((i) => [...i.classList].find((c) => c.startsWith('codicon-')) ?? 'codicon'),
                  html: e.innerHTML.slice(0, 4000),
                })),
              )
              .catch(() => []);
            result.push(...found);
          }
        } else if (op === 'click' || op === 'hover') {
          let done = false;
          for (const f of frames) {
            const loc = f.locator(selector);
            if ((await loc.count().catch(() => 0)) > index) {
              if (op === 'click') await loc.nth(index).click({ timeout: 5000 });
              else await loc.nth(index).hover({ timeout: 5000 });
              done = true;
              break;
            }
          }
          if (!done) throw new Error(`nothing matches ${selector}`);
          result = true;
        } else if (op === 'key') {
          await page.keyboard.press(selector);
          result = true;
        } else if (op === 'type') {
          await page.keyboard.type(selector, { delay: 20 });
          result = true;
        } else throw new Error(`unknown op ${op}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
      } catch (e) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: String(e?.message ?? e) }));
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}
