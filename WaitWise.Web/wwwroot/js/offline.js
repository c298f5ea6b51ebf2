// The offline page: back to the page that was asked for once the connection is back.
window.addEventListener("online", () => location.reload());
