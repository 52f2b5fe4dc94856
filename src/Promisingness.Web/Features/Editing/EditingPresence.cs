using System.Collections.Concurrent;

namespace Promisingness.Web.Features.Editing;

/// <summary>
/// Who has which entry open in the editor, and who just saved it, for the editors of the same entry to
/// see live through their circuits. Held in this process's memory: a lost circuit leaves when it is disposed.
/// </summary>
public sealed class EditingPresence
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Guid, string>> editors = new();

    /// <summary>Someone opened or left the editor of an entry.</summary>
    public event Action<int>? Changed;

    /// <summary>An entry was saved: entry id, new revision number, author.</summary>
    public event Action<int, int, string>? Saved;

    public IDisposable Join(int entryId, string name)
    {
        var id = Guid.NewGuid();
        editors.GetOrAdd(entryId, _ => new ConcurrentDictionary<Guid, string>())[id] = name;
        Changed?.Invoke(entryId);
        return new Presence(() =>
        {
            if (editors.TryGetValue(entryId, out var present))
            {
                present.TryRemove(id, out _);
            }
            Changed?.Invoke(entryId);
        });
    }

    public IReadOnlyList<string> EditorsOf(int entryId) =>
        editors.TryGetValue(entryId, out var present) ? [.. present.Values.Order()] : [];

    public void NotifySaved(int entryId, int revisionNumber, string author) => Saved?.Invoke(entryId, revisionNumber, author);

    private sealed class Presence(Action leave) : IDisposable
    {
        private int left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref left, 1) == 0)
            {
                leave();
            }
        }
    }
}
