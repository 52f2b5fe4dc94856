using Microsoft.EntityFrameworkCore;
using Promisingness.Tests.Infrastructure;
using Promisingness.Tests.Review;
using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;
using Promisingness.Web.Features.Suggestions;
using Promisingness.Web.Security;

namespace Promisingness.Tests.Suggestions;

/// <summary>The review test bed's people, and an AISC page of nine lines that Severin wrote, to suggest changes to.</summary>
public abstract class SuggestionTestBed : SummaryTestBed
{
    protected static readonly string[] NineLines = ["One.", "Two.", "Three.", "Four.", "Five.", "Six.", "Seven.", "Eight.", "Nine."];

    protected SuggestedEdits Suggestions => App.Get<SuggestedEdits>();

    protected static string Text(params string[] lines) => string.Join('\n', lines);

    /// <summary>The nine lines with some replaced: index → new line.</summary>
    protected static string Changed(params (int Line, string Text)[] changes)
    {
        var lines = NineLines.ToArray();
        foreach (var (line, text) in changes)
        {
            lines[line] = text;
        }
        return Text(lines);
    }

    protected async Task<int> PageAsync(string writer = "author", Visibility visibility = Visibility.Team, string title = "Reading notes")
    {
        var saved = await Editor.CreateAsync(Users[writer], EntryKind.Page, new EntryInput(title, Text(NineLines), visibility, Members.Aisc));
        return Assert.IsType<SaveResult.Saved>(saved).EntryId;
    }

    /// <summary>Edits the entry's text as <paramref name="writer"/> in the editor, from its current revision.</summary>
    protected async Task<int> EditTextAsync(int entryId, string writer, string body)
    {
        var entry = await EntryAsync(entryId);
        var saved = await Editor.SaveAsync(Users[writer], entryId, entry.RevisionNumber, new EntryInput(entry.Title, body, entry.Visibility, entry.ProgramId, "edit"));
        return Assert.IsType<SaveResult.Saved>(saved).RevisionNumber;
    }

    /// <summary>A suggestion of <paramref name="body"/> (and title) against a revision, as the editor in suggestion mode sends it.</summary>
    protected async Task<SuggestionResult> SuggestAsync(string who, int entryId, string body, int? baseRevision = null, string? title = null)
    {
        var entry = await EntryAsync(entryId);
        return await Suggestions.CreateAsync(Users[who], entryId, baseRevision ?? entry.RevisionNumber,
            new EntryInput(title ?? entry.Title, body, entry.Visibility, entry.ProgramId, "Clearer wording"));
    }

    protected async Task<int> SuggestedAsync(string who, int entryId, string body, int? baseRevision = null, string? title = null) =>
        Assert.IsType<SuggestionResult.Done>(await SuggestAsync(who, entryId, body, baseRevision, title)).SuggestionId;

    protected async Task<SuggestionView> ViewAsync(int suggestionId, string reader = "author") =>
        (await Suggestions.GetAsync(suggestionId, await App.Get<WikiUsers>().LoadAsync(Users[reader])))!;

    protected async Task<string> BodyAsync(int entryId) => (await EntryAsync(entryId)).BodyMarkdown;

    protected async Task<List<Notification>> InboxOfAsync(string who)
    {
        using var db = App.CreateDbContext();
        return await db.Notifications.Where(n => n.RecipientUserId == Users[who] && n.Kind == NotificationKind.Suggestion).OrderBy(n => n.Id).ToListAsync();
    }
}
