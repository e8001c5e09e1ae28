import { redirect } from "next/navigation";

/** The reports area opens on its only report so far. */
export default function ReportsIndex() {
  redirect("/reports/agents");
}
