using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Promisingness.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// Search finds English words by their stem ("scaling" finds "scale" and "scaled"): the entry and comment
    /// indexes are rebuilt with FTS5's porter tokenizer over the unicode61 one they had (accents still folded).
    /// FTS5 cannot change a table's tokenizer, so each table and its fts5vocab are dropped, created again and
    /// refilled from the tables they index; the triggers of AddSearch and CommentSearch name the tables and
    /// keep working. SearchStems (FTS3's tokenizer table, the same Porter stemmer) tells SqliteSearchEngine
    /// the stem of a typed prefix, to look the index's words up by it.
    /// </summary>
    public partial class StemmedSearch : Migration
    {
        private const string Stemmed = "porter unicode61 remove_diacritics 2";
        private const string Unstemmed = "unicode61 remove_diacritics 2";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            Rebuild(migrationBuilder, Stemmed);
            migrationBuilder.Sql("CREATE VIRTUAL TABLE SearchStems USING fts3tokenize('porter');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS SearchStems;");
            Rebuild(migrationBuilder, Unstemmed);
        }

        private static void Rebuild(MigrationBuilder migrationBuilder, string tokenizer)
        {
            migrationBuilder.Sql("""
                DROP TABLE EntrySearchWords;
                DROP TABLE EntrySearch;
                DROP TABLE CommentSearchWords;
                DROP TABLE CommentSearch;
                """);
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE EntrySearch USING fts5(title, body, outputs, tags, tokenize = '{tokenizer}', prefix = '2 3 4');
                CREATE VIRTUAL TABLE EntrySearchWords USING fts5vocab('EntrySearch', 'row');
                INSERT INTO EntrySearch (rowid, title, body, outputs, tags)
                SELECT e.Id, e.Title, e.BodyMarkdown, {AddSearch.OutputsOf("e.Id")}, {AddSearch.TagsOf("e.Id")} FROM Entries e;
                """);
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE CommentSearch USING fts5(body, entry_id UNINDEXED, thread_id UNINDEXED, tokenize = '{tokenizer}', prefix = '2 3 4');
                CREATE VIRTUAL TABLE CommentSearchWords USING fts5vocab('CommentSearch', 'row');
                INSERT INTO CommentSearch (rowid, body, entry_id, thread_id)
                SELECT c.Id, c.BodyMarkdown, t.EntryId, t.Id FROM Comments c JOIN CommentThreads t ON t.Id = c.ThreadId WHERE c.DeletedAt IS NULL;
                """);
        }
    }
}
