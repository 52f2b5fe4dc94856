using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Promisingness.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// The full-text index of comments, searched for members only (SQLite FTS5; EF does not know it).
    /// rowid = Comments.Id; the entry and thread are kept beside the text, unindexed, to find the entry and
    /// link to the thread. Triggers keep it in step in the writer's transaction; deleted comments leave it.
    /// </summary>
    public partial class CommentSearch : Migration
    {
        private const string Insert = """
            INSERT INTO CommentSearch (rowid, body, entry_id, thread_id)
            SELECT new.Id, new.BodyMarkdown, t.EntryId, t.Id FROM CommentThreads t WHERE t.Id = new.ThreadId AND new.DeletedAt IS NULL;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE CommentSearch USING fts5(
                    body, entry_id UNINDEXED, thread_id UNINDEXED,
                    tokenize = 'unicode61 remove_diacritics 2',
                    prefix = '2 3 4'
                );
                """);
            migrationBuilder.Sql("""
                INSERT INTO CommentSearch (rowid, body, entry_id, thread_id)
                SELECT c.Id, c.BodyMarkdown, t.EntryId, t.Id FROM Comments c JOIN CommentThreads t ON t.Id = c.ThreadId WHERE c.DeletedAt IS NULL;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER CommentSearch_Inserted AFTER INSERT ON Comments BEGIN
                    {Insert}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER CommentSearch_Updated AFTER UPDATE OF BodyMarkdown, DeletedAt, ThreadId ON Comments BEGIN
                    DELETE FROM CommentSearch WHERE rowid = old.Id;
                    {Insert}
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER CommentSearch_Deleted AFTER DELETE ON Comments BEGIN
                    DELETE FROM CommentSearch WHERE rowid = old.Id;
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS CommentSearch_Inserted;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS CommentSearch_Updated;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS CommentSearch_Deleted;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS CommentSearch;");
        }
    }
}
