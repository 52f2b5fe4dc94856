using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Promisingness.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// The comment index's own words (fts5vocab over CommentSearch), so that members' search turns a typed
    /// prefix into the few comment words it stands for, as it does for entries with EntrySearchWords: a
    /// "word"* longer than the prefix indexes makes FTS5 merge every such word's doclist in memory.
    /// </summary>
    public partial class CommentSearchWords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE VIRTUAL TABLE CommentSearchWords USING fts5vocab('CommentSearch', 'row');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS CommentSearchWords;");
        }
    }
}
