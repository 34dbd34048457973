import { useState } from "react";

/** A name field and a Save button, for keeping the current view or query under a name of the analyst's choosing. */
export function SaveByName({ what, onSave }: { what: "view" | "query"; onSave: (name: string) => void }) {
  const [name, setName] = useState("");
  return (
    <form
      className="save-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return;
        onSave(name.trim());
        setName("");
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
    </form>
  );
}
