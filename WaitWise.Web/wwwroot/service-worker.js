// WaitWise's service worker, for the whole site: shows the messages pushed to this browser about its tickets, even
// with every page closed, and opens the ticket's page when one is clicked; and when a page is opened with no
// connection, answers with the offline page (kept at install), which reloads itself once the connection is back.
// It caches nothing else: every page and every state comes from the server.

const offlineCache = "waitwise-offline-v1";
const offlinePage = "/offline.html";
const offlineFiles = [offlinePage, "/js/offline.js", "/icons/icon.svg"];

self.addEventListener("install", event => {
    event.waitUntil(caches.open(offlineCache).then(cache => cache.addAll(offlineFiles)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", event => {
    event.waitUntil(caches.keys()
        .then(keys => Promise.all(keys.filter(key => key !== offlineCache).map(key => caches.delete(key))))
        .then(() => self.clients.claim()));
});

self.addEventListener("fetch", event => {
    const url = new URL(event.request.url);
    if (event.request.mode === "navigate") {
        event.respondWith(fetch(event.request).catch(() => caches.match(offlinePage)));
    } else if (url.origin === self.location.origin && offlineFiles.includes(url.pathname)) {
        event.respondWith(fetch(event.request).catch(() => caches.match(url.pathname)));
    }
});

self.addEventListener("push", event => {
    let message = {};
    try {
        message = event.data ? event.data.json() : {};
    } catch {
        message = { body: event.data ? event.data.text() : "" };
    }
    event.waitUntil(self.registration.showNotification(message.title || "WaitWise", {
        body: message.body || "",
        tag: message.tag,
        renotify: Boolean(message.tag),
        requireInteraction: true,
        data: { url: message.url || "/my-tickets" },
    }));
});

self.addEventListener("notificationclick", event => {
    event.notification.close();
    event.waitUntil(self.clients.openWindow(event.notification.data.url));
});
