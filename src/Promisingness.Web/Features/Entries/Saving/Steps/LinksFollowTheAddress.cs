namespace Promisingness.Web.Features.Entries.Saving.Steps;

/// <summary>An entry that now answers at an address (new, or renamed) makes the links that waited for it work.</summary>
public sealed class LinksFollowTheAddress(RevisionRecorder recorder) : ISaveStep
{
    public Task<AfterCommit?> InTransactionAsync(EntrySave save, CancellationToken cancellationToken)
    {
        if (save.IsNew || save.Entry.Slug != save.OldSlug)
        {
            recorder.RenderLinksTo(save.Db, save.Entry.Slug);
        }
        return Task.FromResult<AfterCommit?>(null);
    }
}
