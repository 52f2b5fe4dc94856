using Promisingness.Web.Data;
using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Editing;

/// <summary>
/// The draft of one editor: a new entry's is kept per user and kind, an existing entry's per user and entry.
/// The draft offer and the autosave both address it through this.
/// </summary>
public sealed class EditorDrafts(EntryDrafts drafts, string userId, EditSession session, bool isNew)
{
    public Task<EditDraft?> LoadAsync() =>
        isNew ? drafts.NewDraftAsync(userId, session.Kind) : drafts.DraftAsync(userId, session.EntryId);

    /// <summary>False when the database did not keep it.</summary>
    public Task<bool> KeepAsync(string title, string body, int baseRevision) =>
        isNew
            ? drafts.SaveNewDraftAsync(userId, session.Kind, title, body)
            : drafts.SaveDraftAsync(userId, session.EntryId, baseRevision, title, body);

    public Task DiscardAsync() =>
        isNew ? drafts.DiscardNewDraftAsync(userId, session.Kind) : drafts.DiscardDraftAsync(userId, session.EntryId);
}
