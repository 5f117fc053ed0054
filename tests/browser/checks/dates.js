// Browser checks of the dates that nudge: the calendar feed's subscription address with its
// copy button (and without JavaScript), the deadlines page and the weekly look back under axe.
// Run by .ci/browser-check, which starts the app and creates the accounts used here.
"use strict";
const assert = require("assert");
const { base, check, signIn, axe, newContext, watchErrors, run } = require("../lib");

run(async (browser) => {
  const context = await newContext(browser);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  const page = await context.newPage();
  const cspErrors = watchErrors(page);
  await signIn(page, "sam");

  let address = "";
  await check("a new feed shows its full address, and the copy button copies it", async () => {
    await page.goto(base + "/deadlines");
    await page.check("input[name=remind_day_before]");
    await page.click("button:text('Create a calendar feed')");
    await page.waitForSelector("#feed-address");
    address = await page.inputValue("#feed-address");
    assert.match(address, new RegExp("^" + base.replace(/[.]/g, "\\.") + "/calendar/[0-9a-f]{64}\\.ics$"));
    assert.ok(await page.isVisible("button[data-copy=feed-address]"), "the copy button is shown");
    await page.click("button[data-copy=feed-address]");
    await page.waitForSelector("[data-copy-status=feed-address]:text('Copied.')");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.strictEqual(copied, address);
  });

  await check("the feed page passes axe", async () => {
    assert.deepStrictEqual(await axe(page), []);
  });

  await check("the feed's address answers with a calendar", async () => {
    const reply = await page.request.get(address);
    assert.strictEqual(reply.status(), 200);
    assert.match(reply.headers()["content-type"], /^text\/calendar/);
    assert.match(await reply.text(), /PRODID:-\/\/Praxis\/\//);
  });

  await check("the weekly look back passes axe and links to a reflection on the week", async () => {
    await page.goto(base + "/look-back");
    assert.deepStrictEqual(await axe(page), []);
    await page.click("a:text('Write a short reflection on this week')");
    await page.waitForSelector("#title");
    assert.match(await page.inputValue("#title"), /^Looking back on the week of /);
  });

  await check("no CSP violations or script errors", async () => {
    assert.deepStrictEqual(cspErrors, []);
  });

  const plain = await newContext(browser, { javaScriptEnabled: false });
  const noScript = await plain.newPage();
  await signIn(noScript, "pat");
  await check("without JavaScript the address is still there to select, with no dead button", async () => {
    await noScript.goto(base + "/deadlines");
    await noScript.click("button:text('Create a calendar feed')");
    await noScript.waitForSelector("#feed-address");
    assert.match(await noScript.inputValue("#feed-address"), /\/calendar\/[0-9a-f]{64}\.ics$/);
    assert.ok(!(await noScript.isVisible("button[data-copy=feed-address]")), "the button stays hidden");
  });
  await plain.close();
  await context.close();
});
