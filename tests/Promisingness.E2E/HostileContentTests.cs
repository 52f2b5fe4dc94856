using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Promisingness.E2E.Infrastructure;
using Promisingness.Tests.Markdown;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Admin;
using Promisingness.Web.Features.Discussion;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Security;
using Xunit.Abstractions;

namespace Promisingness.E2E;

/// <summary>
/// The hostile corpus saved where people write (entry bodies, comments, titles, member names) and typed
/// as search queries, then read in Chromium by an anonymous visitor (static pages) and by a member (live
/// pages, where Blazor inserts the stored HTML itself). No payload may run: the canaries they set stay
/// unset, no dialog opens, no inline script or handler is even attempted (the CSP would report it), and
/// every page still renders.
/// </summary>
public sealed partial class HostileContentTests(LiveWiki wiki, ITestOutputHelper output) : IClassFixture<LiveWiki>
{
    private const string Password = "a passphrase for the hostile corpus";
    private const string Separator = "\n\n* * *\n\n";

    /// <summary>The inputs that try to run script or reach outside the page; almost the whole corpus.</summary>
    private static readonly IReadOnlyList<string> Dangerous = [.. HostileMarkdownCorpus.All.Where(e => DangerousPattern().IsMatch(e))];

    /// <summary>Those that fit on one line of a title, a name or a search box.</summary>
    private static readonly IReadOnlyList<string> OneLine = [.. Dangerous.Where(e => !e.Contains('\n') && e.Trim().Length is > 0 and <= Entry.TitleMaxLength)];

    [GeneratedRegex(@"<script|javascript:|vbscript:|data:|\bon\w+\s*=|<svg|<iframe|<img|<object|<embed|__xss|alert\(|<style|srcdoc|<math|<form|&#|<a\s|<base|<meta|<link", RegexOptions.IgnoreCase)]
    private static partial Regex DangerousPattern();

    private async Task<string> MentorAsync(string email)
    {
        var admin = wiki.Services.GetRequiredService<UserAdministration>();
        return (await admin.ListAsync()).FirstOrDefault(u => u.Email == email)?.Id
            ?? (await admin.AddUserAsync(UserAdministration.CommandLine.Id, email, "Hostile Mentor", Roles.Mentor, null, null, Password)).Id;
    }

    private async Task<IPage> MemberPageAsync(string email)
    {
        await MentorAsync(email);
        var page = await wiki.NewPageAsync();
        await PageActions.SignInAsync(page, email, Password);
        return page;
    }

    /// <summary>Groups inputs into texts of at most <paramref name="perBatch"/> inputs and <paramref name="maxChars"/> characters.</summary>
    private static List<string> Batches(IEnumerable<string> inputs, int perBatch, int maxChars)
    {
        var batches = new List<string>();
        var current = new List<string>();
        foreach (var input in inputs)
        {
            if (current.Count == perBatch || current.Sum(c => c.Length + Separator.Length) + input.Length > maxChars)
            {
                batches.Add(string.Join(Separator, current));
                current.Clear();
            }
            current.Add(input.Length > maxChars ? input[..maxChars] : input);
        }
        if (current.Count > 0)
        {
            batches.Add(string.Join(Separator, current));
        }
        return batches;
    }

    [BrowserFact]
    public async Task EntryBodies_WithTheCorpus_RunNothingForVisitorsOrMembers()
    {
        var mentor = await MentorAsync("bodies@example.org");
        var editor = wiki.Services.GetRequiredService<EntryEditor>();
        var slugs = new List<string>();
        foreach (var (batch, i) in Batches(Dangerous, 40, 300_000).Select((b, i) => (b, i)))
        {
            var saved = Assert.IsType<SaveResult.Saved>(await editor.CreateAsync(mentor, EntryKind.Page, new EntryInput($"Hostile bodies {i + 1}", batch, Visibility.Public, null, "hostile corpus")));
            slugs.Add(saved.Slug);
        }
        var visitor = await HostilePage.OpenAsync(await wiki.NewPageAsync());
        var member = await HostilePage.OpenAsync(await MemberPageAsync("bodies@example.org"));

        foreach (var slug in slugs)
        {
            await visitor.VisitAsync($"pages/{slug}");
            await member.VisitAsync($"pages/{slug}", interactive: true);
        }
        await member.VisitAsync($"entries/{slugs[0]}/edit", interactive: true);

        output.WriteLine($"{Dangerous.Count} of {HostileMarkdownCorpus.All.Count} inputs in {slugs.Count} entry bodies; {visitor.Visits + member.Visits} page visits");
        Assert.True(Dangerous.Count >= 150, $"only {Dangerous.Count} dangerous inputs");
        await visitor.AssertCleanAsync();
        await member.AssertCleanAsync();
    }

