// Browser checks of "in the pocket between visits": a refused form redirects to its own page
// and keeps the text there (with and without JavaScript, and on reload); a reflection sent
// after the session ended is saved once its writer signs in again; the idle warning comes
// before the end, is announced, keeps the session when asked, and when ignored ends in the
// signed-out state with the text kept. Run by .ci/browser-check with the accounts it creates.
//
// The idle checks need a short idle limit, so this file starts a second server of its own
// (the same binary, PRAXIS_SESSION_IDLE_MINUTES=1) on a temporary data directory.
"use strict";
const assert = require("assert");
const fs = require("fs");
const os = require("os");
const path = require("path");
const net = require("net");
const { spawn, spawnSync } = require("child_process");
const { base, password, check, signIn, axe, newContext, watchErrors, run } = require("../lib");

const binary = process.env.PRAXIS_BIN || path.resolve(__dirname, "../../../target/debug/praxis");
const shortPort = Number(process.env.PRAXIS_POCKET_PORT || 18097);
const shortBase = `http://127.0.0.1:${shortPort}`;
const MINUTE = 60 * 1000;

/** Counts the entries titled `title` in the writer's journal. */
async function entriesTitled(page, origin, title) {
  const list = await page.context().newPage();
  await list.goto(origin + "/entries");
  const count = await list.locator("main a", { hasText: title }).count();
  await list.close();
  return count;
}

/** Signs in again on the sign-in page the browser was sent to. */
async function signInAgain(page, username) {
  await page.fill("#username", username);
  await page.fill("#password", password);
  await page.press("#password", "Enter");
}

/** Resolves once something answers on `port`, or fails after ten seconds. */
async function listening(port) {
  const until = Date.now() + 10000;
  while (Date.now() < until) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => { socket.end(); resolve(true); });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`nothing listening on ${port}`);
}

/** A server with a one-minute idle limit and the account sam; returns a function to stop it. */
async function shortLivedServer() {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), "praxis-pocket-"));
  const added = spawnSync(binary, ["--data-dir", data, "user", "add", "--username", "sam",
    "--role", "practitioner", "--password-stdin"], { input: password + "\n" });
  assert.strictEqual(added.status, 0, String(added.stderr));
  const server = spawn(binary, ["--data-dir", data, "serve"], {
    env: { ...process.env, ROCKET_PORT: String(shortPort), ROCKET_ADDRESS: "127.0.0.1",
      PRAXIS_SESSION_IDLE_MINUTES: "1" },
    stdio: "ignore",
  });
  await listening(shortPort);
  return () => {
    server.kill();
    fs.rmSync(data, { recursive: true, force: true });
  };
}

