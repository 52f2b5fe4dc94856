using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Features.ImportExport.Readme;
using Promisingness.Web.Features.Mail;

namespace Promisingness.Web.Features.ImportExport;

/// <summary>
/// Writes the published wiki back to a README in the seed's format. Texts are written as their Markdown (math stays
/// TeX); links to uploaded files point at the published wiki (Wiki:PublicUrl), where the README's readers find them.
/// </summary>
public sealed class ReadmeExporter(IDbContextFactory<WikiDbContext> dbFactory, MailSettings links)
{
    public const string DefaultQuestionsHeading = "Some Brainstorming questions";

    public async Task<string> ExportAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var published = await db.Entries
            .Where(e => e.Visibility == Visibility.Public && e.Status == EntryStatus.Active)
            .Where(e => e.Kind == EntryKind.Page || e.Kind == EntryKind.Topic || e.Kind == EntryKind.Question)
            .Include(e => e.Researchers.OrderBy(r => r.Position))
            .Include(e => e.Outputs.Where(o => o.Status != OutputStatus.Removed).OrderBy(o => o.Position))
            .AsSplitQuery()
            .OrderBy(e => e.Position).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
        var members = await db.Members.Where(m => m.InReadme).Include(m => m.Program).OrderBy(m => m.Position).ToListAsync(cancellationToken);
        var programs = await db.Programs.OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var settings = await db.Settings.Where(s => s.Key.StartsWith("readme.")).ToDictionaryAsync(s => s.Key, s => s.Value, cancellationToken);
        var questionsHeading = settings.GetValueOrDefault(WikiSetting.ReadmeQuestionsHeading) ?? DefaultQuestionsHeading;

        var home = published.FirstOrDefault(e => e.Slug == Entry.HomeSlug);
        var team = new List<ReadmeTeamLine>();
        var mentors = members.Where(m => m.Role == MemberRole.Mentor).Select(m => m.Name).ToList();
        if (mentors.Count > 0)
        {
            team.Add(new ReadmeTeamLine("Mentor", mentors));
        }
        foreach (var program in programs)
        {
            var names = members.Where(m => m.Role == MemberRole.Researcher && m.ProgramId == program.Id).Select(m => m.Name).ToList();
            if (names.Count > 0)
            {
                team.Add(new ReadmeTeamLine(program.Name, names));
            }
        }

        var topicEntries = published.Where(e => e.Kind == EntryKind.Topic).ToList();
        var topics = topicEntries.Select(e => new ReadmeTopic(
                e.ReadmeHeading ?? e.Title,
                [.. e.Researchers.Select(r => r.CreditedAs)],
                e.BodyMarkdown,
                [.. e.Outputs.Select(o => new ReadmeOutput(o.Title, o.Url, o.LinkNote, o.SummaryHeading, o.SummaryMarkdown))])
        { At = e.Position });
        var document = new ReadmeDocument(
            home is null ? "Promisingness of Automating Alignment" : home.ReadmeHeading ?? home.Title,
            home?.BodyMarkdown ?? "",
            team,
            [.. published.Where(e => e.Kind == EntryKind.Page && e.Slug != Entry.HomeSlug).Select(e => new ReadmePage(e.ReadmeHeading ?? e.Title, e.BodyMarkdown) { At = e.Position })],
            questionsHeading,
            [.. published.Where(e => e.Kind == EntryKind.Question).Select(e => e.BodyMarkdown)],
            [.. topics]);
        return ReadmeFileLinks.ToSite(ReadmeWriter.Write(ReadmeLayout.Apply(document, settings, [.. topicEntries.Select(e => e.Slug)])), links.PublicUrl);
    }
}
