using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Search;
using Promisingness.Web.Security;
using Promisingness.Web.Setup;
using SearchBench;

// dotnet run -c Release --project bench/search -- [--entries 100000] [--runs 30] [--db PATH] [--fresh] [--max-p95-ms N] [--per-query]
var options = BenchOptions.Parse(args);
if (options.Fresh)
{
    foreach (var suffix in new[] { "", "-wal", "-shm" })
    {
        File.Delete(options.Database + suffix);
    }
}
Console.WriteLine($"Search benchmark: {options.Entries:N0} entries of ~{options.BodyLength / 1000} kB, {options.Runs} runs per query, database {options.Database}");

var builder = WebApplication.CreateBuilder([]);
builder.Configuration.AddInMemoryCollection([
    new("ConnectionStrings:Wiki", $"DataSource={options.Database}"),
    new("Logging:LogLevel:Default", "Warning"),
    new("Seed:Skip", "true"),
    new("Admin:Email", "admin@bench.local"),
    new("Admin:Password", "bench admin passphrase"),
]);
builder.AddWikiServices();
await using var app = builder.Build();
await DatabaseSetup.MigrateAsync(app.Services);
await app.Services.GetRequiredService<FirstRun>().EnsureAsync(TextWriter.Null);

var readers = await Readers.CreateAsync(app.Services);
await using (var connection = new SqliteConnection($"DataSource={options.Database}"))
{
    await connection.OpenAsync();
    var existing = Convert.ToInt32(await Scalar(connection, "SELECT count(*) FROM Entries"), CultureInfo.InvariantCulture);
    if (existing != options.Entries)
    {
        var watch = Stopwatch.StartNew();
        await Load(connection, options, readers.ResearcherId);
        Console.WriteLine($"Built {options.Entries:N0} entries through the migrations' triggers in {watch.Elapsed.TotalSeconds:F0} s; file {new FileInfo(options.Database).Length / 1_000_000:N0} MB");
    }
}

var queries = await BenchQueries.PickAsync(options.Database, options.Entries);
var search = app.Services.GetRequiredService<SearchService>();
List<Case> cases =
[
    .. from kind in queries.Classes
       from reader in readers.All
       from text in kind.Texts
       select new Case(kind.Name, reader.Name, text, kind.TargetP95, () => search.SearchAsync(new SearchRequest(text), reader.Reader)),
    .. queries.Prefixes.Select(prefix => new Case("title suggestions", "researcher", prefix, double.NaN, () => search.SuggestAsync(prefix, readers.Researcher))),
];
foreach (var each in cases)
{
    await each.Run(); // warm: EF compiles each query shape once
}
// Rounds go through every case in turn, so that a burst of load from other processes on the shared
// machine spreads over all of them rather than landing on one. CPU time is the process's own work,
// which waiting for a core does not inflate.
var samples = cases.ToDictionary(c => c, _ => new List<double>());
var cpu = cases.ToDictionary(c => c, _ => TimeSpan.Zero);
for (var run = 0; run < options.Runs; run++)
{
    foreach (var each in cases)
    {
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        await each.Run();
        samples[each].Add(watch.Elapsed.TotalMilliseconds);
        cpu[each] += Environment.CpuUsage.TotalTime - cpuBefore;
    }
}

var rows = new List<string>();
var failures = new List<string>();
foreach (var group in cases.GroupBy(c => (c.Class, c.Reader)))
{
    var all = group.SelectMany(c => samples[c]).Order().ToList();
    var p50 = Percentile(all, 0.50);
    var p95 = Percentile(all, 0.95);
    var cpuPerQuery = group.Sum(c => cpu[c].TotalMilliseconds) / all.Count;
    // Suggestions have no target of their own: they are reported, not judged.
    var limit = double.IsNaN(group.First().TargetP95) ? double.NaN : options.MaxP95 ?? group.First().TargetP95;
    var met = double.IsNaN(limit) ? "–" : p95 <= limit ? "yes" : "**no**";
    rows.Add($"| {group.Key.Class} | {group.Key.Reader} | {group.Count()} | {p50:F1} | {p95:F1} | {all[^1]:F1} | {cpuPerQuery:F1} | {(double.IsNaN(limit) ? "–" : limit)} | {met} |");
    if (p95 > limit)
    {
        failures.Add($"{group.Key.Class} as {group.Key.Reader}: p95 {p95:F1} ms > {limit} ms");
    }
    if (options.PerQuery)
    {
        foreach (var each in group)
        {
            var own = samples[each].Order().ToList();
            Console.WriteLine($"  {each.Class} / {each.Reader} / `{each.Text}`: p50 {Percentile(own, .5):F1} ms, max {own[^1]:F1} ms, CPU {cpu[each].TotalMilliseconds / own.Count:F1} ms");
        }
    }
}

