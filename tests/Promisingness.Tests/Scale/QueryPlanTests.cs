using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Scale;

/// <summary>
/// An entry's page, and a save, cost about the same on 30 entries and on 100,000: none of the statements behind
/// them walks a table that grows with the wiki's content. Read from SQLite's own plans of the statements they ran
/// (bench/statements.sh times the ones this found).
/// </summary>
public sealed partial class QueryPlanTests : IDisposable
{
    // The tables that grow with what is written; the small ones (programs, settings, the team's members and
    // accounts) may be read whole.
    private static readonly string[] GrowingTables =
    [
        "Entries", "Revisions", "EntryLinks", "EntryTags", "SlugRedirects", "QuestionTopics", "WeeklySummaries", "TopicOutputs",
        "TopicResearchers", "Meetings", "MeetingAttendees", "ActionItems", "Credences", "CommentThreads", "Comments", "ReviewSteps",
        "Activities", "Notifications", "Watches",
    ];

    private readonly StatementRecorder recorder = new();
    private readonly WikiApp app;

    public QueryPlanTests()
    {
        app = new WikiApp(services: s => s.ConfigureDbContext<SqliteWikiDbContext>(o => o.AddInterceptors(recorder)));
    }

    public void Dispose() => app.Dispose();

    [SqliteFact]
    public async Task AnEntrysPages_ForEachReader_WalkNoGrowingTable()
    {
        int topicId, mentorMemberId;
        using (var db = app.CreateDbContext())
        {
            topicId = (await db.Entries.SingleAsync(e => e.Slug == "theoretical-chain-of-thought")).Id;
            mentorMemberId = (await db.Members.SingleAsync(m => m.Slug == "bogdan-ionut-cirstea")).Id;
        }
        var mentor = await Members.AddAsync(app, "bogdan@test.local", Roles.Mentor, memberId: mentorMemberId);
        var editor = app.Get<EntryEditor>();
        var question = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.Question,
            new EntryInput("Does it scale?", "See [[Theoretical Chain-of-Thought]].", Visibility.Public, null, LinkedTopicIds: [topicId])));
        var page = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.Page,
            new EntryInput("Reading notes", "About [[Theoretical Chain-of-Thought]].", Visibility.Public, null)));
        var renamed = Assert.IsType<SaveResult.Saved>(await editor.SaveAsync(mentor, page.EntryId, 1,
            new EntryInput("Reading notes, renamed", "About [[Theoretical Chain-of-Thought]].", Visibility.Public, null)));
        var meeting = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.Meeting,
            new EntryInput("Weekly call", "Notes.", Visibility.Team, null, Meeting: new MeetingInput(new DateOnly(2026, 11, 26), [mentorMemberId], "Plans", "",
                [new ActionItemInput("Read it", mentorMemberId, null, false)]))));
        var summary = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.WeeklySummary,
            new EntryInput("", "What I read.", Visibility.Team, null, Summary: new SummaryInput("2026-W48", topicId, mentorMemberId))));
        await Members.AddAsync(app, "researcher@test.local", Roles.Researcher, Members.Aisc);
        var readers = new[] { Members.Client(app), await Members.SignInAsync(app, "researcher@test.local"), await Members.SignInAsync(app, "bogdan@test.local") };
        recorder.Clear();

        foreach (var reader in readers)
        {
            var team = reader == readers[0] ? HttpStatusCode.NotFound : HttpStatusCode.OK;
            foreach (var (path, status) in new[]
            {
                ($"/meetings/{meeting.Slug}", team), ($"/summaries/{summary.Slug}", team),
                ("/topics/theoretical-chain-of-thought", HttpStatusCode.OK), ($"/questions/{question.Slug}", HttpStatusCode.OK),
                ($"/pages/{renamed.Slug}", HttpStatusCode.OK), ($"/pages/{page.Slug}", HttpStatusCode.MovedPermanently),
                ("/pages/no-such-page", HttpStatusCode.NotFound), ("/team/bogdan-ionut-cirstea", HttpStatusCode.OK),
            })
            {
                using var response = await reader.GetAsync(path);
                Assert.True(response.StatusCode == status, $"{path}: {response.StatusCode}");
            }
        }

        // The old slug and the missing page were looked up.
        Assert.Contains(recorder.Statements, s => s.Contains("\"SlugRedirects\""));
        AssertWalkNoGrowingTable();
    }

    [SqliteFact]
    public async Task SavingEntries_WalksNoGrowingTable()
    {
        var mentor = await Members.AddAsync(app, "mentor@test.local", Roles.Mentor);
        var editor = app.Get<EntryEditor>();
        recorder.Clear();

        var waiting = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.Page,
            new EntryInput("Plans", "Next: [[Open problems]], then [[Goal]].", Visibility.Public, null, Tags: ["plans"])));
        var awaited = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.Page,
            new EntryInput("Open problems", "A list.", Visibility.Team, null)));
        Assert.IsType<SaveResult.Saved>(await editor.SaveAsync(mentor, awaited.EntryId, 1,
            new EntryInput("Open problems, renamed", "A longer list.", Visibility.Public, null)));
        Assert.IsType<SaveResult.Saved>(await editor.SaveAsync(mentor, waiting.EntryId, 1,
            new EntryInput("Plans", "Next: [[Open problems, renamed]].", Visibility.Public, null, Tags: ["plans", "next"])));

        // The slugs a title could take, and the entries waiting for a new one, were looked up.
        Assert.Contains(recorder.Statements, s => s.Contains("\"SlugRedirects\""));
        Assert.Contains(recorder.Statements, s => s.Contains("\"ToSlug\" = @slug"));
        AssertWalkNoGrowingTable();
    }

    private void AssertWalkNoGrowingTable()
    {
        var statements = recorder.Statements.Distinct().ToList();
        var walks = statements.SelectMany(s => Walks(s).Select(w => $"{w}\n    in: {s}")).ToList();
        Assert.True(walks.Count == 0, "Statements that walk a growing table:\n" + string.Join("\n", walks));
    }

    /// <summary>
    /// The growing tables a statement's plan reads whole (SQLite's "SCAN", as opposed to "SEARCH" by an index), and
    /// the reads of every entry of a kind (an index search by the kind alone).
    /// </summary>
    private IEnumerable<string> Walks(string sql)
    {
        using var connection = new SqliteConnection($"DataSource={app.DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in Parameter().Matches(sql).Select(m => m.Value).Distinct())
        {
            command.Parameters.AddWithValue(name, DBNull.Value);
        }
        var aliases = Alias().Matches(sql).Where(m => GrowingTables.Contains(m.Groups[1].Value)).ToLookup(m => m.Groups[2].Value, m => m.Groups[1].Value);
        using var reader = command.ExecuteReader();
        var walks = new List<string>();
        while (reader.Read())
        {
            var detail = reader.GetString(3);
            var scanned = ScannedName().Match(detail);
            // The largest or smallest of a kind's index is one row: SQLite's min/max optimisation.
            if ((scanned.Success && (GrowingTables.Contains(scanned.Groups[1].Value) || aliases.Contains(scanned.Groups[1].Value)))
                || (AllOfAKind().IsMatch(detail) && !MinOrMax().IsMatch(sql)))
            {
                walks.Add(detail);
            }
        }
        return walks;
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();

    [GeneratedRegex("\"(\\w+)\" AS \"(\\w+)\"")]
    private static partial Regex Alias();

    [GeneratedRegex(@"^SCAN (\w+)")]
    private static partial Regex ScannedName();

    [GeneratedRegex(@"^SELECT M(AX|IN)\(""\w+"".""\w+""\)\s+FROM ""Entries"" AS ""\w+""\s+WHERE ""\w+"".""Kind"" = @\w+$")]
    private static partial Regex MinOrMax();

    [GeneratedRegex(@"^SEARCH \w+ USING (COVERING )?INDEX IX_Entries_Kind\w* \(Kind=\?\)$")]
    private static partial Regex AllOfAKind();

    /// <summary>The text of every query the app runs.</summary>
    private sealed class StatementRecorder : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> statements = new();

        public IEnumerable<string> Statements => statements;

        public void Clear() => statements.Clear();

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        private void Record(DbCommand command)
        {
            if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                statements.Enqueue(command.CommandText);
            }
        }
    }
}
