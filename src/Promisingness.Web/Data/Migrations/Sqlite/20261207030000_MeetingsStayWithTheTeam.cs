using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Promisingness.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// Meetings are members only (EntryPermissions.MayBePublic): one made Public before the rule existed goes back
    /// to the team. The model does not change, so this migration has no target model of its own.
    /// </summary>
    [DbContext(typeof(SqliteWikiDbContext))]
    [Migration("20261207030000_MeetingsStayWithTheTeam")]
    public partial class MeetingsStayWithTheTeam : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""UPDATE "Entries" SET "Visibility" = 'Team' WHERE "Kind" = 'Meeting' AND "Visibility" = 'Public';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Which meetings were public is not kept: they stay with the team.
        }
    }
}
