using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;

namespace Promisingness.Tests.Meetings;

/// <summary>Meetings are members only; one made Public before that rule goes back to the team, and nothing else moves.</summary>
public sealed class MeetingsStayWithTheTeamMigrationTests : MentorAppTest
{
    [SqliteFact]
    public Task Migration_TakesPublicMeetingsBackToTheTeam_AndLeavesOtherEntriesAlone() => SqliteMigrationFile.RunAsync(App, "MeetingsStayWithTheTeam", async (db, _) =>
    {
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Entries (Kind, Slug, Title, Visibility, Status, InReadme, Position, BodyMarkdown, BodyHtml, RevisionNumber, CreatedAt, UpdatedAt) VALUES
                ('Meeting', 'open-meeting', 'Open meeting', 'Public', 'Active', 0, 0, '', '', 1, 0, 0),
                ('Meeting', 'draft-meeting', 'Draft meeting', 'Draft', 'Active', 0, 1, '', '', 1, 0, 0),
                ('Page', 'open-page', 'Open page', 'Public', 'Active', 0, 0, '', '', 1, 0, 0);
            """);

        await db.Database.MigrateAsync();

        Assert.Equal(["draft-meeting|Draft", "open-meeting|Team", "open-page|Public"], await db.Database.SqlQueryRaw<string>(
            "SELECT Slug || '|' || Visibility AS Value FROM Entries ORDER BY Slug").ToListAsync());
    });
}
