// Phone-width checks at 360px: every page each person can reach (found by following the
// navigation and the links on each page, not from a list) fits without sideways scrolling,
// keeps the header to a compact bar, gives controls 44px touch targets and passes axe. Also the
// Menu button with and without script, and quick capture on a touch keyboard.
"use strict";
const assert = require("assert");
const { base, check, signIn, axe, newContext, run } = require("../lib");

const phone = { width: 360, height: 740 };
const people = ["sam", "pat", "stu", "pe", "ada"];
/** Pages not worth visiting: leaving, files rather than pages, and the JSON API. */
const skipped = /^\/(sign-out|static\/|api\/|favicon)|\.(ics|json|csv|md|txt|zip|pdf|svg|png)$|\/export|\/feed\//;
/** At most this many pages per person, so a large journal cannot make the check endless. */
const pageLimit = 150;

/** One visit per page shape: numbers in the path and the set of query keys make the shape. */
function shape(url) {
  const keys = [...url.searchParams.keys()].sort().join("&");
  return url.pathname.replace(/\/\d+/g, "/N") + "?" + keys;
}

/** The same-origin page links on the current page, as absolute URLs without fragments. */
async function linksOn(page) {
  // Links, and the pages behind search forms (the header's search box is how /search is reached).
  const hrefs = await page.$$eval("a[href], form[method=get][action]", (targets) =>
    targets.map((target) => target.href || target.action));
  const found = [];
  for (const href of hrefs) {
    const url = new URL(href);
    url.hash = "";
    if (url.origin !== new URL(base).origin || skipped.test(url.pathname)) continue;
    found.push(url);
  }
  return found;
}

