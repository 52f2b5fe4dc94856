using System.Text.Json;
using Promisingness.Web.Data;
using Promisingness.Web.Markdown;

namespace Promisingness.Web.Features.Entries;

/// <summary>
/// The one place that turns a change to an entry into a revision: it renders the Markdown, appends the
/// immutable revision and records the activity. Callers take a <see cref="Snapshot"/> before they change
/// the entry, so that a save that changes nothing appends nothing.
/// </summary>
public sealed class RevisionRecorder(MarkdownRenderer markdown)
{
    public static string Snapshot(Entry entry) => JsonSerializer.Serialize(new
    {
        entry.Title,
        entry.Slug,
        entry.Visibility,
        entry.Status,
        entry.ProgramId,
        entry.BodyMarkdown,
        Fields = EntryFields.Of(entry),
    });

    /// <summary>Appends a revision when the entry differs from <paramref name="before"/> (null for a new entry).</summary>
    public bool RecordIfChanged(WikiDbContext db, Entry entry, string? before, Author author, DateTimeOffset at, string note)
    {
        if (before is not null && Snapshot(entry) == before)
        {
            return false;
        }

        entry.BodyHtml = markdown.ToSafeHtml(entry.BodyMarkdown);
        foreach (var output in entry.Outputs)
        {
            output.SummaryHtml = markdown.ToSafeHtml(output.SummaryMarkdown);
        }
        var baseNumber = entry.RevisionNumber == 0 ? (int?)null : entry.RevisionNumber;
        entry.RevisionNumber++;
        entry.UpdatedAt = at;
        if (before is null)
        {
            entry.CreatedAt = at;
        }

        db.Revisions.Add(new Revision
        {
            Entry = entry,
            Number = entry.RevisionNumber,
            BaseNumber = baseNumber,
            Title = entry.Title,
            Slug = entry.Slug,
            Visibility = entry.Visibility,
            Status = entry.Status,
            BodyMarkdown = entry.BodyMarkdown,
            BodyHtml = entry.BodyHtml,
            FieldsJson = EntryFields.Of(entry).ToJson(),
            AuthorName = author.Name,
            AuthorUserId = author.UserId,
            AuthorProgramId = author.ProgramId,
            CreatedAt = at,
            EditNote = note,
        });
        db.Activities.Add(new Activity
        {
            At = at,
            Action = before is null ? ActivityActions.EntryCreated
                : entry.Status == EntryStatus.RemovedFromReadme ? ActivityActions.EntryRemovedFromReadme
                : ActivityActions.EntryEdited,
            Entry = entry,
            RevisionNumber = entry.RevisionNumber,
            ActorName = author.Name,
            ActorUserId = author.UserId,
            Details = note,
        });
        return true;
    }
}
