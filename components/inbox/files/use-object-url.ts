"use client";

import { useEffect, useState } from "react";

/** An object URL for the file while the component shows it, revoked afterwards. */
export function useObjectUrl(file: File | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) return;
    const created = URL.createObjectURL(file);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the URL exists only while the effect holds it
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [file]);
  return file ? url : null;
}
