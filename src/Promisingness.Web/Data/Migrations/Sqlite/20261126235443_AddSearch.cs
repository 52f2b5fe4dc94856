using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Promisingness.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// The full-text index of entries (SQLite FTS5; EF does not know it). rowid = Entries.Id. Triggers keep
    /// it in step inside the same transaction as every write, whoever writes (editor, importer, raw SQL).
    /// Comments get a table of their own later (CommentSearch, rowid = comment id, same tokenizer), so that
    /// members' search can add them without changing this one.
    /// </summary>
    public partial class AddSearch : Migration
    {
        // A topic's outputs that are still listed: their titles and summaries, in order.
        internal static string OutputsOf(string entryId) => $"""
            (SELECT coalesce(group_concat(Text, char(10)), '') FROM (
                SELECT coalesce(o.Title, '') || ' ' || o.SummaryMarkdown AS Text FROM TopicOutputs o
                WHERE o.EntryId = {entryId} AND o.Status <> 'Removed' ORDER BY o.Position))
            """;

        internal static string TagsOf(string entryId) =>
            $"(SELECT coalesce(group_concat(t.Name, ' '), '') FROM EntryTags t WHERE t.EntryId = {entryId})";

        private static string RefreshOutputs(string entryId) =>
            $"UPDATE EntrySearch SET outputs = {OutputsOf(entryId)} WHERE rowid = {entryId};";

        private static string RefreshTags(string entryId) =>
            $"UPDATE EntrySearch SET tags = {TagsOf(entryId)} WHERE rowid = {entryId};";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // remove_diacritics 2 finds "naïve" for "naive". Prefix indexes keep "te"*, "ter"* and "term"* from
            // merging the doclists of every word that starts so; longer prefixes are expanded by SearchService.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE EntrySearch USING fts5(
                    title, body, outputs, tags,
                    tokenize = 'unicode61 remove_diacritics 2',
                    prefix = '2 3 4'
                );
                """);
            // The index's own words, for turning a typed prefix into the few words it stands for.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE EntrySearchWords USING fts5vocab('EntrySearch', 'row');");
            migrationBuilder.Sql($"""
                INSERT INTO EntrySearch (rowid, title, body, outputs, tags)
                SELECT e.Id, e.Title, e.BodyMarkdown, {OutputsOf("e.Id")}, {TagsOf("e.Id")} FROM Entries e;
                """);

            // EF inserts an entry before its outputs and tags, whose own triggers then fill those columns.
            migrationBuilder.Sql("""
                CREATE TRIGGER EntrySearch_EntryInserted AFTER INSERT ON Entries BEGIN
                    INSERT INTO EntrySearch (rowid, title, body, outputs, tags) VALUES (new.Id, new.Title, new.BodyMarkdown, '', '');
                END;
                """);
            // Only a changed title or body re-indexes: visibility or status changes are read from Entries at query time.
            migrationBuilder.Sql("""
                CREATE TRIGGER EntrySearch_EntryUpdated AFTER UPDATE OF Title, BodyMarkdown ON Entries BEGIN
                    UPDATE EntrySearch SET title = new.Title, body = new.BodyMarkdown WHERE rowid = new.Id;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER EntrySearch_EntryDeleted AFTER DELETE ON Entries BEGIN
                    DELETE FROM EntrySearch WHERE rowid = old.Id;
                END;
                """);

            migrationBuilder.Sql($"""
                CREATE TRIGGER EntrySearch_OutputInserted AFTER INSERT ON TopicOutputs BEGIN
                    {RefreshOutputs("new.EntryId")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER EntrySearch_OutputUpdated AFTER UPDATE OF EntryId, Title, SummaryMarkdown, Status, Position ON TopicOutputs BEGIN
                    {RefreshOutputs("old.EntryId")}
                    {RefreshOutputs("new.EntryId")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER EntrySearch_OutputDeleted AFTER DELETE ON TopicOutputs BEGIN
                    {RefreshOutputs("old.EntryId")}
                END;
                """);

            migrationBuilder.Sql($"""
                CREATE TRIGGER EntrySearch_TagInserted AFTER INSERT ON EntryTags BEGIN
                    {RefreshTags("new.EntryId")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER EntrySearch_TagUpdated AFTER UPDATE ON EntryTags BEGIN
                    {RefreshTags("old.EntryId")}
                    {RefreshTags("new.EntryId")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER EntrySearch_TagDeleted AFTER DELETE ON EntryTags BEGIN
                    {RefreshTags("old.EntryId")}
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[]
            {
                "EntryInserted", "EntryUpdated", "EntryDeleted",
                "OutputInserted", "OutputUpdated", "OutputDeleted",
                "TagInserted", "TagUpdated", "TagDeleted",
            })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS EntrySearch_{trigger};");
            }
            migrationBuilder.Sql("DROP TABLE IF EXISTS EntrySearchWords;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS EntrySearch;");
        }
    }
}
