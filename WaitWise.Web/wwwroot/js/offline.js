// The offline page: back to the page that was asked for once the site answers again. The browser's "online" event
// says the network is back, not that the site is (nor that the service worker's own fetches work yet), so the site
// is also asked every few seconds.
async function backWhenTheSiteAnswers() {
    try {
        const answer = await fetch("/manifest.webmanifest", { cache: "no-store" });
        if (answer.ok) {
            location.reload();
        }
    } catch {
        // Still offline: the next try will tell.
    }
}

window.addEventListener("online", backWhenTheSiteAnswers);
setInterval(backWhenTheSiteAnswers, 3000);
