// WaitWise's service worker: shows the messages pushed to this browser about its tickets, even with every page
// closed, and opens the ticket's page when one is clicked. It caches nothing.

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
