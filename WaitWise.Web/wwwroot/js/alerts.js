// Being called: a chime (Web Audio, no sound files), a flashing tab title and a browser notification.
// Browsers start audio only after a user gesture, so the first click or key press anywhere "arms" it.

let audio = null;
let flashTimer = null;
let restingTitle = null;

export function arm() {
    const AudioContextType = window.AudioContext || window.webkitAudioContext;
    if (!AudioContextType) {
        return "unsupported";
    }
    audio ??= new AudioContextType();
    if (audio.state === "suspended") {
        audio.resume();
    }
    return audio.state;
}

function armOnFirstGesture() {
    const once = () => {
        arm();
        window.removeEventListener("pointerdown", once, true);
        window.removeEventListener("keydown", once, true);
    };
    window.addEventListener("pointerdown", once, true);
    window.addEventListener("keydown", once, true);
}

armOnFirstGesture();

function tone(at, frequency, seconds) {
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.35, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + seconds);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(at);
    oscillator.stop(at + seconds + 0.05);
}

/** A two-note "ding-dong". Returns the audio state: "running" when it could be heard. */
export function chime() {
    if (!audio) {
        return "suspended";
    }
    if (audio.state === "running") {
        const now = audio.currentTime;
        tone(now, 880, 0.7);
        tone(now + 0.4, 659.25, 1.1);
    }
    return audio.state;
}

export function flashTitle(text) {
    stopFlash();
    restingTitle = document.title;
    let on = false;
    flashTimer = window.setInterval(() => {
        on = !on;
        document.title = on ? text : restingTitle;
    }, 1000);
    document.title = text;
    // Someone who comes back to the tab has seen it.
    window.addEventListener("focus", stopFlash, { once: true });
}

export function stopFlash() {
    if (flashTimer !== null) {
        window.clearInterval(flashTimer);
        flashTimer = null;
        document.title = restingTitle ?? document.title;
    }
}

export function notificationPermission() {
    return "Notification" in window ? Notification.permission : "unsupported";
}

export async function requestNotifications() {
    if (!("Notification" in window)) {
        return "unsupported";
    }
    return await Notification.requestPermission();
}

/** Everything at once when a ticket is called. */
export function called(title, body, tag) {
    chime();
    flashTitle(title);
    if ("Notification" in window && Notification.permission === "granted") {
        try {
            new Notification(title, { body, tag, renotify: true, requireInteraction: true });
        } catch {
            // Chrome for Android shows notifications only through a service worker; the chime and title still run.
        }
    }
}

export function print() {
    window.print();
}
