using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Promisingness.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DigestTimeZoneAndExcerpt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Excerpt",
                table: "Notifications",
                type: "TEXT",
                maxLength: 280,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "NotificationSchedules",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationSchedules", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_NotificationSchedules_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NotificationSchedules");

            // SQLite drops a column itself (3.35 and later); EF's table rebuild refuses some columns on the way down.
            migrationBuilder.Sql("""ALTER TABLE "Notifications" DROP COLUMN "Excerpt";""");
        }
    }
}
