// Shared harness for the browser checks: the server address, the accounts' password, a named
// check runner that records failures, sign-in, axe, and a browser with the app's usual context.
// Each file in tests/browser/checks/ uses it and is run on its own by .ci/browser-check.
"use strict";
const { chromium } = require("playwright-core");
const fs = require("fs");

const base = process.env.PRAXIS_URL || "http://127.0.0.1:18080";
const password = "correct horse battery";
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const failures = [];

/** Runs one named check, printing ok or FAIL with the reason; failures are reported by `finish`. */
async function check(name, work) {
  try {
    await work();
    console.log("ok   " + name);
  } catch (error) {
    failures.push(name);
    console.log("FAIL " + name + "\n     " + String(error && error.message || error).split("\n").join("\n     "));
  }
}

/** Signs `username` in through the form and waits for the dashboard. */
async function signIn(page, username) {
  await page.goto(base + "/sign-in");
  await page.fill("#username", username);
  await page.fill("#password", password);
  await page.press("#password", "Enter");
  await page.waitForURL(base + "/");
}

/** The page's axe violations (WCAG 2.0, 2.1 and 2.2 A and AA), one line each. */
async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

/** Headless Chromium as the checks run it. */
async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A browser context; axe is injected as an inline script, which the app's CSP rightly forbids. */
async function newContext(browser, options = {}) {
  return browser.newContext({ viewport: { width: 1200, height: 900 }, bypassCSP: true, ...options });
}

/** Collects CSP violations and script errors seen by `page` into the returned array. */
function watchErrors(page) {
  const errors = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text()) && !/axe/i.test(message.text())) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push("script error: " + error.message));
  return errors;
}

/** Runs `body(browser)`, closes the browser and exits non-zero if any check failed. */
function run(body) {
  (async () => {
    const browser = await launch();
    try {
      await body(browser);
    } finally {
      await browser.close();
    }
    if (failures.length) {
      console.log(`${failures.length} browser check(s) failed`);
      process.exit(1);
    }
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

module.exports = { base, password, check, signIn, axe, launch, newContext, watchErrors, run };