run(async (browser) => {
  await check("without JavaScript a refused reflection redirects to its form, which keeps the text and the errors on reload", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "sam");
    await page.goto(base + "/entries/new?kind=reflection");
    await page.fill("#body", "Written without scripts, between two visits.");
    await page.click("button:text-is('Save')");
    await page.waitForURL(base + "/entries/new");
    for (const moment of ["after the redirect", "after a reload"]) {
      assert.strictEqual(await page.inputValue("#body"), "Written without scripts, between two visits.", moment);
      assert.ok(await page.isVisible(".error-summary a[href='#title']"), moment + ": no summary link to the title");
      assert.strictEqual(await page.getAttribute("#title", "aria-invalid"), "true", moment);
      await page.reload();
    }
    await context.close();
  });

  await check("with JavaScript a refused reflection lands on its form with the text, announced and axe-clean", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, "sam");
    await page.goto(base + "/entries/new?kind=reflection");
    await page.fill("#body", "A note with no title yet.");
    await page.click("button:text-is('Save')");
    await page.waitForURL(base + "/entries/new");
    await page.waitForSelector(".error-summary");
    assert.strictEqual(await page.inputValue("#body"), "A note with no title yet.");
    assert.match(await page.textContent(".draft-status-text"), /Not saved yet/);
    assert.deepStrictEqual(await axe(page), []);
    await page.click("button:text-is('Discard draft')");
    assert.deepStrictEqual(errors, []);
    await context.close();
  });

  await check("a reflection sent after the session ended is saved once signed in again, exactly once", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, "sam");
    await page.goto(base + "/entries/new?kind=reflection");
    await page.fill("#title", "Strategy meeting, kept across sign-in");
    await page.fill("#body", "The threshold was met; the family's view was not recorded.");
    await context.clearCookies({ name: "praxis_session" });
    await page.click("button:text-is('Save')");
    await page.waitForURL(/\/sign-in\?next=%2Fentries%2Fnew&ended=true/);
    await signInAgain(page, "sam");
    await page.waitForSelector("h1:text('Strategy meeting, kept across sign-in')");
    assert.match(await page.textContent("main"), /Your reflection was saved after you signed in again/);
    assert.match(await page.textContent("main"), /view was not recorded/);
    await page.reload();
    await page.waitForLoadState("networkidle");
    assert.strictEqual(await entriesTitled(page, base, "Strategy meeting, kept across sign-in"), 1);
    assert.deepStrictEqual(errors, []);
    await context.close();
  });

  await check("an invalid form sent after the session ended comes back with its errors and text", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, "sam");
    await page.goto(base + "/entries/new?kind=reflection");
    await page.fill("#body", "No title, and signed out meanwhile.");
    await context.clearCookies({ name: "praxis_session" });
    await page.click("button:text-is('Save')");
    await page.waitForURL(/\/sign-in\?/);
    await signInAgain(page, "sam");
    await page.waitForSelector(".error-summary");
    assert.strictEqual(new URL(page.url()).pathname, "/entries/new");
    assert.strictEqual(await page.inputValue("#body"), "No title, and signed out meanwhile.");
    await context.close();
  });

  const stop = await shortLivedServer();
  try {
    await check("the idle warning comes before the end, is announced, and 'Stay signed in' keeps the session", async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      await page.goto(shortBase + "/sign-in");
      await signInAgain(page, "sam");
      await page.waitForURL(shortBase + "/");
      const signedInAt = Date.now();
      await page.goto(shortBase + "/entries/new?kind=reflection");
      const warning = page.locator(".session-warning[role='alert']");
      await warning.waitFor({ timeout: MINUTE });
      assert.ok(Date.now() - signedInAt < MINUTE, "the warning came after the end");
      assert.match(await warning.textContent(), /signed out in about 1 minute/);
      await page.click("button:text-is('Stay signed in')");
      await warning.waitFor({ state: "detached", timeout: 10000 });
      // Past the moment the session would have ended without staying, it is still alive.
      await page.waitForFunction((end) => Date.now() > end, signedInAt + MINUTE + 5000, { timeout: 2 * MINUTE, polling: 1000 });
      await page.goto(shortBase + "/entries");
      assert.strictEqual(new URL(page.url()).pathname, "/entries");
      await context.close();
    });

    await check("an ignored warning ends in the signed-out state with the text kept, and Save after signing in saves it", async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(shortBase + "/sign-in");
      await signInAgain(page, "sam");
      await page.waitForURL(shortBase + "/");
      await page.goto(shortBase + "/entries/new?kind=reflection");
      await page.fill("#title", "Typed, then left in the pocket");
      await page.fill("#body", "Home visit ran long; the session ended meanwhile.");
      await page.waitForSelector(".session-warning[role='alert'] >> text=signed out in about", { timeout: 2 * MINUTE });
      await page.waitForSelector(".session-warning >> text=You have been signed out", { timeout: 2 * MINUTE });
      assert.ok(await page.isVisible(".session-warning a.session-sign-in"));
      assert.strictEqual(await page.inputValue("#body"), "Home visit ran long; the session ended meanwhile.");
      await page.click("button:text-is('Save')");
      await page.waitForURL(/\/sign-in\?next=%2Fentries%2Fnew&ended=true/);
      await signInAgain(page, "sam");
      await page.waitForSelector("h1:text('Typed, then left in the pocket')");
      assert.match(await page.textContent("main"), /Your reflection was saved after you signed in again/);
      assert.strictEqual(await entriesTitled(page, shortBase, "Typed, then left in the pocket"), 1);
      assert.deepStrictEqual(errors, []);
      await context.close();
    });
  } finally {
    stop();
  }
});
