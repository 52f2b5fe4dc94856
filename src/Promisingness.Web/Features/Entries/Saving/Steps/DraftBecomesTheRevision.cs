namespace Promisingness.Web.Features.Entries.Saving.Steps;

/// <summary>The writer's autosaved draft ends with the save it became: in its transaction, or, for a new entry, after it.</summary>
public sealed class DraftBecomesTheRevision(EntryDrafts drafts) : ISaveStep
{
    public async Task<AfterCommit?> InTransactionAsync(EntrySave save, CancellationToken cancellationToken)
    {
        if (save.IsNew)
        {
            return token => drafts.DiscardNewDraftAsync(save.Writer.Id, save.Entry.Kind, token);
        }
        if (await EntryDrafts.TrackedDraftOf.For(save.Db)(save.Db, save.Writer.Id, save.Entry.Id, cancellationToken) is { } draft)
        {
            save.Db.EditDrafts.Remove(draft);
        }
        return null;
    }
}
