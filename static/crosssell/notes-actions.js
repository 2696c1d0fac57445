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

document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.matches("[data-helpful]")) return;
  event.preventDefault();
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    const data = await response.json();
    if (response.ok) {
      button.textContent = `Helpful (${data.helpful_count})`;
      button.setAttribute("aria-pressed", "true");
    }
    statusRegion().textContent = data.message || data.detail || "";
    const note = document.createElement("span");
    note.className = "xs-quote__thanks";
    note.textContent = response.ok ? (data.counted ? "Thanks!" : "Already counted") : data.detail;
    form.querySelector(".xs-quote__thanks")?.remove();
    form.append(note);
  } catch {
    form.submit(); // the plain post still works
  }
});
