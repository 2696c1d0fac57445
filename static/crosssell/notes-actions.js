// "Helpful" without leaving the page: the form still works without this script.
const STATUS_ID = "xs-helpful-status";

function statusRegion() {
  let region = document.getElementById(STATUS_ID);
  if (!region) {
    region = document.createElement("p");
    region.id = STATUS_ID;
    region.className = "visually-hidden";
    region.setAttribute("role", "status");
    document.body.append(region);
  }
  return region;
}

const FALLBACK = {
  403: "Your page has expired. Reload it and try again.",
  429: "Too many votes in a short time. Please wait a little and try again.",
};

function thanks(form, text, isError) {
  form.querySelector(".xs-quote__thanks")?.remove();
  const note = document.createElement("span");
  note.className = isError ? "xs-quote__thanks xs-quote__thanks--error" : "xs-quote__thanks";
  note.textContent = text;
  form.append(note);
  statusRegion().textContent = text;
}

document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.matches("[data-helpful]")) return;
  event.preventDefault();
  const button = form.querySelector("button");
  button.disabled = true;
  let response;
  try {
    response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
  } catch {
    button.disabled = false;
    form.submit(); // offline for a moment? the plain post still works
    return;
  }
  // A refusal may come as a page (a proxy, an expired CSRF token): never silence.
  const data = await response.json().catch(() => ({}));
  if (response.ok) {
    button.textContent = `Helpful (${data.helpful_count})`;
    button.setAttribute("aria-pressed", "true");
    thanks(form, data.counted ? "Thanks!" : "Already counted", false);
    statusRegion().textContent = data.message || "";
    return;
  }
  // Refused (429 too many, 404 gone…): say why and let the reader try again later.
  button.disabled = false;
  thanks(
    form,
    data.detail || FALLBACK[response.status] || "That did not work. Please try again.",
    true,
  );
});
