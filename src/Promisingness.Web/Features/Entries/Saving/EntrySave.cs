using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Entries.Saving;

/// <summary>One save of an entry as the steps after it see it: the revision is recorded, not yet committed.</summary>
public sealed class EntrySave(WikiDbContext db, WikiUser writer, Entry entry, string? before, string? oldSlug, IDisposable turn)
{
    /// <summary>The save's context: what a step adds here commits with the revision.</summary>
    public WikiDbContext Db { get; } = db;

    public WikiUser Writer { get; } = writer;

    public Entry Entry { get; } = entry;

    /// <summary>The entry as it was before (<see cref="RevisionRecorder.Snapshot"/>), or null when the save created it.</summary>
    public string? Before { get; } = before;

    public bool IsNew => Before is null;

    /// <summary>The entry's address before the save; null for a new entry.</summary>
    public string? OldSlug { get; } = oldSlug;

    /// <summary>The writer's turn (<see cref="SaveTurns"/>): given back as soon as this instance's cached pages are evicted.</summary>
    public IDisposable Turn { get; } = turn;
}
