// Presenter mode: a bar over every page with the story step, large type, and keyboard navigation (→ / Space next,
// ← back, N notes, Esc ends). The step lives in sessionStorage, so it follows the presenter from page to page.
import { useLocation, useNavigate } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { STORY } from "./story";

const KEY = "hs-presenter-step";

export function startPresenting(step = 0) {
  sessionStorage.setItem(KEY, String(step));
  window.dispatchEvent(new Event("presenter-change"));
}

function readStep(): number | null {
  const raw = sessionStorage.getItem(KEY);
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 && n < STORY.length ? n : null;
}

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));

export function PresenterBar() {
  const [step, setStep] = useState<number | null>(null);
  const [notes, setNotes] = useState(false);
  const navigate = useNavigate();
  const location = useLocation();
  const bar = useRef<HTMLElement>(null);

  useEffect(() => {
    const sync = () => setStep(readStep());
    sync();
    window.addEventListener("presenter-change", sync);
    return () => window.removeEventListener("presenter-change", sync);
  }, [location.key]);

  useEffect(() => {
    document.body.classList.toggle("presenting", step !== null);
  }, [step]);

  // the page keeps room below its content for the bar as tall as it is (notes and long steps wrap to several lines),
  // so nothing — the Classify button, a form's last field — is ever left under it
  useEffect(() => {
    const element = bar.current;
    if (!element) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() =>
      root.style.setProperty("--presenter-bar-height", `${Math.ceil(element.getBoundingClientRect().height)}px`),
    );
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--presenter-bar-height");
    };
  }, [step]);

  // what the step is about comes into view as soon as its page shows it (a chart appears once the data is read), above
  // the bar; at once, not smoothly, so nothing moves under the presenter's pointer after it has settled
  useEffect(() => {
    const show = step === null ? undefined : STORY[step]?.show;
    if (!show) return;
    const bring = () => {
      const element = document.querySelector(`[data-story="${show}"]`);
      element?.scrollIntoView({ block: "center" });
      return element !== null;
    };
    if (bring()) return;
    const observer = new MutationObserver(() => bring() && observer.disconnect());
    observer.observe(document.body, { childList: true, subtree: true });
    const giveUp = window.setTimeout(() => observer.disconnect(), 30_000);
    return () => {
      observer.disconnect();
      window.clearTimeout(giveUp);
    };
  }, [step]);

  const go = useCallback(
    (to: number) => {
      if (to < 0 || to >= STORY.length) return;
      sessionStorage.setItem(KEY, String(to));
      setStep(to);
      // a step on the page already shown keeps it as it is: navigating again would reload it and scroll it to the top
      // under the presenter's pointer (steps 1 and 2 are both Explore)
      if (STORY[to]!.path !== location.pathname + location.search) navigate(STORY[to]!.path);
    },
    [navigate, location.pathname, location.search],
  );

  const stop = useCallback(() => {
    sessionStorage.removeItem(KEY);
    setStep(null);
  }, []);

  useEffect(() => {
    if (step === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "ArrowRight" || e.key === " " || e.key === "PageDown") {
        e.preventDefault();
        go(step + 1);
      } else if (e.key === "ArrowLeft" || e.key === "PageUp") {
        e.preventDefault();
        go(step - 1);
      } else if (e.key === "n" || e.key === "N") setNotes((n) => !n);
      else if (e.key === "Escape") stop();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [step, go, stop]);

  if (step === null) return null;
  const current = STORY[step]!;
  return (
    <aside ref={bar} className="presenter-bar" aria-label="Presenter" data-testid="presenter-bar">
      <div className="presenter-step">
        Step {step + 1} of {STORY.length} · <strong>{current.title}</strong>
      </div>
      <p className="presenter-say">{current.say}</p>
      {notes ? <p className="presenter-notes">{current.notes}</p> : null}
      <div className="presenter-controls">
        <button type="button" className="secondary" onClick={() => go(step - 1)} disabled={step === 0} aria-label="Previous step">
          ←
        </button>
        <button type="button" onClick={() => go(step + 1)} disabled={step === STORY.length - 1} aria-label="Next step">
          →
        </button>
        <button type="button" className="secondary" onClick={() => setNotes((n) => !n)} aria-pressed={notes}>
          Notes (N)
        </button>
        <button type="button" className="secondary" onClick={stop}>
          End (Esc)
        </button>
      </div>
    </aside>
  );
}
