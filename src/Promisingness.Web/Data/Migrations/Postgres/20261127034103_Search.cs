using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Promisingness.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// PostgreSQL's full-text index, the counterpart of SQLite's EntrySearch and CommentSearch (EF does not
    /// know either). The "wiki" text search configuration splits words without stemming and folds accents,
    /// as FTS5's unicode61 with remove_diacritics does, so the same queries find the same entries.
    /// EntrySearch holds each entry's title, tags, outputs and body, kept in step by triggers in the writer's
    /// transaction; its document weighs them A, B, C, D for ts_rank. Comments need no copy: a GIN index on
    /// the expression the search uses is enough.
    /// </summary>
    public partial class Search : Migration
    {
        private const string Outputs = """
            (SELECT coalesce(string_agg(coalesce(o."Title", '') || ' ' || o."SummaryMarkdown", E'\n' ORDER BY o."Position"), '')
             FROM "TopicOutputs" o WHERE o."EntryId" = entry AND o."Status" <> 'Removed')
            """;

        private const string Tags = """
            (SELECT coalesce(string_agg(t."Name", ' ' ORDER BY t."Name"), '') FROM "EntryTags" t WHERE t."EntryId" = entry)
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // unaccent is a trusted extension: the database's owner may create it.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            migrationBuilder.Sql("""
                CREATE TEXT SEARCH CONFIGURATION wiki (COPY = pg_catalog.simple);
                ALTER TEXT SEARCH CONFIGURATION wiki ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart WITH unaccent, simple;
                """);

            migrationBuilder.Sql("""
                CREATE TABLE "EntrySearch" (
                    entry_id integer PRIMARY KEY REFERENCES "Entries" ("Id") ON DELETE CASCADE,
                    title text NOT NULL,
                    body text NOT NULL,
                    outputs text NOT NULL DEFAULT '',
                    tags text NOT NULL DEFAULT '',
                    document tsvector GENERATED ALWAYS AS (
                        setweight(to_tsvector('wiki', title), 'A') ||
                        setweight(to_tsvector('wiki', tags), 'B') ||
                        setweight(to_tsvector('wiki', outputs), 'C') ||
                        setweight(to_tsvector('wiki', body), 'D')) STORED
                );
                CREATE INDEX "IX_EntrySearch_document" ON "EntrySearch" USING gin (document);
                """);

            // One function refreshes an entry's outputs and tags; the triggers say which entry.
            migrationBuilder.Sql($"""
                CREATE FUNCTION entry_search_refresh(entry integer) RETURNS void LANGUAGE sql AS $$
                    UPDATE "EntrySearch" SET outputs = {Outputs}, tags = {Tags} WHERE entry_id = entry;
                $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION entry_search_entry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO "EntrySearch" (entry_id, title, body) VALUES (NEW."Id", NEW."Title", NEW."BodyMarkdown")
                    ON CONFLICT (entry_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER entry_search_entry_inserted AFTER INSERT ON "Entries"
                    FOR EACH ROW EXECUTE FUNCTION entry_search_entry_changed();
                CREATE TRIGGER entry_search_entry_updated AFTER UPDATE OF "Title", "BodyMarkdown" ON "Entries"
                    FOR EACH ROW EXECUTE FUNCTION entry_search_entry_changed();
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION entry_search_part_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP <> 'INSERT' THEN PERFORM entry_search_refresh(OLD."EntryId"); END IF;
                    IF TG_OP <> 'DELETE' THEN PERFORM entry_search_refresh(NEW."EntryId"); END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER entry_search_output_changed AFTER INSERT OR UPDATE OR DELETE ON "TopicOutputs"
                    FOR EACH ROW EXECUTE FUNCTION entry_search_part_changed();
                CREATE TRIGGER entry_search_tag_changed AFTER INSERT OR UPDATE OR DELETE ON "EntryTags"
                    FOR EACH ROW EXECUTE FUNCTION entry_search_part_changed();
                """);
            migrationBuilder.Sql("""
                INSERT INTO "EntrySearch" (entry_id, title, body) SELECT "Id", "Title", "BodyMarkdown" FROM "Entries";
                SELECT entry_search_refresh("Id") FROM "Entries";
                """);

            // Members' comment search: the expression here and in PostgresSearchEngine must stay the same.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Comments_search" ON "Comments" USING gin (to_tsvector('wiki', "BodyMarkdown")) WHERE "DeletedAt" IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS "IX_Comments_search";
                DROP TRIGGER IF EXISTS entry_search_output_changed ON "TopicOutputs";
                DROP TRIGGER IF EXISTS entry_search_tag_changed ON "EntryTags";
                DROP TRIGGER IF EXISTS entry_search_entry_inserted ON "Entries";
                DROP TRIGGER IF EXISTS entry_search_entry_updated ON "Entries";
                DROP FUNCTION IF EXISTS entry_search_part_changed();
                DROP FUNCTION IF EXISTS entry_search_entry_changed();
                DROP FUNCTION IF EXISTS entry_search_refresh(integer);
                DROP TABLE IF EXISTS "EntrySearch";
                DROP TEXT SEARCH CONFIGURATION IF EXISTS wiki;
                """);
        }
    }
}
