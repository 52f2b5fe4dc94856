using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Promisingness.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActionItemOwnerKey : Migration
    {
        // SQLite cannot drop a column that carries a foreign key: the table is rebuilt. EF's own rebuild switches
        // foreign keys off, which SQLite ignores inside a transaction, so EF runs that part outside the migration's
        // transaction, and a crash there leaves the table half rebuilt. Deferring the checks to the commit keeps the
        // whole rebuild inside the transaction.
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The owner was kept twice, in OwnerMemberId and in a shadow key EF had added for the navigation; the
            // writer set both. Keep an owner only the shadow column held, then drop it.
            migrationBuilder.Sql("""
                PRAGMA defer_foreign_keys = ON;
                UPDATE "ActionItems" SET "OwnerMemberId" = "OwnerId" WHERE "OwnerMemberId" IS NULL AND "OwnerId" IS NOT NULL;
                CREATE TABLE "ef_temp_ActionItems" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_ActionItems" PRIMARY KEY AUTOINCREMENT,
                    "Done" INTEGER NOT NULL,
                    "DoneAt" INTEGER NULL,
                    "DueDate" TEXT NULL,
                    "EntryId" INTEGER NOT NULL,
                    "OwnerMemberId" INTEGER NULL,
                    "Position" INTEGER NOT NULL,
                    "Text" TEXT NOT NULL,
                    CONSTRAINT "FK_ActionItems_Entries_EntryId" FOREIGN KEY ("EntryId") REFERENCES "Entries" ("Id") ON DELETE CASCADE,
                    CONSTRAINT "FK_ActionItems_Members_OwnerMemberId" FOREIGN KEY ("OwnerMemberId") REFERENCES "Members" ("Id") ON DELETE RESTRICT
                );
                INSERT INTO "ef_temp_ActionItems" ("Id", "Done", "DoneAt", "DueDate", "EntryId", "OwnerMemberId", "Position", "Text")
                SELECT "Id", "Done", "DoneAt", "DueDate", "EntryId", "OwnerMemberId", "Position", "Text" FROM "ActionItems";
                DROP TABLE "ActionItems";
                ALTER TABLE "ef_temp_ActionItems" RENAME TO "ActionItems";
                CREATE INDEX "IX_ActionItems_Done_OwnerMemberId" ON "ActionItems" ("Done", "OwnerMemberId");
                CREATE INDEX "IX_ActionItems_EntryId_Position" ON "ActionItems" ("EntryId", "Position");
                CREATE INDEX "IX_ActionItems_OwnerMemberId" ON "ActionItems" ("OwnerMemberId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                PRAGMA defer_foreign_keys = ON;
                CREATE TABLE "ef_temp_ActionItems" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_ActionItems" PRIMARY KEY AUTOINCREMENT,
                    "Done" INTEGER NOT NULL,
                    "DoneAt" INTEGER NULL,
                    "DueDate" TEXT NULL,
                    "EntryId" INTEGER NOT NULL,
                    "OwnerId" INTEGER NULL,
                    "OwnerMemberId" INTEGER NULL,
                    "Position" INTEGER NOT NULL,
                    "Text" TEXT NOT NULL,
                    CONSTRAINT "FK_ActionItems_Entries_EntryId" FOREIGN KEY ("EntryId") REFERENCES "Entries" ("Id") ON DELETE CASCADE,
                    CONSTRAINT "FK_ActionItems_Members_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "Members" ("Id") ON DELETE RESTRICT
                );
                INSERT INTO "ef_temp_ActionItems" ("Id", "Done", "DoneAt", "DueDate", "EntryId", "OwnerId", "OwnerMemberId", "Position", "Text")
                SELECT "Id", "Done", "DoneAt", "DueDate", "EntryId", "OwnerMemberId", "OwnerMemberId", "Position", "Text" FROM "ActionItems";
                DROP TABLE "ActionItems";
                ALTER TABLE "ef_temp_ActionItems" RENAME TO "ActionItems";
                CREATE INDEX "IX_ActionItems_Done_OwnerMemberId" ON "ActionItems" ("Done", "OwnerMemberId");
                CREATE INDEX "IX_ActionItems_EntryId_Position" ON "ActionItems" ("EntryId", "Position");
                CREATE INDEX "IX_ActionItems_OwnerId" ON "ActionItems" ("OwnerId");
                """);
        }
    }
}