/** Controls smaller than 44px in either direction (a checkbox or radio counts its label). */
function smallTargets() {
  const selector = "button, .button, input:not([type=hidden]), select, textarea, summary, nav a, .subnav a, .pager a";
  const small = [];
  for (const control of document.querySelectorAll(selector)) {
    let target = control;
    if (control.matches("input[type=checkbox], input[type=radio]")) {
      target = control.closest("label") || (control.id && document.querySelector(`label[for="${CSS.escape(control.id)}"]`)) || control;
    }
    const box = target.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(target).visibility === "hidden") continue;
    if (box.height < 43.5 || box.width < 43.5) {
      const name = (control.textContent || control.getAttribute("name") || control.id || "").trim().slice(0, 30);
      small.push(`${control.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return small;
}

/** Visits every page `username` can reach from the dashboard and records what is wrong. */
async function survey(browser, username) {
  const context = await newContext(browser, { viewport: phone });
  const page = await context.newPage();
  await signIn(page, username);
  const seen = new Set();
  const queue = [new URL(base + "/")];
  const problems = { overflow: [], header: [], targets: [], axe: [], visited: [] };
  while (queue.length && problems.visited.length < pageLimit) {
    const url = queue.shift();
    if (seen.has(shape(url))) continue;
    seen.add(shape(url));
    const response = await page.goto(url.href);
    if (!response || !/text\/html/.test(response.headers()["content-type"] || "")) continue;
    const where = url.pathname + url.search;
    problems.visited.push(where);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 1) problems.overflow.push(`${where} is ${overflow}px too wide`);
    const header = await page.evaluate(() => document.querySelector(".site-header").getBoundingClientRect().height);
    if (header >= phone.height * 0.12) problems.header.push(`${where}: header ${Math.round(header)}px`);
    for (const small of await page.evaluate(smallTargets)) problems.targets.push(`${where}: ${small}`);
    for (const violation of await axe(page)) problems.axe.push(`${where}: ${violation}`);
    for (const link of await linksOn(page)) {
      if (!seen.has(shape(link))) queue.push(link);
    }
  }
  await context.close();
  return problems;
}

run(async (browser) => {
  for (const username of people) {
    const problems = await survey(browser, username);
    await check(`${username}: the crawl reached the pages in the navigation (${problems.visited.length} pages)`, async () => {
      for (const path of ["/", "/entries", "/cases", "/deadlines", "/supervision", "/tags", "/cpd", "/account", "/search"]) {
        assert.ok(problems.visited.some((visited) => visited.split("?")[0] === path), `${path} not reached`);
      }
    });
    await check(`${username}: no page scrolls sideways at 360px`, async () => {
      assert.deepStrictEqual(problems.overflow, []);
    });
    await check(`${username}: the header stays under 12% of the screen`, async () => {
      assert.deepStrictEqual(problems.header, []);
    });
    await check(`${username}: controls are at least 44px touch targets`, async () => {
      assert.deepStrictEqual(problems.targets, []);
    });
    await check(`${username}: no WCAG 2.2 A/AA violations at 360px`, async () => {
      assert.deepStrictEqual(problems.axe, []);
    });
  }

  await check("the Menu button opens the navigation, states it, and closes with Escape", async () => {
    const context = await newContext(browser, { viewport: phone });
    const page = await context.newPage();
    await signIn(page, "sam");
    const menu = page.locator(".site-menu > summary");
    assert.strictEqual(await menu.getAttribute("aria-expanded"), "false");
    assert.ok(!(await page.isVisible(".site-nav a[href='/cases']")), "the navigation starts folded");
    await menu.focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector(".site-menu > summary[aria-expanded=true]");
    assert.ok(await page.isVisible(".site-nav a[href='/cases']"));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the open menu is ${overflow}px too wide`);
    const small = await page.evaluate(smallTargets);
    assert.deepStrictEqual(small, [], "menu items are touch-sized");
    await page.keyboard.press("Escape");
    await page.waitForSelector(".site-menu > summary[aria-expanded=false]");
    assert.strictEqual(await page.evaluate(() => document.activeElement.tagName), "SUMMARY", "focus returns to the button");
    await context.close();
  });

  await check("without JavaScript the Menu button still opens the navigation", async () => {
    const context = await newContext(browser, { viewport: phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, "sam");
    await page.click(".site-menu > summary");
    await page.click(".site-nav a[href='/cases']");
    await page.waitForURL(base + "/cases");
    await context.close();
  });

  await check("search results come before the filters, which fold away on a phone", async () => {
    const context = await newContext(browser, { viewport: phone });
    const page = await context.newPage();
    await signIn(page, "sam");
    await page.goto(base + "/search?q=s47");
    const results = await page.evaluate(() => document.querySelector("#results").getBoundingClientRect().top);
    const filters = await page.evaluate(() => document.querySelector(".facets").getBoundingClientRect().top);
    assert.ok(results < filters, `results at ${results}px, filters at ${filters}px`);
    assert.ok(results < phone.height, `results start at ${results}px, below the first screen`);
    assert.ok(!(await page.isVisible("input[name=kind]")), "filters start folded");
    await page.click("summary:text-is('Filters')");
    assert.ok(await page.isVisible("input[name=kind]"));
    await context.close();
  });

  await check("quick capture on a touch keyboard: Enter starts a new line, the button saves", async () => {
    const context = await newContext(browser, { viewport: phone, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await signIn(page, "sam");
    assert.ok(await page.evaluate(() => matchMedia("(pointer: coarse)").matches), "a touch screen is emulated");
    await page.click("#note");
    await page.keyboard.type("Car after visit FAM-031.");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Second line: school call back.");
    assert.strictEqual(page.url(), base + "/", "Enter did not submit");
    assert.strictEqual(await page.inputValue("#note"), "Car after visit FAM-031.\nSecond line: school call back.");
    const rows = await page.evaluate(() => document.querySelector("#note").getBoundingClientRect().height);
    assert.ok(rows >= 100, `the note box is ${rows}px high, room for several lines`);
    await page.tap("button:text-is('Save note')");
    await page.waitForSelector(".flash");
    assert.match(await page.textContent(".flash"), /Note saved/);
    await context.close();
  });
});
