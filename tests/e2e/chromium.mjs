// How every e2e test and browser benchmark launches Debian's Chromium: headless, sandbox off
// (CI runs as root), and no background networking (the machines have no network).
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
