import { useState } from "react";
import { duckErrorMessage } from "./duckdb.client";
import { addRate, ENTERED_RATES_TABLE } from "./extract-view-queries.client";

const ISO = /^[A-Z]{3}$/;

/**
 * Exchange rates typed in: one rate per currency, target and date range ("1 USD = 0.92 EUR from 2024-01-01 to
 * 2024-03-31"), checked before it is stored.
 */
export function RatesEditor({ onSaved, onSchemaChange }: { onSaved: () => void; onSchemaChange: () => void }) {
  const [fields, setFields] = useState({ currency: "", target: "EUR", rate: "", from: "", to: "" });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const set = (k: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement>) => setFields((f) => ({ ...f, [k]: e.target.value }));

  const add = async () => {
    const currency = fields.currency.trim().toUpperCase();
    const target = fields.target.trim().toUpperCase();
    const rate = Number(fields.rate);
    const problems = [
      ISO.test(currency) ? null : "the currency must be an ISO 4217 code such as USD",
      ISO.test(target) ? null : "the target currency must be an ISO 4217 code such as EUR",
      currency === target ? "a currency converts to another one" : null,
      Number.isFinite(rate) && rate > 0 ? null : "the rate must be a number above 0 (units of the target per unit of the currency)",
      /^\d{4}-\d{2}-\d{2}$/.test(fields.from) && /^\d{4}-\d{2}-\d{2}$/.test(fields.to) ? null : "give the dates the rate is valid from and to",
      fields.from <= fields.to ? null : "the rate's first date is after its last",
    ].filter(Boolean);
    if (problems.length) return setMessage({ ok: false, text: `Not added: ${problems.join("; ")}.` });
    try {
      await addRate({ currency, target, rate, from: fields.from, to: fields.to });
      setMessage({ ok: true, text: `Added: 1 ${currency} = ${rate} ${target} from ${fields.from} to ${fields.to} (table ${ENTERED_RATES_TABLE}).` });
      setFields((f) => ({ ...f, currency: "", rate: "" }));
      onSaved();
      onSchemaChange();
    } catch (e) {
      setMessage({ ok: false, text: duckErrorMessage(e) });
    }
  };

  return (
    <details className="rates-editor">
      <summary>Exchange rates</summary>
      <p className="muted small">
        Enter a rate per currency and date range, or load a CSV with the columns currency, to_currency, rate, valid_from, valid_to. The measure list
        then offers the values converted to the target currency; lines without a rate are counted and left out.
      </p>
      <div className="filters" role="group" aria-label="Add an exchange rate">
        <label>
          1 unit of <input value={fields.currency} onChange={set("currency")} size={4} placeholder="USD" aria-label="Currency" />
        </label>
        <label>
          = <input value={fields.rate} onChange={set("rate")} size={8} inputMode="decimal" placeholder="0.92" aria-label="Rate" />
        </label>
        <label>
          of <input value={fields.target} onChange={set("target")} size={4} aria-label="Target currency" />
        </label>
        <label>
          from <input type="date" value={fields.from} onChange={set("from")} aria-label="Valid from" />
        </label>
        <label>
          to <input type="date" value={fields.to} onChange={set("to")} aria-label="Valid to" />
        </label>
        <button type="button" onClick={add}>
          Add rate
        </button>
      </div>
      {message ? (
        <p className={message.ok ? "notice success" : "form-error"} role={message.ok ? "status" : "alert"} data-testid="rates-message">
          {message.text}
        </p>
      ) : null}
    </details>
  );
}
