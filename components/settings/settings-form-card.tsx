"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

/**
 * The frame every settings section's form shares: a card with the section's
 * title and description, its fields, and "Save changes" (plus any extra
 * buttons) in the footer; submitting calls `onSave`.
 */
export function SettingsFormCard(props: {
  title: string;
  description: string;
  pending: boolean;
  onSave: () => void;
  extraActions?: React.ReactNode;
  children: React.ReactNode;
}) {
  const tCommon = useTranslations("common");
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        props.onSave();
      }}
    >
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{props.title}</h2>
          </CardTitle>
          <CardDescription>{props.description}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6 *:min-w-0">{props.children}</CardContent>
        <CardFooter className="flex flex-wrap items-center gap-3">
          <Button type="submit" disabled={props.pending}>
            {props.pending ? tCommon("saving") : tCommon("save")}
          </Button>
          {props.extraActions}
        </CardFooter>
      </Card>
    </form>
  );
}
