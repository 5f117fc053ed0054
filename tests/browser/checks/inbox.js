// Browser checks of "Waiting for you": an agreement pat writes waits for sam, counted beside
// "Waiting" in the navigation, listed on the page (which passes axe) and one click from the
// place to sign; and the email reminders page starts with both choices off.
"use strict";
const assert = require("assert");
const { base, check, signIn, axe, newContext, watchErrors, run } = require("../lib");

run(async (browser) => {
  const patContext = await newContext(browser);
  const pat = await patContext.newPage();
  const samContext = await newContext(browser);
  const sam = await samContext.newPage();
  const errors = watchErrors(sam);

  await check("an agreement pat writes is counted in sam's navigation", async () => {
    await signIn(pat, "pat");
    await pat.goto(base + "/supervision/with/sam/agreement");
    await pat.selectOption("#frequency", "monthly");
    await pat.fill("#cancellation", "Rearranged within the week.");
    await pat.fill("#supervisor_expectations", "Protect the time.");
    await pat.fill("#supervisee_expectations", "Bring an agenda.");
    await pat.click("button:text('Save the agreement')");
    await pat.waitForSelector(".flash");
    await signIn(sam, "sam");
    await sam.waitForSelector("[data-inbox-count]:not([hidden])");
    const count = Number(await sam.textContent("[data-inbox-count]"));
    assert.ok(count >= 1, "count " + count);
  });

  await check("the inbox lists it and its link opens the signatures", async () => {
    await sam.goto(base + "/inbox");
    const link = sam.locator("a[href='/supervision/with/pat/agreement#signatures-heading']");
    assert.strictEqual(await link.count(), 1);
    await Promise.all([sam.waitForNavigation(), link.click()]);
    assert.ok(sam.url().endsWith("/supervision/with/pat/agreement#signatures-heading"), sam.url());
    await sam.waitForSelector("#signatures-heading");
  });

  await check("the inbox and email reminders pages pass axe", async () => {
    const found = [];
    for (const path of ["/inbox", "/account/email"]) {
      await sam.goto(base + path);
      for (const violation of await axe(sam)) found.push(`${path}: ${violation}`);
    }
    assert.deepStrictEqual(found, []);
    assert.strictEqual(await sam.locator("input[type=checkbox]:checked").count(), 0);
  });

  await check("no script errors or CSP violations", async () => {
    assert.deepStrictEqual(errors, []);
  });
});
