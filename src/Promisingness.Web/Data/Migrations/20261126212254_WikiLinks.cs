using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Promisingness.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class WikiLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EntryLinks",
                columns: table => new
                {
                    FromEntryId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToSlug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntryLinks", x => new { x.FromEntryId, x.ToSlug });
                    table.ForeignKey(
                        name: "FK_EntryLinks_Entries_FromEntryId",
                        column: x => x.FromEntryId,
                        principalTable: "Entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EntryLinks_ToSlug",
                table: "EntryLinks",
                column: "ToSlug");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EntryLinks");
        }
    }
}
