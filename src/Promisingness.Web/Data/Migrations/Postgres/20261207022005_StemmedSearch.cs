using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Promisingness.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// Search finds English words by their stem, as SQLite's porter tokenizer does since its own StemmedSearch:
    /// the "wiki_english" configuration is "wiki" (accents folded by unaccent) with words stemmed by Snowball's
    /// English stemmer. Its dictionary is made here without the stop-word list of PostgreSQL's "english",
    /// which would drop "the" or "who" from a query that FTS5 searches for. The entries' document is computed
    /// again by the new configuration and the comments' index is built on it (PostgresSearchEngine's
    /// CommentDocument must stay that expression).
    /// </summary>
    public partial class StemmedSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TEXT SEARCH DICTIONARY wiki_english_stem (TEMPLATE = snowball, Language = english);
                CREATE TEXT SEARCH CONFIGURATION wiki_english (COPY = wiki);
                ALTER TEXT SEARCH CONFIGURATION wiki_english ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, wiki_english_stem;
                """);
            Rebuild(migrationBuilder, "wiki_english");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            Rebuild(migrationBuilder, "wiki");
            migrationBuilder.Sql("""
                DROP TEXT SEARCH CONFIGURATION wiki_english;
                DROP TEXT SEARCH DICTIONARY wiki_english_stem;
                """);
        }

        private static void Rebuild(MigrationBuilder migrationBuilder, string configuration)
        {
            // A generated column's expression cannot change before PostgreSQL 17: the column (and its index) goes and comes back.
            migrationBuilder.Sql($"""
                ALTER TABLE "EntrySearch" DROP COLUMN document;
                ALTER TABLE "EntrySearch" ADD COLUMN document tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('{configuration}', title), 'A') ||
                    setweight(to_tsvector('{configuration}', tags), 'B') ||
                    setweight(to_tsvector('{configuration}', outputs), 'C') ||
                    setweight(to_tsvector('{configuration}', body), 'D')) STORED;
                CREATE INDEX "IX_EntrySearch_document" ON "EntrySearch" USING gin (document);
                DROP INDEX "IX_Comments_search";
                CREATE INDEX "IX_Comments_search" ON "Comments" USING gin (to_tsvector('{configuration}', "BodyMarkdown")) WHERE "DeletedAt" IS NULL;
                """);
        }
    }
}
