using Promisingness.Web.Data;
using Promisingness.Web.Security;

namespace Promisingness.Web.Features.Entries.Saving;

/// <summary>
/// One kind of entry's own fields in the save path (a topic's researchers, a meeting's action items, a summary's
/// week). Each kind registers one with <see cref="EntryKindRegistration.AddEntryKind{T}"/>; only registered kinds
/// are written in the editor. <see cref="EntryEditor"/> calls them in order: complete, check, apply, and, once
/// the revision is recorded, <see cref="OnRevision"/>. A kind overrides only what it has.
/// </summary>
public interface IEntryKindFields
{
    EntryKind Kind { get; }

    /// <summary>Fills what a writer may leave out (a summary's title and program), before any rule is checked.</summary>
    Task<EntryInput> CompleteAsync(EntryInput input, CancellationToken cancellationToken) => Task.FromResult(input);

    /// <summary>Why the kind's fields cannot be saved as given, or null. <paramref name="entry"/> is null for a new entry.</summary>
    Task<SaveResult?> CheckAsync(WikiDbContext db, WikiUser? user, EntryInput input, Entry? entry, CancellationToken cancellationToken) =>
        Task.FromResult<SaveResult?>(null);

    /// <summary>Sets the kind's fields on the tracked entry: a new one, or the stored one with its fields loaded.</summary>
    Task ApplyAsync(WikiDbContext db, Entry entry, EntryInput input, DateTimeOffset now, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Reacts to a new revision of an existing entry before the revision is written, whoever wrote it (the editor,
    /// an import, a publication): what it changes here goes into the revision.
    /// </summary>
    void OnRevision(WikiDbContext db, Entry entry, string before, Author author, DateTimeOffset at)
    {
    }

    /// <summary>
    /// True when the save must check, in its transaction just before it writes, that what it read of this entry's
    /// own state has not moved (<see cref="StillAsReadAsync"/>).
    /// </summary>
    bool ChecksStateAtWrite(Entry entry) => false;

    /// <summary>In the save's transaction: false when the state read has moved since, and the save must be made again.</summary>
    Task<bool> StillAsReadAsync(WikiDbContext db, Entry entry, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>The kind's fields of a stored entry (loaded as <see cref="EntryEditor.OpenAsync"/> loads it), for the editor.</summary>
    EntryInput Read(Entry entry, EntryInput common) => common;

    /// <summary>What a new entry of this kind starts with for this writer.</summary>
    Task<EntryInput> BlankAsync(WikiDbContext db, WikiUser? user, EntryInput common, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(common);

    /// <summary>A revision's fields as input again, for a restore; people and topics no longer known are left out.</summary>
    Task<EntryInput> FromRevisionAsync(WikiDbContext db, EntryFields fields, EntryInput common, CancellationToken cancellationToken) =>
        Task.FromResult(common);
}
