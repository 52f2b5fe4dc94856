using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Promisingness.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// Search finds an entry by the names of the files it links (Features/Attachments: "/files/{sha-256}/{name}").
    /// PostgreSQL's parser reads such an address as one "file" token, where SQLite's unicode61 splits it into words
    /// (so the SQLite side needs no migration): the text the trigger indexes is now the body followed by the names'
    /// words ("quokka_plot.png" as "quokka plot png"), made in the save's transaction as before, and the entries
    /// that link files are indexed again. An image's alt text is the body's own text, indexed already.
    /// </summary>
    public partial class SearchFileNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION entry_search_body(markdown text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
                    SELECT markdown || coalesce(E'\n\n' || (
                        SELECT string_agg(translate(m[1], '._-%', '    '), ' ')
                        FROM regexp_matches(markdown, 'files/[0-9a-f]{64}/([A-Za-z0-9._%-]+)', 'g') m), '')
                $$;
                CREATE OR REPLACE FUNCTION entry_search_entry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO "EntrySearch" (entry_id, title, body) VALUES (NEW."Id", NEW."Title", entry_search_body(NEW."BodyMarkdown"))
                    ON CONFLICT (entry_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body;
                    RETURN NULL;
                END $$;
                UPDATE "EntrySearch" s SET body = entry_search_body(e."BodyMarkdown")
                FROM "Entries" e WHERE e."Id" = s.entry_id AND strpos(e."BodyMarkdown", 'files/') > 0;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION entry_search_entry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO "EntrySearch" (entry_id, title, body) VALUES (NEW."Id", NEW."Title", NEW."BodyMarkdown")
                    ON CONFLICT (entry_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body;
                    RETURN NULL;
                END $$;
                UPDATE "EntrySearch" s SET body = e."BodyMarkdown"
                FROM "Entries" e WHERE e."Id" = s.entry_id AND s.body <> e."BodyMarkdown";
                DROP FUNCTION entry_search_body(text);
                """);
        }
    }
}
