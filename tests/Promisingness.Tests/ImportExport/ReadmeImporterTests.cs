using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Web.Data;
using Promisingness.Web.Features.ImportExport;
using Promisingness.Web.Features.ImportExport.Readme;

namespace Promisingness.Tests.ImportExport;

/// <summary>The importer against the real app and a real SQLite file, starting from an empty wiki.</summary>
public sealed class ReadmeImporterTests : IDisposable
{
    private static readonly DateTimeOffset SeedDate = new(2024, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly WikiApp app = new(seed: false);
    private readonly string seed = File.ReadAllText(WikiApp.TestData("seed-README.md"));

    public void Dispose() => app.Dispose();

    private Task<ImportResult> ImportAsync(string text, string? author = null, DateTimeOffset? at = null) =>
        app.Get<ReadmeImporter>().ImportAsync(text, author, at ?? SeedDate);

    [Fact]
    public async Task Import_Seed_Creates16PeopleInTheirPrograms()
    {
        await ImportAsync(seed);

        using var db = app.CreateDbContext();
        var members = await db.Members.Include(m => m.Program).ToListAsync();
        Assert.Equal(16, members.Count);
        var mentor = Assert.Single(members, m => m.Role == MemberRole.Mentor);
        Assert.Equal("Bogdan Ionut Cirstea", mentor.Name);
        Assert.Null(mentor.Program);
        Assert.Equal(8, members.Count(m => m.Program?.Code == "AISC"));
        Assert.Equal(3, members.Count(m => m.Program?.Code == "MARS"));
        Assert.Equal(4, members.Count(m => m.Program?.Code == "SPAR"));
        Assert.All(members, m => Assert.True(m.InReadme));
    }

    [Fact]
    public async Task Import_Seed_CreditsANameWrittenDifferentlyToTheSamePerson()
    {
        await ImportAsync(seed);

        using var db = app.CreateDbContext();
        var sae = await db.Entries.Include(e => e.Researchers).ThenInclude(r => r.Member).SingleAsync(e => e.Slug == "sparse-autoencoders-saes");
        var credit = Assert.Single(sae.Researchers);
        Assert.Equal("Nguyen Nhat Minh", credit.CreditedAs);
        Assert.Equal("Minh Nguyen", credit.Member!.Name);
        Assert.Equal("minh-nguyen", credit.Member.Slug);
    }

    [Fact]
    public async Task Import_Seed_Creates6TopicsWithTheirResearchersAndOutputs()
    {
        await ImportAsync(seed);

        using var db = app.CreateDbContext();
        var topics = await db.Entries.Where(e => e.Kind == EntryKind.Topic)
            .Include(e => e.Researchers).ThenInclude(r => r.Member)
            .Include(e => e.Outputs)
            .OrderBy(e => e.Position).ToListAsync();
        Assert.Equal(
            ["weak-to-strong-generalization", "in-context-learning", "sparse-autoencoders-saes", "theoretical-chain-of-thought",
             "automated-alignment-considerations-from-a-governance-perspective",
             "a-proposed-compute-based-method-for-predicting-the-future-feasibility-of-the"],
            topics.Select(t => t.Slug));

        var w2s = topics[0];
        Assert.Equal(["severin-field", "vassil-tashev"], w2s.Researchers.OrderBy(r => r.Position).Select(r => r.Member!.Slug));
        Assert.Equal(2, w2s.Outputs.Count);
        Assert.All(w2s.Outputs, o => Assert.Equal(OutputStatus.Published, o.Status));
        Assert.All(w2s.Outputs, o => Assert.Equal("Summary:", o.SummaryHeading));
        Assert.Contains("OpenAI", w2s.Outputs.Single(o => o.Position == 0).SummaryHtml);

        Assert.Equal(OutputStatus.Draft, Assert.Single(topics[2].Outputs).Status);
        Assert.Equal(OutputStatus.ComingSoon, Assert.Single(topics[3].Outputs).Status);
        Assert.Empty(topics[4].Outputs);
        Assert.StartsWith("#### Summary", topics[4].BodyMarkdown);
        Assert.Contains("<h", topics[4].BodyHtml);
    }

    [Fact]
    public async Task Import_Seed_CreatesSevenQuestionsAndTheBackgroundAndGoalPages()
    {
        await ImportAsync(seed);

        using var db = app.CreateDbContext();
        var questions = await db.Entries.Where(e => e.Kind == EntryKind.Question).OrderBy(e => e.Position).ToListAsync();
        Assert.Equal(7, questions.Count);
        Assert.Equal("How safe can ~human-level automated alignment researchers be made?", questions[0].Title);
        Assert.All(questions, q => Assert.InRange(q.Title.Length, 10, Entry.TitleMaxLength));

        var pages = await db.Entries.Where(e => e.Kind == EntryKind.Page).OrderBy(e => e.Position).ToListAsync();
        Assert.Equal(["home", "background", "goal"], pages.Select(p => p.Slug));
        Assert.Equal("Goal", pages[2].Title);
        Assert.Equal("Goal:", pages[2].ReadmeHeading);
        Assert.Contains("superalignment", pages[1].BodyHtml);
    }

    [Fact]
    public async Task Import_Seed_GivesEveryEntryOneRevisionByTheImportAuthor()
    {
        await ImportAsync(seed, author: "Bogdan");

        using var db = app.CreateDbContext();
        var entries = await db.Entries.Include(e => e.Revisions).ToListAsync();
        Assert.Equal(16, entries.Count); // home, Background, Goal, 7 questions, 6 topics
        Assert.All(entries, e =>
        {
            var revision = Assert.Single(e.Revisions);
            Assert.Equal(1, revision.Number);
            Assert.Equal("Bogdan", revision.AuthorName);
            Assert.Equal(SeedDate, revision.CreatedAt);
            Assert.Equal(e.BodyMarkdown, revision.BodyMarkdown);
        });
    }

    [Fact]
    public async Task Import_SameReadmeTwice_ChangesNothing()
    {
        await ImportAsync(seed);
        var before = await CountsAsync();

        var again = await ImportAsync(seed, at: SeedDate.AddDays(1));

        Assert.False(again.ChangedAnything);
        Assert.Equal(16, again.Unchanged);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Import_LaterReadme_AppendsExactlyTheRevisionsAPersonWouldHaveMade()
    {
        await ImportAsync(seed);
        var later = File.ReadAllText(WikiApp.TestData("later-README.md"));
        var when = new DateTimeOffset(2024, 6, 3, 9, 30, 0, TimeSpan.Zero);

        var result = await app.Get<ReadmeImporter>().ImportAsync(later, "Bogdan", when, "June update");

        Assert.Equal((1, 3, 0, 1), (result.Created, result.Updated, result.Removed, result.MembersAdded));
        using var db = app.CreateDbContext();
        var newRevisions = await db.Revisions.Include(r => r.Entry).Where(r => r.Number > 1 || r.Entry!.Slug == "automated-interpretability-agents").ToListAsync();
        Assert.Equal(
            ["automated-interpretability-agents#1", "in-context-learning#2", "theoretical-chain-of-thought#2", "weak-to-strong-generalization#2"],
            newRevisions.Select(r => $"{r.Entry!.Slug}#{r.Number}").Order());
        Assert.All(newRevisions, r =>
        {
            Assert.Equal("Bogdan", r.AuthorName);
            Assert.Equal(when, r.CreatedAt);
            Assert.Equal("June update", r.EditNote);
        });
        Assert.Equal(16 + 4, await db.Revisions.CountAsync());

        var priya = await db.Members.Include(m => m.Program).SingleAsync(m => m.Name == "Priya Raman");
        Assert.Equal("MARS", priya.Program!.Code);
        var agents = await db.Entries.Include(e => e.Researchers).ThenInclude(r => r.Member).SingleAsync(e => e.Slug == "automated-interpretability-agents");
        Assert.Equal(["priya-raman", "tim-chan"], agents.Researchers.OrderBy(r => r.Position).Select(r => r.Member!.Slug));

        // The "coming soon" link replaced by the real post is the same output, now published.
        var chain = await db.Entries.Include(e => e.Outputs).SingleAsync(e => e.Slug == "theoretical-chain-of-thought");
        var output = Assert.Single(chain.Outputs);
        Assert.Equal(OutputStatus.Published, output.Status);
        Assert.StartsWith("https://www.lesswrong.com/", output.Url);

        var again = await app.Get<ReadmeImporter>().ImportAsync(later, "Bogdan", when.AddDays(1));
        Assert.False(again.ChangedAnything);
    }

    [Fact]
    public async Task Export_AfterImport_RendersToTheSameHtmlAsTheImportedReadme()
    {
        await ImportAsync(seed);

        var exported = await app.Get<ReadmeExporter>().ExportAsync();

        var markdown = app.Get<Promisingness.Web.Markdown.MarkdownRenderer>();
        Assert.Equal(ReadmeTestData.NormalizeHtml(markdown.ToSafeHtml(seed)), ReadmeTestData.NormalizeHtml(markdown.ToSafeHtml(exported)));
    }

    [Fact]
    public async Task Export_LaterReadmeImportedOverTheSeed_RendersToTheSameHtmlAsTheLaterReadme()
    {
        await ImportAsync(seed);
        var later = File.ReadAllText(WikiApp.TestData("later-README.md"));
        await ImportAsync(later, at: SeedDate.AddDays(30));

        var exported = await app.Get<ReadmeExporter>().ExportAsync();

        var markdown = app.Get<Promisingness.Web.Markdown.MarkdownRenderer>();
        Assert.Equal(ReadmeTestData.NormalizeHtml(markdown.ToSafeHtml(later)), ReadmeTestData.NormalizeHtml(markdown.ToSafeHtml(exported)));
    }

    [Fact]
    public async Task Export_LeavesOutWhatIsNotPublicOrWasRemoved()
    {
        await ImportAsync(seed);
        using (var db = app.CreateDbContext())
        {
            await db.Entries.Where(e => e.Slug == "in-context-learning").ExecuteUpdateAsync(s => s.SetProperty(e => e.Visibility, Visibility.Team));
        }

        var exported = await app.Get<ReadmeExporter>().ExportAsync();

        Assert.DoesNotContain("In-context Learning", exported);
        Assert.Contains("## Weak to Strong Generalization", exported);
    }

    [Fact]
    public async Task Import_RenamedTopicHeading_KeepsTheTopicAndRedirectsItsOldSlug()
    {
        await ImportAsync(seed);
        int id;
        using (var db = app.CreateDbContext())
        {
            id = (await db.Entries.SingleAsync(e => e.Slug == "in-context-learning")).Id;
        }

        var result = await ImportAsync(seed.Replace("## In-context Learning", "## In-Context Learning Hypotheses"), at: SeedDate.AddDays(7));

        Assert.Equal(1, result.Updated);
        Assert.Equal(0, result.Created);
        using var after = app.CreateDbContext();
        var topic = await after.Entries.Include(e => e.Revisions).SingleAsync(e => e.Id == id);
        Assert.Equal("In-Context Learning Hypotheses", topic.Title);
        Assert.Equal("in-context-learning-hypotheses", topic.Slug);
        Assert.Equal([1, 2], topic.Revisions.Select(r => r.Number).Order());
        Assert.Equal(id, (await after.SlugRedirects.SingleAsync(r => r.Slug == "in-context-learning")).EntryId);
    }

    [Fact]
    public async Task Import_TopicGoneFromTheReadme_KeepsItMarkedRemoved()
    {
        await ImportAsync(seed);
        var governance = seed.IndexOf("## Automated Alignment considerations", StringComparison.Ordinal);
        var linear = seed.IndexOf("## A proposed compute-based method", StringComparison.Ordinal);
        var without = seed[..governance] + seed[linear..];

        var result = await ImportAsync(without, at: SeedDate.AddDays(7));

        Assert.Equal(1, result.Removed);
        using var db = app.CreateDbContext();
        var topic = await db.Entries.Include(e => e.Revisions).SingleAsync(e => e.Slug == "automated-alignment-considerations-from-a-governance-perspective");
        Assert.Equal(EntryStatus.RemovedFromReadme, topic.Status);
        Assert.Equal(2, topic.Revisions.Count);
        Assert.Contains("#### Summary", topic.BodyMarkdown);
    }

    [Fact]
    public async Task Import_ReadmeWithAnUnsafeLink_IsRefusedWholeAndChangesNothing()
    {
        await ImportAsync(seed);
        var before = await CountsAsync();
        var broken = seed.Replace("## Theoretical Chain of Thought", "## Theoretical Chain of Thought\n[x](javascript:alert(1))");

        await Assert.ThrowsAsync<ReadmeFormatException>(() => ImportAsync(broken));

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Import_EmptyDatabase_BinaryFile_LeavesItEmpty()
    {
        await Assert.ThrowsAsync<ReadmeFormatException>(() => ImportAsync("PK\u0003\u0004\0\0"));

        Assert.Equal((0, 0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task Import_TitleAndOneLine_IsTheHomePageWithNoPeople()
    {
        await ImportAsync("# Automating alignment\nA first line.\n");

        using var db = app.CreateDbContext();
        var home = await db.Entries.SingleAsync();
        Assert.Equal(Entry.HomeSlug, home.Slug);
        Assert.Equal("Automating alignment", home.Title);
        Assert.Equal("A first line.", home.BodyMarkdown);
        Assert.Equal(0, await db.Members.CountAsync());
        Assert.Equal("# Automating alignment\nA first line.\n", await app.Get<ReadmeExporter>().ExportAsync());
    }

    [Fact]
    public async Task Import_FenceLeftOpenAtTheEnd_ExportsClosed()
    {
        var open = seed + "\n```\nleft open\n## not a heading\n";

        await ImportAsync(open);

        var exported = await app.Get<ReadmeExporter>().ExportAsync();
        Assert.EndsWith("```\nleft open\n## not a heading\n```\n", exported);
        Assert.Equal(ReadmeHtml.Normalize(ReadmeHtml.Render(open)), ReadmeHtml.Normalize(ReadmeHtml.Render(exported)));
    }

    [Fact]
    public async Task Export_TeamListedInAnotherOrderThanTheWikisPrograms_KeepsTheReadmesOrder()
    {
        var reordered = "# T\n\n## Team Members\n```\nSPAR: Joyee Chen; \\\nMARS: Tim Chan; \\\nMentor: Bogdan Ionut Cirstea.\n```\n";
        await ImportAsync(reordered);

        var exported = await app.Get<ReadmeExporter>().ExportAsync();

        Assert.Equal(reordered, exported);
    }

    [Fact]
    public async Task Export_LineUnderResearchedBy_StaysInItsParagraph()
    {
        var edited = seed.Replace("Researched by Marcel Mir\n", "Researched by Marcel Mir\n(Lesswrong post coming soon)\n");
        await ImportAsync(seed);
        await ImportAsync(edited, at: SeedDate.AddDays(1));

        var exported = await app.Get<ReadmeExporter>().ExportAsync();

        Assert.Contains("Researched by Marcel Mir\n(Lesswrong post coming soon)\n", exported);
        Assert.Equal(ReadmeHtml.Normalize(ReadmeHtml.Render(edited)), ReadmeHtml.Normalize(ReadmeHtml.Render(exported)));
        var again = await ImportAsync(exported, at: SeedDate.AddDays(2));
        Assert.False(again.ChangedAnything);
    }

    private async Task<(int Entries, int Revisions, int Members, int Activities)> CountsAsync()
    {
        using var db = app.CreateDbContext();
        return (await db.Entries.CountAsync(), await db.Revisions.CountAsync(), await db.Members.CountAsync(), await db.Activities.CountAsync());
    }
}
