// Browser checks of Praxis in headless Chromium: accessibility (axe, WCAG 2.2 A and AA),
// keyboard use, the script's enhancements, pages without JavaScript, phone width and print.
// Run by .ci/browser-check, which starts the app and creates the accounts used here.
"use strict";
const assert = require("assert");
const { base, check, signIn, axe, newContext, watchErrors, run } = require("../lib");

run(async (browser) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const cspErrors = watchErrors(page);

  await check("signing in works from the keyboard", async () => {
    await signIn(page, "sam");
  });

  await check("the skip link is the first stop and moves focus to the main content", async () => {
    await page.goto(base + "/cases");
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => document.activeElement.textContent.trim() || document.activeElement.outerHTML.slice(0, 120));
    assert.strictEqual(first, "Skip to main content");
    await page.keyboard.press("Enter");
    const focused = await page.evaluate(() => document.activeElement.id);
    assert.strictEqual(focused, "main");
  });

  await check("quick capture saves with Enter on a hardware keyboard, and with Ctrl+Enter", async () => {
    await page.goto(base + "/");
    await page.fill("#note", "Home visit FAM-017: children seen alone, both well. s47 outcome shared.");
    await page.press("#note", "Enter");
    await page.waitForURL(base + "/");
    const flash = await page.textContent(".flash");
    assert.match(flash, /Note saved/);
    await page.fill("#note", "Duty call: school rang back.");
    await page.press("#note", "Shift+Enter");
    await page.keyboard.type("Second line.");
    await page.press("#note", "Control+Enter");
    await page.waitForSelector(".flash:text('Note saved: Duty call')");
  });

  await check("choosing a reflective model shows its stages, with a working preview", async () => {
    await page.goto(base + "/entries/new?kind=reflection");
    await page.fill("#title", "Reflection on the core group");
    await Promise.all([page.waitForNavigation(), page.selectOption("#model", "driscoll")]);
    assert.strictEqual(await page.inputValue("#title"), "Reflection on the core group", "typed text is kept");
    await page.fill('[id="sections.what"]', "The **core group** met; <script>alert(1)</script>");
    await page.click('[id="sections.what"] ~ button.preview-toggle');
    await page.waitForSelector('[id="sections.what-preview"]:not([hidden]) strong');
    const html = await page.innerHTML('[id="sections.what-preview"]');
    assert.ok(!/<script/i.test(html), "the preview is sanitised: " + html);
    await page.click("button:text-is('Save')");
    await page.waitForSelector("h1:text('Reflection on the core group')");
    assert.match(await page.textContent("main"), /What\?/);
  });

  await check("a case's events start its clocks, shown on the case and deadlines pages", async () => {
    await page.goto(base + "/cases/new");
    await page.fill("#reference", "FAM-017");
    await page.selectOption("#category", "child_protection");
    await page.click("button:text('Save case')");
    await page.waitForSelector("h1:text('Case FAM-017')");
    await page.click("summary:text('Record an event')");
    await page.selectOption("#kind", "strategy_discussion");
    await page.click("button:text('Record event')");
    await page.waitForSelector(".flash");
    assert.match(await page.textContent("main"), /Initial child protection conference/);
    await page.goto(base + "/deadlines");
    assert.match(await page.textContent("main"), /FAM-017/);
  });

  await check("search finds as you type, and / jumps to the search box", async () => {
    await page.goto(base + "/cases");
    await page.keyboard.press("/");
    assert.strictEqual(await page.evaluate(() => document.activeElement.id), "site-search");
    await page.goto(base + "/search");
    await page.click("#q");
    await page.keyboard.type("children in ca", { delay: 20 });
    await page.waitForFunction(() => /result/.test(document.querySelector("#results").textContent));
    await page.fill("#q", "");
    await page.keyboard.type("s47", { delay: 20 });
    await page.waitForSelector("#results mark");
    assert.match(await page.textContent("#results"), /s47|S47/i);
    assert.match(page.url(), /q=s47/);
  });

  await check("a supervision record is drafted from the pack, saved and signed", async () => {
    await page.goto(base + "/supervision/with/pat/pack");
    await page.fill("#body", "Workload after the duty week");
    await page.click("button:text-is('Add')");
    await page.waitForSelector(".flash");
    await page.goto(base + "/supervision/with/pat/sessions/new");
    assert.match(await page.inputValue("#agenda"), /Workload after the duty week/);
    await page.check("input[name='agenda_functions.management']");
    await page.fill("#wellbeing", "Tired but supported.");
    await page.check("input[name='wellbeing_functions.support']");
    await page.click("button:text-is('Save the record')");
    await page.waitForSelector("h1:text('Supervision record')");
    await page.click("button:text-is('Sign this record')");
    await page.waitForSelector(".flash");
    assert.match(await page.textContent(".signatures"), /signed/);
  });

  const pages = ["/", "/entries", "/entries?kind=poem", "/entries/new?kind=reflection", "/entries/new?kind=cpd",
    "/cases", "/cases/new", "/cases/FAM-017", "/deadlines", "/search", "/search?q=s47", "/supervision", "/supervision/with/pat", "/supervision/with/pat/agreement", "/supervision/with/pat/pack", "/supervision/with/pat/sessions/new", "/tags", "/tags/CA1989-s47", "/cpd", "/account", "/bin"];
  for (const width of [1200, 390]) {
    await check(`no WCAG 2.2 A/AA violations at ${width}px`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(base + "/entries");
      const entry = await page.getAttribute(".entry-title a", "href");
      const found = [];
      for (const path of pages.concat([entry, entry + "/edit", entry + "/revisions"])) {
        await page.goto(base + path);
        for (const violation of await axe(page)) found.push(`${path}: ${violation}`);
      }
      assert.deepStrictEqual(found, []);
    });
  }
  await page.setViewportSize({ width: 1200, height: 900 });

  await check("pages fit a phone screen without sideways scrolling", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of ["/", "/entries", "/entries/new?kind=cpd", "/tags"]) {
      await page.goto(base + path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${path} is ${overflow}px too wide`);
    }
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  await check("printing hides navigation and forms", async () => {
    await page.goto(base + "/entries");
    await page.click(".entry-title a");
    await page.emulateMedia({ media: "print" });
    const hidden = await page.evaluate(() => ["header.site-header", ".entry-actions"].map(
      (selector) => getComputedStyle(document.querySelector(selector)).display));
    await page.emulateMedia({ media: "screen" });
    assert.deepStrictEqual(hidden, ["none", "none"]);
  });

  await check("a supervisor reads what is shared and nothing else", async () => {
    await page.goto(base + "/entries/new?kind=diary");
    await page.fill("#body", "Shared note for supervision");
    await page.check("input[name=visibility][value=supervisor]");
    await page.click("button:text-is('Save')");
    await page.waitForSelector("h1");
    const shared = page.url();
    const supervisor = await (await browser.newContext()).newPage();
    await signIn(supervisor, "pat");
    await supervisor.goto(base + "/entries?view=shared");
    assert.match(await supervisor.textContent("main"), /Shared note for supervision/);
    assert.doesNotMatch(await supervisor.textContent("main"), /Home visit FAM-017/);
    const response = await supervisor.goto(shared.replace(/\/entries\/(\d+)/, (_, id) => `/entries/${Number(id) - 1}`));
    assert.strictEqual(response.status(), 404, "a private entry is invisible");
  });

  await check("without JavaScript every form still works", async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await plain.newPage();
    await signIn(noScript, "sam");
    await noScript.goto(base + "/entries/new?kind=reflection");
    await noScript.selectOption("#model", "kolb");
    await noScript.click("button:text('Show this model')");
    await noScript.waitForSelector('[id="sections.concrete_experience"]');
    await noScript.goto(base + "/");
    await noScript.fill("#note", "Duty day: four referrals before 9am.");
    await noScript.click("button:text('Save note')");
    assert.match(await noScript.textContent(".flash"), /Note saved/);
    await plain.close();
  });

  await check("a student starts a placement, logs a day, links evidence, and the pages pass axe", async () => {
    const student = await (await browser.newContext({ bypassCSP: true })).newPage();
    student.on("pageerror", (error) => cspErrors.push("script error: " + error.message));
    await signIn(student, "stu");
    await student.goto(base + "/entries/new?kind=reflection");
    await student.fill("#title", "First home visit with my practice educator");
    await student.fill("#body", "I noticed how the family's strengths changed my questions.");
    await student.click("button:text-is('Save')");
    await student.waitForSelector("h1");
    await student.goto(base + "/placements/new");
    await student.fill("#setting", "Local authority children's services");
    await student.fill("#team", "Assessment");
    await student.selectOption("#onsite_supervisor", "pat");
    const start = new Date(Date.now() - 21 * 86400000).toISOString().slice(0, 10);
    const end = new Date(Date.now() + 120 * 86400000).toISOString().slice(0, 10);
    await student.fill("#starts_on", start);
    await student.fill("#expected_end_on", end);
    await student.click("button:text-is('Save the placement')");
    await student.waitForSelector("#coverage-heading");
    const placement = new URL(student.url()).pathname;
    await student.goto(base + placement + "/days");
    await student.fill("#activities", "Shadowed a duty worker; wrote up a visit.");
    await student.click("button:text-is('Save the day')");
    await student.waitForSelector(".flash");
    await student.goto(base + placement + "/evidence/new");
    assert.match(await student.textContent(".notice"), /Linking shares the entry/);
    await student.selectOption("#entry_id", { index: 1 });
    await student.check("input[name=domains][value='PCF-6']");
    await student.fill("#note", "Critical reflection on how I framed my questions.");
    await student.click("button:text-is('Link and share')");
    await student.waitForSelector(".flash");
    assert.match(await student.textContent("table.coverage"), /PCF-6[\s\S]*1/);
    const found = [];
    for (const width of [1200, 390]) {
      await student.setViewportSize({ width, height: 900 });
      for (const path of ["/placements", "/placements/new", placement, placement + "/days", placement + "/evidence/new",
        placement + "/observations/new", placement + "/agreement", placement + "/reviews/midpoint", placement + "/portfolio"]) {
        await student.goto(base + path);
        for (const violation of await axe(student)) found.push(`${path} at ${width}px: ${violation}`);
        const overflow = await student.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (width < 400 && overflow > 1) found.push(`${path} is ${overflow}px too wide`);
      }
    }
    assert.deepStrictEqual(found, []);
    const educator = await (await browser.newContext({ bypassCSP: true })).newPage();
    await signIn(educator, "pe");
    await educator.goto(base + placement);
    assert.match(await educator.textContent("main"), /First home visit with my practice educator/);
    for (const violation of await axe(educator)) found.push(`educator ${placement}: ${violation}`);
    assert.deepStrictEqual(found, []);
  });

  await check("no Content Security Policy violations or script errors", async () => {
    assert.deepStrictEqual(cspErrors, []);
  });
});
