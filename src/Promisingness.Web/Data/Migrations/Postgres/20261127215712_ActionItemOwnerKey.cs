using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Promisingness.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ActionItemOwnerKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The owner was kept twice, in OwnerMemberId and in a shadow key EF had added for the navigation; the
            // writer set both. Keep an owner only the shadow column held, then drop it.
            migrationBuilder.Sql("""UPDATE "ActionItems" SET "OwnerMemberId" = "OwnerId" WHERE "OwnerMemberId" IS NULL AND "OwnerId" IS NOT NULL;""");

            migrationBuilder.DropForeignKey(
                name: "FK_ActionItems_Members_OwnerId",
                table: "ActionItems");

            migrationBuilder.DropIndex(
                name: "IX_ActionItems_OwnerId",
                table: "ActionItems");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "ActionItems");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_OwnerMemberId",
                table: "ActionItems",
                column: "OwnerMemberId");

            migrationBuilder.AddForeignKey(
                name: "FK_ActionItems_Members_OwnerMemberId",
                table: "ActionItems",
                column: "OwnerMemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ActionItems_Members_OwnerMemberId",
                table: "ActionItems");

            migrationBuilder.DropIndex(
                name: "IX_ActionItems_OwnerMemberId",
                table: "ActionItems");

            migrationBuilder.AddColumn<int>(
                name: "OwnerId",
                table: "ActionItems",
                type: "integer",
                nullable: true);

            migrationBuilder.Sql("""UPDATE "ActionItems" SET "OwnerId" = "OwnerMemberId";""");

            migrationBuilder.CreateIndex(
                name: "IX_ActionItems_OwnerId",
                table: "ActionItems",
                column: "OwnerId");

            migrationBuilder.AddForeignKey(
                name: "FK_ActionItems_Members_OwnerId",
                table: "ActionItems",
                column: "OwnerId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
