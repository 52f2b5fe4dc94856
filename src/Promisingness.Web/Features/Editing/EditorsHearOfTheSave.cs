using Promisingness.Web.Features.Entries.Saving;

namespace Promisingness.Web.Features.Editing;

/// <summary>After a save, the people editing the same entry are told, so their editor offers the new revision.</summary>
public sealed class EditorsHearOfTheSave(EditingPresence presence) : ISaveStep
{
    public Task<AfterCommit?> InTransactionAsync(EntrySave save, CancellationToken cancellationToken) =>
        Task.FromResult<AfterCommit?>(save.IsNew ? null : _ =>
        {
            presence.NotifySaved(save.Entry.Id, save.Entry.RevisionNumber, save.Writer.Name);
            return Task.CompletedTask;
        });
}
