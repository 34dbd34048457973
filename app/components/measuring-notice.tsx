import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { summariseRefs } from "../../workbench/registry/model-ref";

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
      {versions.length === 1
        ? `Measuring ${versions[0]} on the real evaluation sets: its real-text figures appear here in a moment (this page updates itself).`
        : `Measuring ${versions.length} versions on the real evaluation sets — ${summariseRefs(versions)}. Their real-text figures appear here in a moment (this page updates itself).`}
    </p>
  );
}
