// Web Push for this browser: registers the service worker (service-worker.js, scope "/") and subscribes with the
// server's VAPID public key. Answers the subscription for the server to keep, or null where the browser cannot
// (no service worker or PushManager, notifications not granted, the push service out of reach).

function keyBytes(base64Url) {
    const base64 = base64Url.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(base64Url.length / 4) * 4, "=");
    return Uint8Array.from(atob(base64), c => c.charCodeAt(0));
}

function sameKey(subscription, key) {
    const current = subscription.options && subscription.options.applicationServerKey;
    if (!current) {
        return true;
    }
    const bytes = new Uint8Array(current);
    return bytes.length === key.length && bytes.every((b, i) => b === key[i]);
}

export async function subscribe(publicKey) {
    if (!("serviceWorker" in navigator) || !("PushManager" in window) || Notification.permission !== "granted") {
        return null;
    }
    try {
        const registration = await navigator.serviceWorker.register("/service-worker.js", { scope: "/" });
        await navigator.serviceWorker.ready;
        const key = keyBytes(publicKey);
        let subscription = await registration.pushManager.getSubscription();
        if (subscription && !sameKey(subscription, key)) {
            await subscription.unsubscribe();
            subscription = null;
        }
        subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
        const json = subscription.toJSON();
        return { endpoint: json.endpoint, p256dh: json.keys.p256dh, auth: json.keys.auth };
    } catch {
        return null;
    }
}
