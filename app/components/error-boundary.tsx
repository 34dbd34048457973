import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

function messageOf(data: unknown): string | null {
  if (typeof data === "string") return data;
  if (data && typeof data === "object" && "error" in data && typeof data.error === "string") return data.error;
  return null;
}

/** The one error boundary: says what happened in words, with the status, and a way back. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  let title = "Something went wrong";
  let detail = "An unexpected error occurred. The problem has been logged on the server.";
  let status: number | null = null;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const message = messageOf(error.data);
    if (error.status === 404) {
      title = "Page not found";
      detail = message ?? "There is no page at this address.";
    } else if (error.status === 403) {
      title = "Not allowed";
      detail = message ?? "Your role does not allow this.";
    } else if (error.status === 401) {
      title = "Sign in required";
      detail = message ?? "Please sign in.";
    } else {
      title = `${error.status} ${error.statusText}`;
      detail = message ?? detail;
    }
  } else if (error instanceof Error && process.env.NODE_ENV !== "production") {
    detail = error.message;
  }
  return (
    <section className="error-panel" role="alert">
      <h1>
        {status ? <span className="status-code">{status}</span> : null} {title}
      </h1>
      <p>{detail}</p>
      <p>
        <Link to="/">Back to the overview</Link>
      </p>
    </section>
  );
}
