import type { Page } from "@playwright/test";
import { expect } from "./support";

/** From the Bots list (pt-BR): a bot reached only through another bot's button, answering with a text. */
export async function createButtonBot(page: Page, name: string, text: string) {
  await page.getByRole("link", { name: "Novo bot" }).click();
  await expect(page.getByRole("heading", { name: "Novo bot de mensagem" })).toBeVisible();
  await page.getByLabel("Nome", { exact: true }).fill(name);
  await page.getByRole("radio", { name: /^Resposta de botão/ }).check();
  await page.getByLabel("Mensagem", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Criar bot" }).click();
  await expect(page.getByText(`Bot “${name}” criado`)).toBeVisible();
  await expect(page).toHaveURL(/\/settings\/bots$/);
}

/** From the Bots list (pt-BR): deletes the named bots, so later specs meet none of them. */
export async function deleteBots(page: Page, names: string[]) {
  await page.goto("/settings/bots");
  for (const name of names) {
    const button = page.getByRole("button", { name: `Excluir “${name}”` });
    if ((await button.count()) === 0) continue;
    await button.click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Excluir" }).click();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
  }
}
