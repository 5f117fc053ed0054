// Browser checks of importing: sam chooses a jrnl export this check writes, from the keyboard
// alone; the preview says what the file holds (and passes axe) before anything is written;
// confirming imports it, and the imported entry is in the journal, private.
"use strict";
const assert = require("assert");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { base, check, signIn, axe, newContext, watchErrors, run } = require("../lib");

/** A jrnl export (`jrnl --export json`) of two entries, written to a temporary file. */
function jrnlFile() {
  const stamp = Date.now().toString(36);
  const journal = {
    tags: { "@s47": 1 },
    entries: [
      { date: "2024-03-01", time: "09:30", title: "Strategy discussion " + stamp,
        body: "Agreed a s47 enquiry with the police.", tags: ["@s47"], starred: true },
      { date: "2024-03-04", time: "16:00", title: "Home visit " + stamp,
        body: "Children seen alone; both well.", tags: [], starred: false },
    ],
  };
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "praxis-import-")), "journal.json");
  fs.writeFileSync(file, JSON.stringify(journal));
  return { file, stamp };
}

/** Presses Tab until the focused element matches `selector`; fails after `limit` presses. */
async function tabTo(page, selector, limit = 60) {
  for (let pressed = 0; pressed < limit; pressed++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((wanted) => document.activeElement && document.activeElement.matches(wanted), selector)) return;
  }
  throw new Error("no keyboard stop matches " + selector);
}

run(async (browser) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  const { file, stamp } = jrnlFile();

  await check("sam chooses a jrnl export and sends it from the keyboard", async () => {
    await signIn(page, "sam");
    await page.goto(base + "/account/import");
    await tabTo(page, "#file");
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press("Space")]);
    await chooser.setFiles(file);
    await tabTo(page, "form[action='/account/import'] button[type=submit]");
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    await page.waitForSelector("h1:text('Check the import')");
  });

  await check("the preview says what the file holds and that nothing is written yet", async () => {
    const main = await page.textContent("main");
    assert.match(main, /jrnl export/);
    assert.match(main, /Nothing has been written yet/);
    assert.match(main, /New entries\s*2, dated 01 March 2024 to 04 March 2024/);
    assert.match(main, /CA1989-s47/, "the s47 tag joins the catalogue's");
    const journal = await context.newPage();
    await journal.goto(base + "/entries?from=2024-03-01&to=2024-03-31");
    assert.ok(!(await journal.textContent("main")).includes(stamp), "nothing imported before confirming");
    await journal.close();
  });

  await check("the preview page passes axe", async () => {
    const violations = await axe(page);
    assert.deepStrictEqual(violations, []);
  });

  await check("confirming from the keyboard imports the entries, private", async () => {
    await tabTo(page, "form[action='/account/import/confirm'] button[type=submit]");
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    assert.match(await page.textContent(".flash"), /Imported 2 entries \(private\)/);
    await page.goto(base + "/entries?from=2024-03-01&to=2024-03-31");
    const link = page.locator("a", { hasText: "Home visit " + stamp }).first();
    assert.strictEqual(await link.count(), 1, "the imported entry is in the journal");
    await Promise.all([page.waitForNavigation(), link.click()]);
    const main = await page.textContent("main");
    assert.match(main, /Children seen alone; both well\./);
    assert.match(main, /Private/i);
  });

  await check("no script errors or CSP violations", async () => {
    assert.deepStrictEqual(errors, []);
  });
  await context.close();
});
