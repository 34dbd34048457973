import { GeneralErrorBoundary } from "~/components/error-boundary";

export function loader() {
  throw new Response("There is no page at this address.", { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
