// The guest tickets this browser holds, kept by the server in a cookie of its own (HttpOnly, sent to these
// addresses only). The page asks for them and adds to them with same-origin requests; relative addresses follow
// the page's <base>, so the app may live under a path.

const address = "guest-tickets/remembered";

export async function list() {
    const answer = await fetch(address, { credentials: "same-origin", cache: "no-store" });
    return answer.ok ? await answer.json() : [];
}

export async function remember(ticketId, key) {
    await send(address, { ticketId, key });
}

export async function forget(ticketIds) {
    await send(address + "/forget", { ticketIds });
}

async function send(to, body) {
    await fetch(to, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
    });
}
