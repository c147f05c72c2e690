// The web playground in a real headless Chromium (Debian's `chromium`, driven by playwright-core; no browser
// download): build the page, serve it from localhost, type a profile with an error and see the diagnostic,
// ask a query, drop a compiled blob and decode it, draw a decision graph, diff two profiles — and check that
// the page sent nothing anywhere. A screenshot is kept in test-artifacts/playground.png.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlayground } from '../../web/build.js';
import { readProfile } from '../../src/sbpl/index.js';
import { compileProfileToBlob } from '../../src/format/index.js';
import { getVocab } from '../../src/vocab/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.SBPL_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ARTIFACTS = join(ROOT, 'test-artifacts');
const REAL_BLOBS = join(ROOT, '..', 'shared', 'data', 'real-blobs', 'libsandbox-14.4.1');

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`[skip] no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set SBPL_CHROMIUM): skipping the playground's browser test`);

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const name = req.url === '/' ? 'index.html' : (req.url ?? '').slice(1);
    const file = join(dir, name);
    if (req.method !== 'GET' || name.includes('/') || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    resolve({ server, origin: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}` });
  }));
}

/** A blob compiled by sbpl-kit from a fixture profile (the page decodes it with the same format entry point). */
function fixtureBlob(): Uint8Array {
  const text = readFileSync(join(ROOT, 'test/fixtures/decide/basic.sb'), 'utf8');
  const r = readProfile(text, { fileName: 'basic.sb', params: { WORK: '/private/var/work' } });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return compileProfileToBlob(r.profile, getVocab(r.profile.os)).bytes;
}

/** Drop a file on an element the way a user's drag and drop does (a DragEvent carrying a DataTransfer). */
async function dropFile(page: Page, selector: string, name: string, bytes: Uint8Array): Promise<void> {
  await page.evaluate(
    `(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(${JSON.stringify([...bytes])})], ${JSON.stringify(name)}));
      document.querySelector(${JSON.stringify(selector)}).dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    })()`,
  );
}

async function setEditorText(page: Page, editor: string, text: string): Promise<void> {
  await page.click(`${editor} .cm-content`);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

describe.skipIf(!haveChromium)('web playground in headless Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let server: Server;
  let origin: string;
  let out: string;
  let profileDir: string;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'sbpl-playground-'));
    await buildPlayground(out);
    ({ server, origin } = await serve(out));
    profileDir = mkdtempSync(join(tmpdir(), 'sbpl-chromium-profile-'));
    context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1400, height: 1000 } });
    context.on('request', (r) => requests.push(r.url()));
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    await page.goto(`${origin}/`);
  });

  afterAll(async () => {
    await context?.close();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    for (const d of [out, profileDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('opens with the example profile checked: lint findings listed', async () => {
    await expect.poll(() => page.locator('#diagnostics-a li').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#diagnostics-a').innerText()).toContain('lint/path-never-seen');
    expect(await page.locator('#status-a').innerText()).toMatch(/compiles for sonoma-14\.4\.1/);
  });

  it('a typed error shows inline and in the list, with its code, line and suggestion', async () => {
    await setEditorText(page, '#editor-a', '(version 1)\n(deny default)\n');
    await page.keyboard.type('(allow file-raed-data (literal "/private/etc/hosts"))');
    const error = page.locator('#diagnostics-a li.error').first();
    await expect.poll(() => error.innerText().catch(() => '')).toContain("did you mean 'file-read-data'?");
    expect(await error.innerText()).toMatch(/^3:8 error: .*file-raed-data/);
    expect(await error.innerText()).toContain('sbpl/unknown-operation');
    await expect.poll(() => page.locator('#editor-a .cm-lintRange-error').count()).toBe(1);
    expect(await page.locator('#editor-a .cm-lintRange-error').innerText()).toBe('file-raed-data');
    expect(await page.locator('#status-a').innerText()).toContain('has errors');
    // the quick fix the diagnostic offers is the did-you-mean replacement
    await page.locator('#editor-a .cm-lintRange-error').hover();
    const fix = page.locator('.cm-tooltip-lint .cm-diagnosticAction').first();
    await fix.waitFor();
    await fix.click();
    await expect.poll(() => page.locator('#editor-a .cm-content').innerText()).toContain('(allow file-read-data (literal "/private/etc/hosts"))');
    await expect.poll(() => page.locator('#diagnostics-a li.error').count()).toBe(0);
  });

  it('hover explains an operation, completion offers operations', async () => {
    await setEditorText(page, '#editor-a', '(version 1)\n(deny default)\n(allow file-read* (subpath "/usr") (literal "/private/etc/hosts"))\n(allow mach-lookup (global-name "com.apple.logd"))\n(deny file-read-data (regex #"\\.key$"))\n(allow process-exec (literal "/bin/ls"))\n');
    await expect.poll(() => page.locator('#status-a').innerText()).toMatch(/compiles/);
    const at = (await page.evaluate(`(() => {
      const content = document.querySelector('#editor-a .cm-content');
      const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent.indexOf('mach-lookup');
        if (i < 0) continue;
        const r = document.createRange();
        r.setStart(n, i + 2);
        r.setEnd(n, i + 3);
        const b = r.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }
      return null;
    })()`)) as { x: number; y: number } | null;
    expect(at).not.toBeNull();
    await page.mouse.move(at!.x, at!.y);
    await expect.poll(() => page.locator('.cm-tooltip-hover').innerText().catch(() => '')).toContain('mach-lookup');
    await page.mouse.move(0, 0);
    await page.click('#editor-a .cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('(allow file-wr');
    await page.keyboard.press('Control+Space');
    await expect.poll(() => page.locator('.cm-tooltip-autocomplete').innerText().catch(() => '')).toContain('file-write*');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Z');
    await expect.poll(() => page.locator('#editor-a .cm-content').innerText()).not.toContain('(allow file-wr');
  });

  it('a query is decided in the page, with the explanation', async () => {
    await page.fill('#query-op', 'file-read-data');
    await page.fill('#query-target', '/usr/lib/secret.key');
    await page.click('#query-run');
    await expect.poll(() => page.locator('#query-verdict').innerText()).toBe('deny');
    const text = await page.locator('#query-output').innerText();
    expect(text).toContain('A.sb:5:1');
    expect(text).toMatch(/regex/);
    await page.fill('#query-target', '/private/etc/hosts');
    await page.click('#query-run');
    await expect.poll(() => page.locator('#query-verdict').innerText()).toBe('allow');
    // a batch of JSON request lines, read by the core's own validator
    await page.locator('#query details summary').click();
    await page.fill('#query-lines', '{"operation": "mach-lookup", "target": "com.apple.logd"}\n{"operation": "mach-lookup", "target": "com.apple.nope"}\n{"operation": "file-read-data", "paht": "/x"}');
    await page.click('#query-lines-run');
    expect(await page.locator('#query-lines-output').innerText()).toContain("line 3: $: unknown field 'paht' (did you mean 'path'?)");
    await page.fill('#query-lines', '{"operation": "mach-lookup", "target": "com.apple.logd"}\n{"operation": "mach-lookup", "target": "com.apple.nope"}');
    await page.click('#query-lines-run');
    const lines = (await page.locator('#query-lines-output').innerText()).split('\n');
    expect(lines[0]).toMatch(/^line 1: allow mach-lookup/);
    expect(lines[1]).toMatch(/^line 2: deny mach-lookup/);
  });

  it('a dropped blob is decoded, decompiled, and its graph drawn as SVG', async () => {
    await dropFile(page, '#blob-drop', 'basic.sb.bin', fixtureBlob());
    await expect.poll(() => page.locator('#blob-output').innerText()).toMatch(/^basic\.sb\.bin: \d+ bytes, format sonoma14/);
    expect(await page.locator('#blob-output').innerText()).toMatch(/graph: \d+ nodes/);
    expect(await page.locator('#blob-sbpl').textContent()).toContain('(allow network-outbound');
    expect(await page.locator('#graph-source').inputValue()).toBe('blob');
    await page.fill('#graph-op', 'file-read-data');
    await page.click('#graph-run');
    await page.locator('#graph-view svg').waitFor();
    expect(await page.locator('#graph-view svg g.node').count()).toBeGreaterThanOrEqual(4);
    const svgText = await page.locator('#graph-view svg').textContent();
    expect(svgText).toContain('/private/tmp/foo');
    expect(svgText).toContain('deny');
    expect(await page.locator('#graph-dot').textContent()).toMatch(/^digraph decision \{/);
  });

  it.skipIf(!existsSync(REAL_BLOBS))('a blob compiled by Apple (libsandbox 14.4.1) decodes in the page too', async () => {
    const f = readdirSync(REAL_BLOBS).find((n) => n.endsWith('.json') && n !== 'baseline_allow_all.json')!;
    const hex = (JSON.parse(readFileSync(join(REAL_BLOBS, f), 'utf8')) as { bytes_hex: string }).bytes_hex.replace(/\?\?/g, '00');
    const bytes = Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
    await page.setInputFiles('#blob-file', { name: f.replace('.json', '.sb.bin'), mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
    await expect.poll(() => page.locator('#blob-output').innerText()).toContain(`${bytes.length} bytes, format sonoma14`);
  });

  it("profile A's own graph is drawn, with the rule locations as tooltips", async () => {
    await page.selectOption('#graph-source', 'a');
    await page.fill('#graph-op', 'file-read-data');
    await page.click('#graph-run');
    // Graphviz writes a node's tooltip as the title of a link around it
    await expect.poll(() => page.locator('#graph-view svg a').evaluateAll((as) => as.map((a) => a.getAttribute('xlink:title')))).toContain('A.sb:5:22');
  });

  it('two profiles are diffed by the sbpl diff engine', async () => {
    await setEditorText(page, '#editor-b', '(version 1)\n(deny default)\n(allow file-read* (subpath "/usr"))\n(allow mach-lookup (global-name "com.apple.logd"))\n(allow process-exec (literal "/bin/ls"))\n');
    await expect.poll(() => page.locator('#status-b').innerText()).toMatch(/compiles/);
    await page.click('#diff-run');
    await expect.poll(() => page.locator('#diff-engine').innerText()).toContain('sbpl diff engine');
    expect(await page.locator('#diff-engine').innerText()).toMatch(/operations compared; [1-9]\d* decided differently/);
    const rows = page.locator('#diff-table tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    const first = await rows.first().locator('td').allInnerTexts();
    // A allows /private/etc/hosts and denies *.key under /usr; B the other way round
    const hit = await rows.filter({ hasText: '/private/etc/hosts' }).first().locator('td').allInnerTexts();
    expect(hit[2]).toMatch(/^allow/);
    expect(hit[3]).toMatch(/^deny/);
    expect(first[2].split('\n')[0]).not.toBe(first[3].split('\n')[0]);
  });

  it('sent nothing anywhere: only its own three files were loaded, and it cannot fetch', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'playground.png'), fullPage: true });
    expect(problems).toEqual([]);
    const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(foreign).toEqual([]);
    expect([...new Set(requests.filter((u) => u.startsWith(origin)))].sort()).toEqual([`${origin}/`, `${origin}/app.js`, `${origin}/style.css`]);
    // the page's Content-Security-Policy refuses any connection, even to where it came from
    const attempt = await page.evaluate(`fetch(${JSON.stringify(`${origin}/x`)}).then(() => 'sent', () => 'refused')`);
    expect(attempt).toBe('refused');
    expect(requests.some((u) => u.endsWith('/x'))).toBe(false);
  });
});
