// Progressive enhancement for upvote buttons and the cards' "Mark read" / "Not interested" forms: without this
// file every button is a plain form POST that redirects back; with it, the form is sent with fetch() and the card
// updates in place.
"use strict";

// The labels PaperCardView.MarkSlots renders (Views.swift), by mark and state.
const MARK_LABELS = {
  "read": ["Mark read", "Mark unread"],
  "not-interested": ["Not interested", "Undo not interested"],
};

async function post(form) {
  return fetch(form.action, {
    method: "POST",
    body: new URLSearchParams(new FormData(form)),
    headers: { "Accept": "application/json" },
    credentials: "same-origin",
  });
}

function showMarks(card, state) {
  if (!card) return;
  card.classList.toggle("read", state.read);
  card.classList.toggle("dismissed", state.notInterested);
  for (const form of card.querySelectorAll("form[data-mark]")) {
    const kind = form.getAttribute("data-mark");
    const on = kind === "read" ? state.read : state.notInterested;
    const field = form.querySelector("input[name=on]");
    if (field) field.value = on ? "0" : "1";
    const button = form.querySelector("button");
    if (button && MARK_LABELS[kind]) button.textContent = MARK_LABELS[kind][on ? 1 : 0];
  }
}

document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const isVote = form.hasAttribute("data-upvote"), isMark = form.hasAttribute("data-mark");
  if (!isVote && !isMark) return;
  event.preventDefault();
  const button = form.querySelector("button");
  if (button) button.disabled = true;
  try {
    const response = await post(form);
    if (!response.ok) { form.submit(); return; }
    const state = await response.json();
    if (isMark) {
      showMarks(form.closest("article.card"), state);
      return;
    }
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

// "Copy BibTeX" on the paper page's Cite box: copies the text of the element named by data-copy. The button is
// hidden in the HTML and shown here, so readers without JavaScript (or without a clipboard) only see the text.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const source = document.getElementById(button.getAttribute("data-copy"));
  if (!source || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const label = button.textContent;
    try {
      await navigator.clipboard.writeText(source.textContent);
      button.textContent = "Copied";
    } catch (_) {
      button.textContent = "Copy failed: select the text";
    }
    setTimeout(() => { button.textContent = label; }, 2000);
  });
}
