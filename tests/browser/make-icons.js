// Draws the app's PNG icons (for the web app manifest) from static/icon.svg with headless
// Chromium: `node tests/browser/make-icons.js` after changing the SVG. The maskable icon fills
// the square and keeps the mark inside the central safe zone.
"use strict";
const fs = require("fs");
const path = require("path");
const { launch } = require("./lib");

const staticDir = path.join(__dirname, "..", "..", "static");
const svg = fs.readFileSync(path.join(staticDir, "icon.svg"), "utf8");
const maskable = svg
  .replace(/ rx="\d+"/, "")
  .replace(/<path /, '<path transform="translate(9.6 9.6) scale(0.7)" ');

(async () => {
  const browser = await launch();
  const page = await browser.newPage();
  const draw = async (source, size, file) => {
    await page.setViewportSize({ width: size, height: size });
    const sized = source.replace("<svg ", `<svg width="${size}" height="${size}" `);
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style>${sized}`);
    await page.screenshot({ path: path.join(staticDir, file), omitBackground: true });
  };
  await draw(svg, 192, "icon-192.png");
  await draw(svg, 512, "icon-512.png");
  await draw(maskable, 512, "icon-maskable-512.png");
  await browser.close();
})();