Console.WriteLine();
Console.WriteLine($"Load average while measuring: {LoadAverage()} (2 cores are shared with other work)");
Console.WriteLine();
Console.WriteLine("| query class | reader | queries | p50 ms | p95 ms | max ms | CPU ms/query | target p95 ms | met |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---|");
rows.ForEach(Console.WriteLine);
Console.WriteLine();
foreach (var (name, texts, _) in queries.Classes)
{
    Console.WriteLine($"- {name}: {string.Join(", ", texts.Select(t => $"`{t}`"))}");
}
Console.WriteLine($"- title suggestions: {string.Join(", ", queries.Prefixes.Select(p => $"`{p}`"))}");
if (failures.Count > 0)
{
    Console.Error.WriteLine("Targets missed: " + string.Join("; ", failures));
    return 1;
}
return 0;

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

static async Task<object?> Scalar(SqliteConnection connection, string sql)
{
    await using var command = connection.CreateCommand();
    command.CommandText = sql;
    return await command.ExecuteScalarAsync();
}

// Straight into the tables in large transactions: the migrations' triggers fill the index as any writer's would.
static async Task Load(SqliteConnection connection, BenchOptions options, string researcherId)
{
    await using (var pragma = connection.CreateCommand())
    {
        // Only for the bulk load: the wiki itself runs with synchronous=FULL.
        pragma.CommandText = "PRAGMA synchronous = OFF; DELETE FROM Revisions; DELETE FROM Entries;";
        await pragma.ExecuteNonQueryAsync();
    }
    var text = new SyntheticText(options.Vocabulary, seed: 20261126);
    var now = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow)!;
    string[] kinds = ["Topic", "Page", "Question", "Meeting", "WeeklySummary"];
    const int Batch = 2000;
    for (var start = 0; start < options.Entries; start += Batch)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var entry = connection.CreateCommand();
        entry.CommandText = """
            INSERT INTO Entries (Kind, Slug, Title, ProgramId, Visibility, Status, InReadme, Position, BodyMarkdown, BodyHtml, RevisionNumber, CreatedAt, UpdatedAt)
            VALUES ($kind, $slug, $title, $program, $visibility, $status, 0, $position, $body, '', 1, $now, $now) RETURNING Id;
            """;
        await using var revision = connection.CreateCommand();
        revision.CommandText = """
            INSERT INTO Revisions (EntryId, Number, Title, Slug, Visibility, Status, BodyMarkdown, BodyHtml, FieldsJson, AuthorName, AuthorUserId, CreatedAt, EditNote)
            VALUES ($entry, 1, $title, $slug, $visibility, 'Active', '', '', '{}', 'Bench', $author, $now, 'Created');
            """;
        for (var i = start; i < Math.Min(options.Entries, start + Batch); i++)
        {
            // 90% public, 7% team, 3% drafts; a tenth of the drafts are the researcher's own.
            var roll = text.Next(100);
            var visibility = roll < 90 ? "Public" : roll < 97 ? "Team" : "Draft";
            var title = text.Title(i + 1);
            entry.Parameters.Clear();
            entry.Parameters.AddWithValue("$kind", kinds[i % kinds.Length]);
            entry.Parameters.AddWithValue("$slug", $"entry-{i + 1}");
            entry.Parameters.AddWithValue("$title", title);
            entry.Parameters.AddWithValue("$program", text.Next(4) is var p && p == 0 ? DBNull.Value : p);
            entry.Parameters.AddWithValue("$visibility", visibility);
            entry.Parameters.AddWithValue("$status", text.Next(20) == 0 ? "RemovedFromReadme" : "Active");
            entry.Parameters.AddWithValue("$position", i);
            entry.Parameters.AddWithValue("$body", text.Body(options.BodyLength - 500 + text.Next(1000)));
            entry.Parameters.AddWithValue("$now", now);
            var id = Convert.ToInt64(await entry.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            revision.Parameters.Clear();
            revision.Parameters.AddWithValue("$entry", id);
            revision.Parameters.AddWithValue("$title", title);
            revision.Parameters.AddWithValue("$slug", $"entry-{i + 1}");
            revision.Parameters.AddWithValue("$visibility", visibility);
            revision.Parameters.AddWithValue("$author", visibility == "Draft" && text.Next(10) == 0 ? researcherId : DBNull.Value);
            revision.Parameters.AddWithValue("$now", now);
            await revision.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        if ((start / Batch) % 10 == 9)
        {
            Console.WriteLine($"  {start + Batch:N0} entries");
        }
    }
    await LoadDiscussions(connection, options, now);
    await using var optimize = connection.CreateCommand();
    // What a long-running wiki's index converges to after automerge; also gives repeatable numbers.
    optimize.CommandText = "INSERT INTO EntrySearch(EntrySearch) VALUES ('optimize'); INSERT INTO CommentSearch(CommentSearch) VALUES ('optimize'); ANALYZE;";
    await optimize.ExecuteNonQueryAsync();
}

