namespace Promisingness.Web.Features.Entries.Saving;

/// <summary>What a step does once the save has committed.</summary>
public delegate Task AfterCommit(CancellationToken cancellationToken);

/// <summary>
/// One thing that follows every revision saved through <see cref="EntryEditor"/> (the links that waited for a
/// new address, the writer's draft, the watchers, the cached pages, the people editing beside the writer).
/// Steps run in the order they are registered (Setup/SaveSteps.cs lists it), first all of them inside the save's
/// transaction, then, after the commit, what each returned for then.
/// </summary>
public interface ISaveStep
{
    /// <summary>
    /// In the save's transaction, after the revision is recorded and before it commits: rows that commit with
    /// it. Returns what to do after the commit (a failure then is logged, and the save stands), or null.
    /// </summary>
    Task<AfterCommit?> InTransactionAsync(EntrySave save, CancellationToken cancellationToken);
}
