// The clip page's "Versions and approval" panel: the version stack (who added each version), the cut's
// stage and who is still to approve, a decision on the latest version (a note is asked for by the API for
// changes and rejections: its sentence is shown as it is), the gate's "advance", and the lock a project
// manager puts on the approved version. Everything from the API goes in as textContent.
import { el, getJson, problemText } from "./common.js";

/** The decisions the API takes, with the words the pages show for them. */
export const decisions = [
  ["approved", "Approve"],
  ["approved-with-changes", "Approve with changes"],
  ["rejected", "Reject"],
];

export class Approvals {
  constructor({ assetId, project, root }) {
    this.assetId = assetId;
    this.project = project;
    this.root = root;
    this.api = `/api/assets/${encodeURIComponent(assetId)}`;
    this.$ = (name) => root.querySelector(`[data-part="${name}"]`);
    this.$("form").addEventListener("submit", (event) => {
      event.preventDefault();
      this.decide();
    });
    this.$("advance").addEventListener("click", () => this.send("POST", `${this.api}/gate/advance`));
    this.$("lock").addEventListener("click", () => this.send("POST", `${this.api}/lock`, {}));
    this.$("unlock").addEventListener("click", () => this.send("DELETE", `${this.api}/lock`));
    this.$("choices").replaceChildren(...decisions.map(([value, label], i) => el("label", { className: "decision" },
      el("input", { type: "radio", name: "decision", value, checked: i === 0 }), ` ${label}`)));
  }

  async load() {
    const [stack, gate, me] = await Promise.all([getJson(`${this.api}/versions`), getJson(`${this.api}/gate`), getJson("/api/me")]);
    if (!stack.ok) {
      this.$("error").textContent = problemText(stack);
      return;
    }
    this.stack = stack.body;
    this.gate = gate.ok ? gate.body : null;
    const rights = me.ok ? (me.body.projects ?? []).find((p) => p.project === this.project)?.rights ?? [] : [];
    this.manages = (me.ok && me.body.isAdministrator) || rights.includes("manage");
    this.render();
  }

  render() {
    const { stack, gate } = this;
    const current = stack.versions.find((v) => v.assetId === this.assetId);
    const latest = stack.versions.find((v) => v.isLatest);
    this.$("versions").replaceChildren(...stack.versions.map((v) => this.version(v)));

    const lock = stack.lock;
    this.$("lock-state").hidden = !lock;
    this.$("lock-state").textContent = lock
      ? `Version ${lock.version} is locked by ${lock.by}${lock.note ? `: ${lock.note}` : ""}. No new version and no new decision until a project manager unlocks it.`
      : "";

    this.$("stage").textContent = gate?.stage ? `Stage: ${gate.stage}${gate.next ? ` → next: ${gate.next}` : ""} (${gate.rule === "all" ? "every approver" : "any one approver"})` : "No review stages in this project.";
    this.$("gate").textContent = gate?.why ?? "";
    this.$("approvers").replaceChildren(...(gate?.approvers ?? []).map((a) => el("li", { className: `approver ${a.decision ?? "waiting"}` },
      el("span", { className: "approver-name", textContent: a.name }),
      el("span", { className: "approver-decision", textContent: a.decision ? words(a.decision) : "still to approve" }))));

    const onLatest = current?.isLatest === true;
    this.$("form").hidden = !onLatest || !!lock;
    this.$("legend").textContent = `Your decision on version ${current?.number ?? 1}`;
    this.$("not-latest").hidden = onLatest;
    if (!onLatest && latest) {
      this.$("not-latest").replaceChildren(`This is version ${current?.number}; decisions are given on the latest, `,
        el("a", { href: `/clips/${encodeURIComponent(latest.assetId)}`, textContent: `version ${latest.number} (${latest.clipName})` }), ".");
    }
    this.$("advance").hidden = !(gate?.open && !lock);
    this.$("advance").textContent = gate?.next ? `Advance to ${gate.next}` : "Advance";
    const approved = current?.approvals.some((a) => a.decision !== "rejected");
    this.$("lock").hidden = !(this.manages && onLatest && !lock && approved);
    this.$("unlock").hidden = !(this.manages && lock);
  }

  version(v) {
    const here = v.assetId === this.assetId;
    return el("li", { className: `version ${here ? "current" : ""} ${v.locked ? "locked" : ""}`, dataset: { number: String(v.number) } },
      el("span", { className: "version-number", textContent: `v${v.number}` }),
      here ? el("strong", { className: "version-name", textContent: v.clipName }) : el("a", { className: "version-name", href: `/clips/${encodeURIComponent(v.assetId)}`, textContent: v.clipName }),
      el("span", { className: "version-added", textContent: v.addedBy ? `added by ${v.addedBy}` : "first version" }),
      v.locked ? el("span", { className: "version-lock", textContent: "🔒 locked" }) : null,
      !here && this.stack.versions.length > 1
        ? el("a", { className: "version-compare", href: `/clips/${encodeURIComponent(this.assetId)}/compare?with=${encodeURIComponent(v.assetId)}`, textContent: "Compare" })
        : null,
      v.approvals.length ? el("ul", { className: "approvals" }, ...v.approvals.map((a) => el("li", { className: `approval ${a.decision} ${a.stale ? "stale" : ""}` },
        el("span", { className: "approval-who", textContent: a.reviewer }),
        el("span", { className: "approval-decision", textContent: words(a.decision) }),
        a.stage ? el("span", { className: "approval-stage", textContent: `at ${a.stage}` }) : null,
        a.note ? el("span", { className: "approval-note", textContent: a.note }) : null,
        a.stale ? el("span", { className: "approval-stale", title: a.staleBecause ?? "", textContent: "stale" }) : null,
        el("a", { className: "approval-certificate", href: a.certificateUrl, download: `approval-${a.id}.jws`, textContent: "certificate" })))) : null);
  }

  async decide() {
    const decision = this.root.querySelector("input[name=decision]:checked")?.value;
    await this.send("POST", `${this.api}/approvals`, { decision, note: this.$("note").value });
  }

  /** One change through the API; its refusal is shown in its own words, and the panel is read again. */
  async send(method, url, body) {
    const options = { method, headers: { Accept: "application/json" } };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    const response = await fetch(url, options);
    if (!response.ok) {
      this.$("error").textContent = problemText({ status: response.status, body: await response.json().catch(() => null) });
      return false;
    }
    this.$("error").textContent = "";
    if (url.endsWith("/approvals")) this.$("note").value = "";
    await this.load();
    return true;
  }
}

export function words(decision) {
  return { approved: "approved", "approved-with-changes": "approved with changes", rejected: "rejected" }[decision] ?? decision;
}
