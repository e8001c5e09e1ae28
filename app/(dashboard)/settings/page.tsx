import { redirect } from "next/navigation";
import { SETTINGS_SECTIONS } from "@/lib/composition/settings-sections";

export default function SettingsIndex() {
  redirect(`/settings/${SETTINGS_SECTIONS[0]}`);
}