    [BrowserFact]
    public async Task Comments_WithTheCorpus_RunNothing()
    {
        var mentor = await MentorAsync("comments@example.org");
        var discussions = wiki.Services.GetRequiredService<Discussions>();
        var (entryId, _) = await discussions.EntryAsync("background");
        var batches = Batches(Dangerous, 40, Comment.BodyMaxLength);
        foreach (var batch in batches)
        {
            Assert.Null((await discussions.OpenAsync(mentor, entryId, batch, anchor: null)).Error);
        }
        var member = await HostilePage.OpenAsync(await MemberPageAsync("comments@example.org"));

        await member.VisitAsync("pages/background", interactive: true);
        await member.VisitAsync("inbox", interactive: true);

        output.WriteLine($"{Dangerous.Count} inputs in {batches.Count} comments ({batches.Count(b => b.Length >= Comment.BodyMaxLength - 100)} near the length cap, cut)");
        await member.AssertCleanAsync();
    }

    [BrowserFact]
    public async Task TitlesAndMemberNames_WithTheCorpus_RunNothing()
    {
        var mentor = await MentorAsync("titles@example.org");
        var editor = wiki.Services.GetRequiredService<EntryEditor>();
        var titled = 0;
        foreach (var (title, i) in OneLine.Take(160).Select((t, i) => (t, i)))
        {
            // Numbered, so that two payloads that read alike after trimming are still two titles.
            var result = await editor.CreateAsync(mentor, EntryKind.Page, new EntryInput($"{i} {title}".Trim()[..Math.Min(Entry.TitleMaxLength, $"{i} {title}".Trim().Length)], "A page with a hostile title.", Visibility.Public, null, "hostile title", Tags: ["hostile-titles"]));
            titled += result is SaveResult.Saved ? 1 : 0;
        }
        var names = OneLine.Where(n => n.Length <= 100).Take(20).ToList();
        await using (var db = await wiki.Services.GetRequiredService<IDbContextFactory<WikiDbContext>>().CreateDbContextAsync())
        {
            for (var i = 0; i < names.Count; i++)
            {
                db.Members.Add(new Member { Name = names[i], Slug = $"hostile-member-{i}", ProgramId = 1 + (i % 3), Position = 1000 + i, InReadme = false });
            }
            await db.SaveChangesAsync();
        }
        var admin = wiki.Services.GetRequiredService<UserAdministration>();
        var writers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            writers.Add((await admin.AddUserAsync(UserAdministration.CommandLine.Id, $"hostile-name-{i}@example.org", names[i], Roles.Mentor, null, null, Password)).Id);
        }
        foreach (var writer in writers)
        {
            await editor.CreateAsync(writer, EntryKind.Page, new EntryInput($"Written by a hostile name {writers.IndexOf(writer)}", "Its author's name is the payload.", Visibility.Public, null, "hostile author", Tags: ["hostile-titles"]));
        }
        var visitor = await HostilePage.OpenAsync(await wiki.NewPageAsync());
        var member = await HostilePage.OpenAsync(await MemberPageAsync("titles@example.org"));

        foreach (var path in new[] { "tags/hostile-titles", "recent", "team", "team/hostile-member-0", "team/hostile-member-1", "pages/written-by-a-hostile-name-0", "entries/written-by-a-hostile-name-1/history" })
        {
            await visitor.VisitAsync(path);
            await member.VisitAsync(path, interactive: true);
        }
        // The app bar shows the signed-in member's own name.
        var named = await HostilePage.OpenAsync(await wiki.NewPageAsync());
        await PageActions.SignInAsync(named.Page, "hostile-name-0@example.org", Password);
        await named.VisitAsync("", interactive: true);

        output.WriteLine($"{titled} of {Math.Min(160, OneLine.Count)} titles saved, {names.Count} member names, {writers.Count} account names; {visitor.Visits + member.Visits + named.Visits} page visits");
        Assert.True(titled >= 150, $"only {titled} hostile titles were saved");
        await visitor.AssertCleanAsync();
        await member.AssertCleanAsync();
        await named.AssertCleanAsync();
    }

    [BrowserFact]
    public async Task SearchQueries_FromTheCorpus_RunNothing()
    {
        var visitor = await HostilePage.OpenAsync(await wiki.NewPageAsync());
        var member = await HostilePage.OpenAsync(await MemberPageAsync("search@example.org"));
        var queries = OneLine.Where((_, i) => i % 3 == 0).Take(40).ToList();

        foreach (var query in queries)
        {
            await visitor.VisitAsync("search?q=" + Uri.EscapeDataString(query));
        }
        foreach (var query in queries.Take(10))
        {
            await member.VisitAsync("search?q=" + Uri.EscapeDataString(query), interactive: true);
        }

        output.WriteLine($"{queries.Count} hostile queries as a visitor, 10 as a member");
        await visitor.AssertCleanAsync();
        await member.AssertCleanAsync();
    }
}
