// report.mjs - the HTML report in a real browser (Debian's Chromium,
// driven by playwright-core; no browser is downloaded).
//
//   node tests/browser/report.mjs REPORT.html SCREENSHOT.png [ESCAPE-REPORT.html]
//
// Opens the page, clicks a node of the map, checks that the unit's text is
// highlighted (and the node), clicks a text span and checks the node, checks
// that nothing was fetched from outside the file, and saves a screenshot.
// Prints "ok NAME" or "not ok NAME: why" per check (tests/checks/run.sh
// counts them); exit 0 unless the browser could not be driven at all.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [page_path, shot, escape_path] = process.argv.slice(2);
const exe = process.env.CHROMIUM || '/usr/bin/chromium';
const profile = mkdtempSync(join(tmpdir(), 'argmap-chromium-'));
let failed = 0;
const check = (name, cond, why) => {
  if (cond) console.log(`ok ${name}`);
  else { failed++; console.log(`not ok ${name}: ${why}`); }
};

// launchPersistentContext: a fresh, empty profile of our own (the flags
// are those known to work on these machines; no background networking).
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: exe,
  headless: true,
  viewport: { width: 1200, height: 1400 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await ctx.newPage();
  const outside = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('about:')) outside.push(u);
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(resolve(page_path)).href);

  const nodes = await page.locator('.map svg g.node[id^="u"]').count();
  check('browser-map-has-nodes', nodes > 0, `no unit nodes in the map`);

  // Click the node of u4: its text must light up and be scrolled to.
  await page.locator('.map svg g.node#u4').click();
  const textHl = await page.locator('#text-u4').evaluate((e) => e.classList.contains('hl'));
  const text = (await page.locator('#text-u4').innerText()).trim();
  check('browser-node-click-highlights-text', textHl, '#text-u4 has no class hl');
  check('browser-highlighted-text', text === 'But the talks were meant to fail.',
        `highlighted text is ${JSON.stringify(text)}`);
  const hlCount = await page.locator('#article .hl').count();
  check('browser-one-text-highlighted', hlCount === 1, `${hlCount} highlighted spans`);
  const nodeHl = await page.locator('.map svg g.node#u4').evaluate((e) => e.classList.contains('hl'));
  check('browser-node-click-highlights-node', nodeHl, 'g#u4 has no class hl');
  const inView = await page.locator('#text-u4').evaluate((e) => {
    const r = e.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  check('browser-text-scrolled-into-view', inView, '#text-u4 is off screen');
  if (shot) await page.screenshot({ path: shot, fullPage: true });

  // Click the text of u2: its node lights up, u4 goes dark.
  await page.locator('#text-u2').click();
  const n2 = await page.locator('.map svg g.node#u2').evaluate((e) => e.classList.contains('hl'));
  const n4 = await page.locator('.map svg g.node#u4').evaluate((e) => e.classList.contains('hl'));
  check('browser-text-click-highlights-node', n2 && !n4, `u2 ${n2}, u4 ${n4}`);

  // Article HTML stays text: no element made from the article's markup.
  const injected = await page.locator('#article script, #article b, #article i').count();
  check('browser-article-html-is-text', injected === 0, `${injected} elements from article text`);

  if (escape_path) {
    // A report of an article full of markup: shown as text, never run.
    await page.goto(pathToFileURL(resolve(escape_path)).href);
    const made = await page.locator('#article script, #article b, #article i').count();
    check('browser-escape-no-elements-from-article', made === 0, `${made} elements`);
    const shown = await page.locator('#text-u1').innerText();
    check('browser-escape-markup-shown-as-text',
          shown.includes("<script>alert('x')</script>") && shown.includes('C:\\new\\N'),
          `shown ${JSON.stringify(shown)}`);
    await page.locator('.map svg g.node#u2').click();
    const hl = await page.locator('#text-u2').evaluate((e) => e.classList.contains('hl'));
    check('browser-escape-node-click', hl, '#text-u2 not highlighted');
  }
  check('browser-nothing-fetched', outside.length === 0, `fetched ${outside.join(', ')}`);
  check('browser-no-script-errors', errors.length === 0, errors.join('; '));
} finally {
  await ctx.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(0);
