import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/**
 * Names the versions whose figures on the real sets are still being computed (their rows show the model card's
 * synthetic figures or nothing meanwhile) and reloads the page's data every 2 s until none are left.
 */
export function MeasuringNotice({ versions }: { versions: string[] }) {
  const revalidator = useRevalidator();
  const idle = revalidator.state === "idle";
  useEffect(() => {
    if (!versions.length || !idle) return;
    const timer = setTimeout(() => revalidator.revalidate(), 2000);
    return () => clearTimeout(timer);
  }, [versions, idle, revalidator]);
  if (!versions.length) return null;
  return (
    <p className="notice" role="status" data-testid="measuring-real-text">
      Measuring {versions.join(", ")} on the real evaluation sets: {versions.length === 1 ? "its" : "their"} real-text figures appear here in a moment
      (this page updates itself).
    </p>
  );
}
