using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Promisingness.Tests.Infrastructure;

namespace Promisingness.Tests.Meetings;

/// <summary>
/// An action item's owner was kept in two columns, OwnerMemberId and a shadow key EF had added for the Owner
/// navigation (OwnerId). The ActionItemOwnerKey migration keeps it in OwnerMemberId alone, losing no owner.
/// </summary>
public sealed class ActionItemOwnerMigrationTests : MentorAppTest
{
    [SqliteFact]
    public Task Migration_KeepsEveryOwnerInOneColumn_AndGoesBackDown() => SqliteMigrationFile.RunAsync(App, "ActionItemOwnerKey", async (db, before) =>
    {
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Members (Name, Slug, ProgramId, Role, Position, InReadme) VALUES ('Ada', 'ada', NULL, 'Researcher', 0, 0), ('Bo', 'bo', NULL, 'Researcher', 1, 0);
            INSERT INTO Entries (Kind, Slug, Title, Visibility, Status, InReadme, Position, BodyMarkdown, BodyHtml, RevisionNumber, CreatedAt, UpdatedAt)
            VALUES ('Meeting', 'old-meeting', 'Old meeting', 'Team', 'Active', 0, 0, '', '', 1, 0, 0);
            INSERT INTO ActionItems (EntryId, Position, Text, OwnerMemberId, OwnerId, Done) VALUES
                (1, 0, 'Both', 1, 1, 0), (1, 1, 'Shadow only', NULL, 2, 0), (1, 2, 'Nobody', NULL, NULL, 0);
            """);

        await db.Database.MigrateAsync();

        Assert.Equal(["Both|1", "Shadow only|2", "Nobody|"], await OwnersAsync(db, "SELECT Text || '|' || coalesce(OwnerMemberId, '') AS Value FROM ActionItems ORDER BY Position"));
        Assert.DoesNotContain("OwnerId", await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM pragma_table_info('ActionItems')").ToListAsync());
        Assert.Equal(["OwnerMemberId"], await db.Database.SqlQueryRaw<string>(
            "SELECT \"from\" AS Value FROM pragma_foreign_key_list('ActionItems') WHERE \"table\" = 'Members'").ToListAsync());

        await db.GetService<IMigrator>().MigrateAsync(before);

        Assert.Equal(["Both|1", "Shadow only|2", "Nobody|"], await OwnersAsync(db, "SELECT Text || '|' || coalesce(OwnerId, '') AS Value FROM ActionItems ORDER BY Position"));
    });

    private static Task<List<string>> OwnersAsync(DbContext db, string sql) => db.Database.SqlQueryRaw<string>(sql).ToListAsync();
}
