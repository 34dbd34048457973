import { useState } from "react";

/**
 * A name field and a Save button, for keeping the current view or query under a name of the analyst's choosing. When
 * saving is refused (onSave throws), the reason is shown and the name stays.
 */
export function SaveByName({ what, onSave }: { what: "view" | "query"; onSave: (name: string) => void }) {
  const [name, setName] = useState("");
  const [refused, setRefused] = useState<string | null>(null);
  return (
    <form
      className="save-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return;
        try {
          onSave(name.trim());
          setName("");
          setRefused(null);
        } catch (error) {
          setRefused((error as Error).message);
        }
      }}
    >
      <input
        value={name}
        onChange={(e) => setName(e.target.value)}
        aria-label={`Name of this ${what}`}
        placeholder={`Name of this ${what}`}
        maxLength={120}
      />
      <button type="submit" className="secondary small" disabled={!name.trim()}>
        Save {what}
      </button>
      {refused ? (
        <span className="error small" role="alert">
          {refused}
        </span>
      ) : null}
    </form>
  );
}
