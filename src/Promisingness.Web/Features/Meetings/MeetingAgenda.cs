using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Meetings;

/// <summary>
/// What the next meeting should talk about: every action item still open and every discussion still
/// unresolved, gathered into the new meeting's agenda so nothing is dropped between weeks.
/// </summary>
public static class MeetingAgenda
{
    public sealed record OpenItem(int Id, string Text, string? Owner, DateOnly? Due, string MeetingSlug, string MeetingTitle, DateOnly MeetingDate);

    public sealed record OpenThread(int EntryId, string EntrySlug, string EntryTitle, EntryKind Kind, string? Quote, string OpenedBy, string FirstComment);

    public static async Task<IReadOnlyList<OpenItem>> OpenItemsAsync(WikiDbContext db, WikiUser? reader, int? ownerMemberId = null, CancellationToken cancellationToken = default)
    {
        var meetings = db.Entries.ReadableBy(reader).Where(e => e.Kind == EntryKind.Meeting);
        var items = db.ActionItems.Where(a => !a.Done && meetings.Any(m => m.Id == a.EntryId));
        if (ownerMemberId is { } owner)
        {
            items = items.Where(a => a.OwnerMemberId == owner);
        }
        var rows = await items
            .Select(a => new { a.Id, a.Text, Owner = a.Owner!.Name, a.DueDate, a.Entry!.Slug, a.Entry.Title, a.Entry.Meeting!.Date, a.Position })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Date).ThenBy(r => r.Position).Select(r => new OpenItem(r.Id, r.Text, r.Owner, r.DueDate, r.Slug, r.Title, r.Date))];
    }

    public static async Task<IReadOnlyList<OpenThread>> OpenThreadsAsync(WikiDbContext db, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        if (reader is null)
        {
            return [];
        }
        var readable = db.Entries.ReadableBy(reader);
        return await db.CommentThreads
            .Where(t => t.ResolvedAt == null && readable.Any(e => e.Id == t.EntryId))
            .OrderBy(t => t.CreatedAt)
            .Select(t => new OpenThread(t.EntryId, t.Entry!.Slug, t.Entry.Title, t.Entry.Kind, t.Quote, t.OpenedByName,
                t.Comments.OrderBy(c => c.Id).Select(c => c.DeletedAt == null ? c.BodyMarkdown : "").FirstOrDefault() ?? ""))
            .Take(50)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The agenda a new meeting starts with, as Markdown the note-taker edits.</summary>
    public static async Task<string> RollOverAsync(WikiDbContext db, WikiUser? reader, CancellationToken cancellationToken = default)
    {
        var items = await OpenItemsAsync(db, reader, cancellationToken: cancellationToken);
        var threads = await OpenThreadsAsync(db, reader, cancellationToken);
        var text = new StringBuilder();
        text.AppendLine("## Open action items").AppendLine();
        if (items.Count == 0)
        {
            text.AppendLine("None: every action item is done.");
        }
        foreach (var item in items)
        {
            var owner = item.Owner is null ? "no owner" : item.Owner;
            var due = item.Due is { } d ? $", due {d.ToString("d MMM", CultureInfo.InvariantCulture)}" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"- {Escape(item.Text)} ({owner}{due}; from [[{item.MeetingSlug}|{LinkLabel(item.MeetingTitle)}]])");
        }
        text.AppendLine().AppendLine("## Unresolved discussions").AppendLine();
        if (threads.Count == 0)
        {
            text.AppendLine("None: every discussion is resolved.");
        }
        foreach (var thread in threads)
        {
            var about = thread.Quote is { Length: > 0 } quote ? $" on “{Escape(Shorten(quote, 80))}”" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"- [[{thread.EntrySlug}|{LinkLabel(thread.EntryTitle)}]]{about}: {Escape(Shorten(thread.FirstComment, 120))} ({thread.OpenedBy})");
        }
        return text.ToString();
    }

    private static string Shorten(string text, int length)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= length ? line : line[..length].TrimEnd() + "…";
    }

    /// <summary>A wiki link's label is shown as plain text; only the characters that would end the link must go.</summary>
    private static string LinkLabel(string title) => new([.. title.Where(c => c is not ('[' or ']' or '|' or '\n' or '\r'))]);

    /// <summary>Text from other entries goes into Markdown as text, not as markup or links.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#' or '!' or '(' or ')')
            {
                escaped.Append('\\');
            }
            escaped.Append(c == '\n' || c == '\r' ? ' ' : c);
        }
        return escaped.ToString();
    }
}
