using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Entries.Saving;

/// <summary>The kinds written in the editor: one <see cref="IEntryKindFields"/> each.</summary>
public sealed class EditableKinds(IEnumerable<IEntryKindFields> kinds)
{
    private readonly Dictionary<EntryKind, IEntryKindFields> byKind = kinds.ToDictionary(k => k.Kind);

    /// <summary>The kind's fields; a kind not written in the editor has none of its own to keep up.</summary>
    public IEntryKindFields? For(EntryKind kind) => byKind.GetValueOrDefault(kind);
}
