// Light or dark, and the language, for this browser. The page's theme is rendered by the server from two cookies: the choice made with
// the app bar's toggle (WaitWise.Theme) and, without one, the system's setting as this script last saw it
// (WaitWise.SystemTheme). Loaded in the page's head: when the system's setting is not the one the page was rendered
// with, it notes the new one and loads the page again before anything is shown.
(() => {
    const cookie = name => document.cookie.split("; ").find(c => c.startsWith(name + "="))?.split("=")[1];
    const keep = (name, value) => { document.cookie = `${name}=${value}; path=/; max-age=31536000; samesite=lax`; };
    const system = window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
    const seen = cookie("WaitWise.SystemTheme");
    if (seen !== system) {
        keep("WaitWise.SystemTheme", system);
        // Without a choice of its own, the page was rendered with the setting last seen (light when none was).
        if (!cookie("WaitWise.Theme") && (seen === "dark" ? "dark" : "light") !== system) {
            location.reload();
        }
    }
    // The language picker in the app bar: ASP.NET Core's culture cookie, then the page again in that language.
    document.addEventListener("change", event => {
        const picker = event.target.closest("[data-language-choice]");
        if (picker) {
            keep(".AspNetCore.Culture", encodeURIComponent(`c=${picker.value}|uic=${picker.value}`));
            location.reload();
        }
    });
    document.addEventListener("click", event => {
        const toggle = event.target.closest("[data-theme-choice]");
        if (toggle) {
            keep("WaitWise.Theme", toggle.dataset.themeChoice);
            location.reload();
        }
    });
})();
