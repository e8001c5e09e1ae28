-- Every workspace has the four system lead sources: the existing ones get them now,
-- new ones when they are created, whichever code path creates them.
CREATE FUNCTION "create_default_lead_sources"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "lead_sources" ("workspace_id", "name", "system_key")
  VALUES (NEW."id", 'WhatsApp', 'whatsapp'), (NEW."id", 'Facebook', 'facebook'),
         (NEW."id", 'Instagram', 'instagram'), (NEW."id", 'Website', 'website')
  ON CONFLICT DO NOTHING;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER "workspaces_default_lead_sources" AFTER INSERT ON "workspaces"
  FOR EACH ROW EXECUTE FUNCTION "create_default_lead_sources"();
--> statement-breakpoint
INSERT INTO "lead_sources" ("workspace_id", "name", "system_key")
SELECT w."id", s."name", s."key"
FROM "workspaces" w
CROSS JOIN (VALUES ('WhatsApp', 'whatsapp'), ('Facebook', 'facebook'), ('Instagram', 'instagram'), ('Website', 'website')) AS s("name", "key")
ON CONFLICT DO NOTHING;
