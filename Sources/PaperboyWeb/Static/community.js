// Progressive enhancement for upvote buttons: without this file every button is a plain form POST that
// redirects back; with it, the vote is sent with fetch() and the count updates in place.
"use strict";
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-upvote")) return;
  event.preventDefault();
  const button = form.querySelector("button");
  if (button) button.disabled = true;
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      headers: { "Accept": "application/json" },
      credentials: "same-origin",
    });
    if (!response.ok) { form.submit(); return; }
    const state = await response.json();
    const count = form.querySelector(".count");
    if (count) count.textContent = String(state.upvotes);
    form.classList.toggle("on", state.upvoted);
    if (button) button.setAttribute("aria-pressed", state.upvoted ? "true" : "false");
  } catch (_) {
    form.submit();
  } finally {
    if (button) button.disabled = false;
  }
});
