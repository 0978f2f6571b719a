// Ace (the accessibility checker in the tests) drives a browser through Puppeteer, which must never download one:
// it uses PUPPETEER_EXECUTABLE_PATH when set, else the first Chromium or Chrome installed in a usual place on this system.
const { existsSync } = require('node:fs');

const usualPlaces = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'],
  darwin: ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
  win32: [
    `${process.env.PROGRAMFILES}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env['PROGRAMFILES(X86)']}\\Google\\Chrome\\Application\\chrome.exe`,
    `${process.env.LOCALAPPDATA}\\Chromium\\Application\\chrome.exe`,
  ],
};

module.exports = {
  skipDownload: true,
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || (usualPlaces[process.platform] ?? []).find((path) => existsSync(path)),
};
