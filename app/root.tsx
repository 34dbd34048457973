import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { CsrfInput } from "./components/csrf-input";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { useNonce } from "./components/nonce";
import { PresenterBar } from "./presenter/presenter-bar";
import { getOptionalUser } from "./auth/guards.server";
import { commitSession, ensureCsrfToken, getSession } from "./auth/session.server";
import styles from "./styles.css";
import { roleAtLeast, type Role } from "../workbench/registry/roles";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.ico" },
];

export const meta: MetaFunction = () => [{ title: "HS Model Workbench" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  const { token, created } = ensureCsrfToken(session);
  const found = await getOptionalUser(request);
  // the id keys what the browser keeps for the user (Explore's tables, saved queries and views)
  const user = found && { id: found.user.id, username: found.user.username, displayName: found.user.displayName, role: found.user.role };
  return json({ user, csrf: token }, created ? { headers: { "Set-Cookie": await commitSession(session) } } : undefined);
}

/** The pages in the menu, each with the least role that may open it (the page's own guard says the same on the server). */
export const NAV: { to: string; label: string; minRole?: Role }[] = [
  { to: "/overview", label: "Overview" },
  { to: "/explore", label: "Explore" },
  { to: "/classify", label: "Classify" },
  { to: "/models", label: "Models" },
  { to: "/compare", label: "Compare" },
  { to: "/promotions", label: "Promotions" },
  { to: "/audit", label: "Audit", minRole: "analyst" },
  { to: "/present", label: "Present" },
  { to: "/admin/users", label: "Users", minRole: "admin" },
];

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user;
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <header className="topbar">
          <a className="brand" href="/">
            HS Model Workbench
          </a>
          {user ? (
            <nav aria-label="Main">
              {NAV.filter((n) => !n.minRole || roleAtLeast(user.role, n.minRole)).map((n) => (
                <NavLink key={n.to} to={n.to} prefetch="intent">
                  {n.label}
                </NavLink>
              ))}
            </nav>
          ) : null}
          {user ? (
            <div className="who">
              <span>
                <a href="/account/password" title="Change your password">
                  {user.displayName}
                </a>{" "}
                <span className={`role role-${user.role}`}>{user.role}</span>
              </span>
              {/* a full page load: nothing the page holds in memory (Explore's tables) is left for the next user */}
              <Form method="post" action="/logout" reloadDocument>
                <CsrfInput />
                <button type="submit" className="link-button">
                  Sign out
                </button>
                <button type="submit" name="intent" value="everywhere" className="link-button" title="Ends your sessions in every browser">
                  End all my sessions
                </button>
              </Form>
            </div>
          ) : null}
        </header>
        <main>{children}</main>
        {user ? <PresenterBar /> : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
