// The survey's service worker: keeps the app shell (page, script, wasm, style) and the lists of
// services and units, so the survey opens without a connection once it was opened with one. Answers are
// not handled here: the page keeps them in its outbox until the server acknowledges them.
// Bump VERSION when the list of shell files changes.
const VERSION = "skm-shell-v2";
const SHELL = ["/index.html", "/skm-web.js", "/skm-web_bg.wasm", "/style.css", "/api/v1/services", "/api/v1/units"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// Network first, so a new build is seen as soon as the server can be reached; the cache when not.
async function networkFirst(request, fallbackUrl) {
  const cache = await caches.open(VERSION);
  try {
    const response = await fetch(request);
    if (response.ok) {
      cache.put(fallbackUrl || request, response.clone());
    }
    return response;
  } catch (offline) {
    const cached = await cache.match(fallbackUrl || request);
    if (cached) {
      return cached;
    }
    throw offline;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate" && !url.pathname.startsWith("/api/")) {
    // Every page of the app is index.html.
    event.respondWith(networkFirst(request, "/index.html"));
  } else if (SHELL.includes(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname));
  }
});
