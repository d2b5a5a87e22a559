// The share page's decision, for a guest whose link lets them approve: approve, approve with changes or
// reject the clip (the API asks for a note with the last two; its refusals are shown in its own words),
// and the decisions given through this link on the clip, each with its certificate (JWS and PDF).
// A guest's decision is recorded and certified but opens no gate. Everything from the API goes in as text.
import { decisions, words } from "./approvals.js";
import { el, getJson, problemText } from "./common.js";

export class GuestApproval {
  /** @param root the panel (parts marked data-part); @param onGone called with the API's sentence on 401 or 410 */
  constructor({ root, onGone }) {
    this.root = root;
    this.onGone = onGone;
    this.$ = (name) => root.querySelector(`[data-part="${name}"]`);
    this.$("choices").replaceChildren(...decisions.map(([value, label], i) => el("label", { className: "decision" },
      el("input", { type: "radio", name: "guest-decision", value, checked: i === 0 }), ` ${label}`)));
    this.$("form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.decide();
    });
  }

  /** Shows the clip's decisions given through this link; `clipApi` is /share/{token}/api/clips/{id}. */
  async open(clipApi) {
    this.clipApi = clipApi;
    this.$("error").textContent = "";
    this.$("given").replaceChildren();
    await this.load();
  }

  async load() {
    const api = this.clipApi;
    const result = await getJson(`${api}/approvals`);
    if (api !== this.clipApi) return;
    if (!result.ok) return this.refused(result);
    this.$("given").replaceChildren(...result.body.map((a) => el("li", { className: `approval ${a.decision}`, dataset: { id: a.id } },
      el("span", { className: "approval-who", textContent: a.reviewer }),
      el("span", { className: "approval-decision", textContent: `${words(a.decision)} version ${a.version}` }),
      a.note ? el("span", { className: "approval-note", textContent: a.note }) : null,
      el("span", { className: "approval-certificates" },
        el("a", { className: "approval-certificate", href: a.certificateUrl, download: `approval-${a.id}.jws`, textContent: "Certificate (signed JWS)" }),
        el("a", { className: "approval-pdf", href: `${a.certificateUrl}.pdf`, download: `approval-${a.id}.pdf`, textContent: "Certificate (PDF)" })))));
  }

  async decide() {
    const decision = this.root.querySelector("input[name=guest-decision]:checked")?.value;
    const response = await fetch(`${this.clipApi}/approvals`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ decision, note: this.$("note").value }),
    });
    if (!response.ok) return this.refused({ status: response.status, body: await response.json().catch(() => null) });
    this.$("error").textContent = "";
    this.$("note").value = "";
    await this.load();
  }

  refused(result) {
    const text = problemText(result);
    if (result.status === 401 || result.status === 410) this.onGone(text);
    else this.$("error").textContent = text;
  }
}
