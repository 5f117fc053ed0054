// Browser checks of drafts (static/drafts.js): nothing typed is lost when the session has
// ended, when a form is shown again and reloaded, or when the tab is closed. Run by
// .ci/browser-check with the accounts it creates.
//
// The session is ended by removing the session cookie: the server then sees a request
// without a session, exactly as it sees one whose session idled out (both are refused the
// same way, before any handler runs), without waiting out the idle limit.
"use strict";
const assert = require("assert");
const { base, password, check, signIn, axe, newContext, watchErrors, run } = require("../lib");

const STATUS = ".draft-status-text";

/** Waits until the form's draft line says the draft reached the server. */
async function savedOnServer(page) {
  await page.waitForFunction(
    (selector) => /Draft saved at/.test((document.querySelector(selector) || {}).textContent || ""),
    STATUS, { timeout: 10000 });
}

run(async (browser) => {
  const context = await newContext(browser);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, "sam");

  await check("a reflection typed, the session ended, signed in again and saved with its text intact", async () => {
    await page.goto(base + "/entries/new?kind=reflection");
    await page.fill("#title", "Core group after the visit");
    await page.fill("#body", "The plan had drifted from what the children said.");
    await savedOnServer(page);
    await context.clearCookies({ name: "praxis_session" });
    await page.click("button:text-is('Save')");
    await page.waitForURL(/\/sign-in\?next=%2Fentries%2Fnew&ended=true/);
    assert.match(await page.textContent("[data-session-ended]"), /kept in this browser/);
    await page.fill("#username", "sam");
    await page.fill("#password", password);
    await page.press("#password", "Enter");
    // The form comes back and is sent again at once (tests/browser/checks/pocket.js).
    await page.waitForSelector("h1:text('Core group after the visit')");
    assert.match(await page.textContent("main"), /drifted from what the children said/);
    // Saved, so the form starts empty next time.
    await page.goto(base + "/entries/new?kind=reflection");
    await page.waitForLoadState("networkidle");
    assert.strictEqual(await page.inputValue("#body"), "");
  });

  await check("a form shown again, then reloaded, keeps the text (and the page is no 404)", async () => {
    await page.goto(base + "/entries/new?kind=reflection");
    await page.fill("#body", "Untitled note from the car.");
    await page.click("button:text-is('Save')");
    await page.waitForSelector(".error-summary");
    assert.strictEqual(await page.inputValue("#body"), "Untitled note from the car.");
    await page.waitForFunction(() => location.pathname === "/entries/new");
    await page.reload();
    await page.waitForLoadState("networkidle");
    assert.doesNotMatch(await page.textContent("main"), /There is nothing here/);
    await page.waitForFunction(() => document.querySelector("#body").value === "Untitled note from the car.");
    // Typing a URL that only receives a form leads to the form's page.
    await page.goto(base + "/capture");
    assert.strictEqual(new URL(page.url()).pathname, "/");
  });

  await check("a draft comes back after the tab is closed, and on another browser from the server", async () => {
    const tab = await context.newPage();
    await tab.goto(base + "/entries/new?kind=diary");
    await tab.fill("#title", "Supervision prep");
    await tab.fill("#body", "Bring the drift in FAM-017's plan.");
    await savedOnServer(tab);
    await tab.close();
    const again = await context.newPage();
    await again.goto(base + "/entries/new?kind=diary");
    await again.waitForFunction(() => document.querySelector("#body").value === "Bring the drift in FAM-017's plan.");
    assert.match(await again.textContent(STATUS), /Restored your unsaved draft/);
    assert.deepStrictEqual(await axe(again), []);
    await again.close();

    const elsewhere = await newContext(browser);
    const other = await elsewhere.newPage();
    await signIn(other, "sam");
    await other.goto(base + "/entries/new?kind=diary");
    await other.waitForFunction(() => document.querySelector("#body").value === "Bring the drift in FAM-017's plan.");
    await elsewhere.close();
  });

  await check("discarding a draft empties the form and it does not come back", async () => {
    await page.goto(base + "/entries/new?kind=diary");
    await page.waitForFunction(() => document.querySelector("#body").value !== "");
    await page.click("button:text-is('Discard draft')");
    assert.strictEqual(await page.inputValue("#body"), "");
    assert.match(await page.textContent(STATUS), /Draft discarded/);
    await page.waitForLoadState("networkidle");
    await page.reload();
    await page.waitForLoadState("networkidle");
    assert.strictEqual(await page.inputValue("#body"), "");
  });

  await check("another person signed in on the same browser never gets the draft", async () => {
    await page.goto(base + "/entries/new?kind=diary");
    await page.fill("#body", "Only sam's words.");
    await context.clearCookies({ name: "praxis_session" });
    await signIn(page, "pat");
    await page.goto(base + "/entries/new?kind=diary");
    await page.waitForLoadState("networkidle");
    assert.strictEqual(await page.inputValue("#body"), "");
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("praxis.draft:sam:")));
    assert.deepStrictEqual(kept, [], "sam's draft stayed in the browser under pat");
  });

  await check("signing out clears the drafts kept in the browser", async () => {
    await page.goto(base + "/entries/new?kind=diary");
    await page.fill("#body", "Pat's note.");
    await page.click("button:text('Sign out')");
    await page.waitForURL(/\/sign-in/);
    const left = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("praxis.")));
    assert.deepStrictEqual(left, []);
  });

  await check("no script errors or CSP violations", async () => {
    assert.deepStrictEqual(errors, []);
  });

  await context.close();
});
