// The tag and case pickers used with the keyboard only (ARIA combobox pattern): words typed
// in the box suggest tags and cases, arrow keys choose, Enter takes, Escape closes; the entry
// saves with what was chosen. Uses the case FAM-017 that core.js records.
"use strict";
const assert = require("assert");
const { base, check, signIn, axe, newContext, watchErrors, run } = require("../lib");

/** Types `words` into the focused picker, waits for suggestions, moves down to `value` and takes it. */
async function pick(page, box, words, value) {
  await page.focus(box);
  await page.keyboard.type(words, { delay: 15 });
  await page.waitForSelector(`${box}[aria-expanded=true]`);
  const listId = await page.getAttribute(box, "aria-controls");
  for (let step = 0; step < 8; step += 1) {
    await page.keyboard.press("ArrowDown");
    const active = await page.getAttribute(box, "aria-activedescendant");
    assert.ok(active, "an option is active");
    const chosen = await page.getAttribute(`#${active}`, "data-value");
    assert.strictEqual(await page.getAttribute(`#${active}`, "aria-selected"), "true");
    assert.ok(await page.isVisible(`#${listId} #${active}`));
    if (chosen === value) {
      await page.keyboard.press("Enter");
      await page.waitForSelector(`${box}[aria-expanded=false]`);
      return;
    }
  }
  throw new Error(`${value} was not offered for "${words}"`);
}

run(async (browser) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, "sam");

  await check("tags and cases are chosen by words with the keyboard only, and saved", async () => {
    await page.goto(base + "/entries/new?kind=diary");
    assert.strictEqual(await page.getAttribute("#tags", "role"), "combobox");
    await page.fill("#body", "Strategy discussion after the school's referral.");
    await pick(page, "#tags", "section 47", "CA1989-s47");
    await pick(page, "#tags", "critical refl", "PCF-6");
    assert.match(await page.inputValue("#tags"), /^CA1989-s47, PCF-6, $/);
    await page.focus("#tags");
    await page.keyboard.type("care", { delay: 15 });
    await page.waitForSelector("#tags[aria-expanded=true]");
    assert.deepStrictEqual(await axe(page), [], "the open list passes axe");
    await page.keyboard.press("Escape");
    await page.waitForSelector("#tags[aria-expanded=false]");
    for (let i = 0; i < 4; i += 1) await page.keyboard.press("Backspace");
    await pick(page, "#case_refs", "fam", "FAM-017");
    await page.focus("button:text-is('Save')");
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    const shown = await page.textContent("main");
    for (const code of ["CA1989-s47", "PCF-6", "FAM-017"]) assert.ok(shown.includes(code), `${code} on the saved entry`);
  });

  await check("legislation and cases mentioned while writing are offered, one click to add", async () => {
    await page.goto(base + "/entries/new?kind=diary");
    await page.fill("#body", "");
    await page.focus("#body");
    await page.keyboard.type("Strategy discussion under section 47 for FAM-017 today.", { delay: 5 });
    await page.click("button:text('Add CA1989-s47')");
    assert.match(await page.inputValue("#tags"), /CA1989-s47/);
    assert.strictEqual(await page.getAttribute(".mentions a:text('Open FAM-017')", "href"), "/cases/FAM-017");
    await page.click("button:text('Link case FAM-017')");
    assert.match(await page.inputValue("#case_refs"), /FAM-017/);
    assert.deepStrictEqual(await axe(page), []);
  });

  await check("without JavaScript the boxes take words separated with commas", async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await plain.newPage();
    await signIn(noScript, "sam");
    await noScript.goto(base + "/entries/new?kind=diary");
    await noScript.fill("#body", "Core group on the child protection plan.");
    await noScript.fill("#tags", "s47, PCF 6");
    await noScript.fill("#case_refs", "fam-017");
    await noScript.click("button:text-is('Save')");
    await noScript.waitForSelector("h1");
    const shown = await noScript.textContent("main");
    for (const code of ["CA1989-s47", "PCF-6", "FAM-017"]) assert.ok(shown.includes(code), `${code} on the saved entry`);
    await plain.close();
  });

  await check("no Content Security Policy violations or script errors", async () => {
    assert.deepStrictEqual(errors, []);
  });
  await context.close();
});