// A discussion on one entry in three: 1–5 comments of 200–800 characters each, one in twenty deleted (its
// text cleared, as the app does). Their own random stream, so that the entries and the picked queries stay
// the same as before comments existed.
static async Task LoadDiscussions(SqliteConnection connection, BenchOptions options, long now)
{
    var text = new SyntheticText(options.Vocabulary, seed: 20261127);
    var comments = 0;
    await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
    await using var thread = connection.CreateCommand();
    thread.CommandText = """
        INSERT INTO CommentThreads (EntryId, RevisionNumber, OpenedByUserId, OpenedByName, CreatedAt)
        SELECT Id, 1, 'bench', 'Bench', $now FROM Entries WHERE Id % 3 = 0 ORDER BY Id RETURNING Id;
        """;
    thread.Parameters.AddWithValue("$now", now);
    var threads = new List<long>();
    await using (var reader = await thread.ExecuteReaderAsync())
    {
        while (await reader.ReadAsync())
        {
            threads.Add(reader.GetInt64(0));
        }
    }
    await using var comment = connection.CreateCommand();
    comment.CommandText = """
        INSERT INTO Comments (ThreadId, AuthorUserId, AuthorName, BodyMarkdown, BodyHtml, CreatedAt, DeletedAt)
        VALUES ($thread, 'bench', 'Bench', $body, '', $now, $deleted);
        """;
    foreach (var id in threads)
    {
        for (var n = 1 + text.Next(5); n > 0; n--)
        {
            var deleted = text.Next(20) == 0;
            var body = text.Body(200 + text.Next(600));
            comment.Parameters.Clear();
            comment.Parameters.AddWithValue("$thread", id);
            comment.Parameters.AddWithValue("$body", deleted ? "" : body);
            comment.Parameters.AddWithValue("$now", now);
            comment.Parameters.AddWithValue("$deleted", deleted ? now : DBNull.Value);
            await comment.ExecuteNonQueryAsync();
            comments++;
        }
    }
    await transaction.CommitAsync();
    Console.WriteLine($"  {comments:N0} comments in {threads.Count:N0} discussions");
}

internal sealed record Case(string Class, string Reader, string Text, double TargetP95, Func<Task> Run);

internal sealed record BenchOptions(int Entries, int Runs, string Database, int BodyLength, int Vocabulary, double? MaxP95, bool PerQuery, bool Fresh)
{
    public static BenchOptions Parse(string[] args)
    {
        var entries = 100_000;
        var runs = 30;
        string? database = null;
        double? maxP95 = null;
        var perQuery = args.Contains("--per-query");
        var fresh = args.Contains("--fresh");
        args = [.. args.Where(a => a is not "--per-query" and not "--fresh")];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--entries": entries = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--db": database = Path.GetFullPath(args[i + 1]); break;
                case "--max-p95-ms": maxP95 = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option {args[i]}");
            }
        }
        database ??= Path.Combine(Path.GetTempPath(), $"promisingness-search-bench-{entries}.db");
        // The tail grows with the wiki so that rare words stay rare: about 5 entries' worth of words per made-up word.
        return new BenchOptions(entries, runs, database, 5000, Math.Max(20_000, entries * 5), maxP95, perQuery, fresh);
    }
}

internal sealed record Readers(string ResearcherId, WikiUser Researcher, WikiUser Mentor)
{
    public IEnumerable<(string Name, WikiUser? Reader)> All => [("anonymous", null), ("researcher", Researcher), ("mentor", Mentor)];

    public static async Task<Readers> CreateAsync(IServiceProvider services)
    {
        var admin = services.GetRequiredService<UserAdministration>();
        var users = services.GetRequiredService<WikiUsers>();
        var existing = await admin.ListAsync();
        async Task<string> Ensure(string email, string role, int? program) =>
            existing.FirstOrDefault(u => u.Email == email)?.Id
            ?? (await admin.AddUserAsync(UserAdministration.CommandLine.Id, email, email.Split('@')[0], role, program, null, "bench passphrase 123")).Id;
        var researcher = await Ensure("researcher@bench.local", Roles.Researcher, 2);
        var mentor = await Ensure("mentor@bench.local", Roles.Mentor, null);
        return new Readers(researcher, (await users.LoadAsync(researcher))!, (await users.LoadAsync(mentor))!);
    }
}
