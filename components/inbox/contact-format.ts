/**
 * WhatsApp ids are bare international numbers ("5511987654321"). Brazilian
 * numbers get the local grouping people recognise; others a plain "+".
 */
export function formatPhone(waId: string): string {
  const digits = waId.replace(/\D/g, "");
  const br = /^55(\d{2})(\d{4,5})(\d{4})$/.exec(digits);
  if (br) return `+55 ${br[1]} ${br[2]}-${br[3]}`;
  return digits ? `+${digits}` : waId;
}

/** What identifies a contact on screen: the WhatsApp profile name, else the number. */
export function contactLabel(contact: { waId: string; name: string | null }): string {
  return contact.name?.trim() || formatPhone(contact.waId);
}

/** Up to two letters for the avatar; empty for a bare number, which gets an icon instead. */
export function initials(label: string): string {
  const words = label.split(/\s+/).filter((word) => /^\p{L}/u.test(word));
  if (words.length === 0) return "";
  const first = words[0]!.charAt(0);
  const last = words.length > 1 ? words[words.length - 1]!.charAt(0) : "";
  return (first + last).toUpperCase();
}
