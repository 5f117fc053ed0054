// Offline quick notes in Chromium with the network switched off and on (context.setOffline):
// the shell loads without a network, a note typed offline waits in IndexedDB and is sent once
// when the network returns (also when two tabs send it, or it is sent again), the
// confidentiality guard's findings are shown, only the shell is cached, and signing out
// clears what the device kept.
"use strict";
const assert = require("assert");
const { base, check, signIn, axe, newContext, watchErrors, run } = require("../lib");

/** The notes the quick-note page keeps on this device. */
function keptNotes(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const opening = indexedDB.open("praxis-offline", 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore("notes", { keyPath: "key" });
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const request = opening.result.transaction("notes").objectStore("notes").getAll();
      request.onsuccess = () => { opening.result.close(); resolve(request.result); };
    };
  }));
}

/** How many of sam's entries on the journal page say `text`. */
async function entriesSaying(page, text) {
  await page.goto(base + "/entries");
  return page.locator(".entry-card", { hasText: text }).count();
}

run(async (browser) => {
  const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, "sam");

  await check("the app is installable: a manifest with icons and a service worker in control", async () => {
    const manifest = await page.evaluate(() => fetch(document.querySelector("link[rel=manifest]").href).then((r) => r.json()));
    assert.strictEqual(manifest.display, "standalone");
    for (const size of ["192x192", "512x512"]) {
      const icon = manifest.icons.find((candidate) => candidate.sizes === size);
      assert.ok(icon, `an icon of ${size}`);
      const response = await page.request.get(base + icon.src);
      assert.strictEqual(response.headers()["content-type"], "image/png");
    }
    await page.goto(base + "/quick-note");
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), "the page is controlled");
    // Chromium's own verdict on installing the app from this page.
    const devtools = await context.newCDPSession(page);
    const { installabilityErrors } = await devtools.send("Page.getInstallabilityErrors");
    await devtools.detach();
    // Test contexts are incognito, which only the browser minds; the app must add nothing.
    const problems = installabilityErrors.map((error) => error.errorId).filter((id) => id !== "in-incognito");
    assert.deepStrictEqual(problems, []);
  });

  await check("the quick-note page loads with the network off and passes axe", async () => {
    await context.setOffline(true);
    await page.reload();
    assert.strictEqual(await page.textContent("h1"), "Quick note");
    await page.waitForSelector("#network-state:text('Offline')");
    assert.deepStrictEqual(await axe(page), []);
  });

  const text = "Offline note after visit FAM-031 " + Date.now();
  let key = null;
  await check("a note typed offline waits on the device, and is sent exactly once when back online by two tabs", async () => {
    await page.fill("#quick-note", text + "\nSecond line: school to call back.");
    await page.click("button:text-is('Keep and send')");
    await page.waitForSelector(".queued-note:has-text('Waiting to send')");
    const kept = await keptNotes(page);
    assert.strictEqual(kept.length, 1);
    key = kept[0].key;
    assert.match(key, /^[0-9a-f-]{36}$/, "a client-made UUID");
    const second = await context.newPage();
    await second.goto(base + "/quick-note");
    await second.waitForSelector(".queued-note:has-text('Waiting to send')");
    await context.setOffline(false);
    for (const tab of [page, second]) {
      await tab.waitForFunction(() => document.querySelectorAll(".queued-note").length === 0, null, { timeout: 10000 });
    }
    const sent = (await page.locator("#sent li").count()) + (await second.locator("#sent li").count());
    assert.ok(sent >= 1, "a tab reports the note as sent");
    await second.close();
    assert.deepStrictEqual(await keptNotes(page), [], "nothing stays on the device once sent");
    assert.strictEqual(await entriesSaying(page, text), 1);
  });

  await check("the same note sent again (a lost answer) is not saved twice", async () => {
    await page.goto(base + "/quick-note");
    const outcome = await page.evaluate(async ({ key, text }) => {
      const session = await (await fetch("/quick-note/session")).json();
      const body = new URLSearchParams({ csrf: session.csrf, key, note: text });
      const response = await fetch("/quick-note/notes", { method: "POST", body });
      return { status: response.status, json: await response.json() };
    }, { key, text });
    assert.strictEqual(outcome.status, 200);
    assert.strictEqual(outcome.json.repeated, true);
    assert.strictEqual(await entriesSaying(page, text), 1);
  });

  await check("a note the confidentiality check flags shows the findings and is sent once confirmed", async () => {
    await page.goto(base + "/quick-note");
    await context.setOffline(true);
    const flagged = "Rang mum on 07700 900123 from the car at " + Date.now();
    await page.fill("#quick-note", flagged);
    await page.click("button:text-is('Keep and send')");
    await page.waitForSelector(".queued-note:has-text('Waiting to send')");
    await context.setOffline(false);
    await page.waitForSelector(".queued-note:has-text('Needs your check')");
    assert.match(await page.textContent(".queued-note"), /07700 900123/);
    await page.click("button:text('These are not identifying details')");
    await page.waitForSelector("#sent li:has-text('Saved after your check')");
    assert.strictEqual(await entriesSaying(page, flagged), 1);
  });

  await check("only the shell and static files are cached, never a page with someone's data", async () => {
    await page.goto(base + "/cases");
    await page.goto(base + "/entries");
    await page.goto(base + "/quick-note");
    const cached = await page.evaluate(async () => {
      const paths = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
      }
      return paths;
    });
    assert.ok(cached.includes("/quick-note"), "the shell is kept");
    const pages = cached.filter((path) => path !== "/quick-note" && !path.startsWith("/static/"));
    assert.deepStrictEqual(pages, []);
  });

  await check("signing out clears the notes kept on the device and the cache", async () => {
    // A note held for the confidentiality check stays on the device until it is confirmed.
    await page.goto(base + "/quick-note");
    await page.fill("#quick-note", "Rang dad on 07700 900456 from the office");
    await page.click("button:text-is('Keep and send')");
    await page.waitForSelector(".queued-note:has-text('Needs your check')");
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(base + "/account");
    assert.ok((await keptNotes(page)).length > 0, "a note is kept before signing out");
    await page.click("form.sign-out button");
    await page.waitForURL(/\/sign-in/);
    assert.deepStrictEqual(await keptNotes(page), []);
    assert.deepStrictEqual(await page.evaluate(() => caches.keys()), []);
  });

  await check("no Content Security Policy violations or script errors", async () => {
    assert.deepStrictEqual(errors, []);
  });
  await context.close();
});
