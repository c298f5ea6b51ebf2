// Registers WaitWise's service worker (service-worker.js, for the whole site) on every page, so a page opened
// without a connection gets the offline page, and the site can be added to a phone's home screen.
if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/service-worker.js", { scope: "/" }).catch(() => { });
}
