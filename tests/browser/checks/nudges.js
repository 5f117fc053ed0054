// Browser checks of revisiting reflections and of CPD laid out for Social Work England's
// form: the revisit date offered on the form and marked done from the entry page, the kind
// of activity chosen from a list, and copy buttons that appear with the script and print away.
"use strict";
const assert = require("assert");
const { base, check, signIn, axe, newContext, watchErrors, run } = require("../lib");

run(async (browser) => {
  const context = await newContext(browser);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, "sam");

  await check("a Gibbs reflection is offered a revisit date and marked revisited from its page", async () => {
    await page.goto(base + "/entries/new?kind=reflection");
    assert.strictEqual(await page.inputValue("#revisit_on"), "", "a free reflection has none");
    await page.fill("#title", "Revisit check: after the strategy meeting");
    await Promise.all([page.waitForNavigation(), page.selectOption("#model", "gibbs")]);
    assert.match(await page.inputValue("#revisit_on"), /^\d{4}-\d{2}-\d{2}$/, "a month ahead is offered");
    assert.strictEqual(await page.inputValue("#title"), "Revisit check: after the strategy meeting");
    await page.fill('[id="sections.action_plan"]', "Ask the school for attendance figures.");
    await page.fill("#revisit_on", "2025-01-31");
    await page.click("button:text-is('Save')");
    await page.waitForSelector("#revisit-heading");
    assert.match(await page.textContent("#revisit"), /was due to be revisited on 31 Jan 2025/);
    assert.deepStrictEqual(await axe(page), []);
    await page.click("#revisit button[value='done']");
    await page.waitForSelector(".flash:text('Marked as revisited.')");
    assert.match(await page.textContent("#revisit"), /No revisit date is set/);
  });

  await check("a CPD record's kind comes from the list and its year copies field by field", async () => {
    await page.goto(base + "/entries/new?kind=cpd");
    await page.fill("#title", "SWE check: action learning set");
    await page.selectOption('[id="cpd.activity"]', "peer_learning");
    await page.fill('[id="cpd.hours"]', "2");
    await page.fill('[id="cpd.description"]', "A monthly set with colleagues from two teams.");
    await page.fill('[id="cpd.learning"]', "Hypothesising before visits.");
    await page.fill('[id="cpd.impact"]', "Clearer analysis in assessments.");
    await page.click("button:text-is('Save')");
    await page.waitForSelector("h1:text('SWE check: action learning set')");
    assert.match(await page.textContent("main"), /Peer learning or discussion/);

    await page.goto(base + "/cpd");
    await Promise.all([page.waitForNavigation(), page.click("a:text(\"Lay out for Social Work England's form\")")]);
    const copy = page.locator("button[data-copy$='-learning']").first();
    await copy.waitFor({ state: "visible" });
    await copy.click();
    const status = page.locator("[data-copy-status$='-learning']").first();
    await assert.doesNotReject(status.filter({ hasText: /Copied|Ctrl\+C/ }).waitFor());
    assert.deepStrictEqual(await axe(page), []);
    await page.emulateMedia({ media: "print" });
    assert.strictEqual(await copy.isVisible(), false, "copy buttons do not print");
    assert.ok(await page.locator(".swe-answer").first().isVisible(), "the answers print");
    await page.emulateMedia({ media: "screen" });
  });

  await check("without JavaScript the answers are there to select, with no copy buttons", async () => {
    const plain = await newContext(browser, { javaScriptEnabled: false });
    const bare = await plain.newPage();
    await signIn(bare, "sam");
    await bare.goto(base + "/cpd");
    const href = await bare.getAttribute("a:text(\"Lay out for Social Work England's form\")", "href");
    await bare.goto(base + href);
    assert.ok(await bare.locator(".swe-answer").count() > 0);
    assert.strictEqual(await bare.locator("button[data-copy]:visible").count(), 0);
    await plain.close();
  });

  await check("no script errors or CSP violations", async () => {
    assert.deepStrictEqual(errors, []);
  });
});
