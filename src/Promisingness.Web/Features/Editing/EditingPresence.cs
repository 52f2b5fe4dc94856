using System.Collections.Concurrent;
using Promisingness.Web.Scaling;

namespace Promisingness.Web.Features.Editing;

/// <summary>
/// Who has which entry open in the editor, and who just saved it, for the editors of the same entry to see
/// live through their circuits. Each instance holds the editors of every instance in memory: joins, leaves
/// and saves are told to the others, and an instance answers a join with its own editors of that entry, so
/// one that started later learns who was there. A lost circuit leaves when it is disposed; the editors of an
/// instance that crashed stay listed until the entry's editors leave and rejoin (see docs/SCALING.md).
/// A person with the entry open in several tabs is listed once.
/// </summary>
public sealed class EditingPresence
{
    private const string JoinedTopic = "editing-joined";
    private const string LeftTopic = "editing-left";
    private const string SavedTopic = "editing-saved";

    private readonly ConcurrentDictionary<int, ConcurrentDictionary<Guid, Person>> editors = new();
    private readonly ConcurrentDictionary<Guid, Editor> editorsHere = new();
    private readonly OtherInstances others;

    public EditingPresence(OtherInstances others)
    {
        this.others = others;
        others.On<Editor>(JoinedTopic, JoinedElsewhere);
        others.On<Editor>(LeftTopic, editor => Remove(editor));
        others.On<Save>(SavedTopic, save => Saved?.Invoke(save.EntryId, save.RevisionNumber, save.Author));
    }

    /// <summary>Someone opened or left the editor of an entry.</summary>
    public event Action<int>? Changed;

    /// <summary>An entry was saved: entry id, new revision number, author.</summary>
    public event Action<int, int, string>? Saved;

    public IDisposable Join(int entryId, string userId, string name)
    {
        var editor = new Editor(Guid.NewGuid(), entryId, userId, name, Answer: false);
        editorsHere[editor.Id] = editor;
        Add(editor);
        others.Tell(JoinedTopic, editor);
        return new Presence(() =>
        {
            editorsHere.TryRemove(editor.Id, out _);
            Remove(editor);
            others.Tell(LeftTopic, editor);
        });
    }

    /// <summary>The people editing the entry, each once, however many tabs they have it open in, by name.</summary>
    public IReadOnlyList<Person> EditorsOf(int entryId) =>
        editors.TryGetValue(entryId, out var present) ? [.. present.Values.DistinctBy(p => p.UserId).OrderBy(p => p.Name, StringComparer.Ordinal)] : [];

    public void NotifySaved(int entryId, int revisionNumber, string author)
    {
        Saved?.Invoke(entryId, revisionNumber, author);
        others.Tell(SavedTopic, new Save(entryId, revisionNumber, author));
    }

    private void JoinedElsewhere(Editor editor)
    {
        Add(editor);
        if (editor.Answer)
        {
            return;
        }
        foreach (var here in editorsHere.Values.Where(e => e.EntryId == editor.EntryId))
        {
            others.Tell(JoinedTopic, here with { Answer = true });
        }
    }

    private void Add(Editor editor)
    {
        editors.GetOrAdd(editor.EntryId, _ => new ConcurrentDictionary<Guid, Person>())[editor.Id] = new Person(editor.UserId, editor.Name);
        Changed?.Invoke(editor.EntryId);
    }

    private void Remove(Editor editor)
    {
        if (editors.TryGetValue(editor.EntryId, out var present))
        {
            present.TryRemove(editor.Id, out _);
        }
        Changed?.Invoke(editor.EntryId);
    }

    /// <summary>One open editor. <c>Answer</c> marks a reply to another instance's join, which is not answered again.</summary>
    private sealed record Editor(Guid Id, int EntryId, string UserId, string Name, bool Answer);

    /// <summary>Someone editing: their account and the name they are listed under.</summary>
    public sealed record Person(string UserId, string Name);

    private sealed record Save(int EntryId, int RevisionNumber, string Author);

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
