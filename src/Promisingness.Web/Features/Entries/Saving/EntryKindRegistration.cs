using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Entries.Saving;

/// <summary>The kinds written in the editor: one <see cref="IEntryKindFields"/> each.</summary>
public sealed class EditableKinds(IEnumerable<IEntryKindFields> kinds)
{
    private readonly Dictionary<EntryKind, IEntryKindFields> byKind = kinds.ToDictionary(k => k.Kind);

    public IReadOnlyCollection<EntryKind> All => byKind.Keys;

    public bool Contains(EntryKind kind) => byKind.ContainsKey(kind);

    /// <summary>The kind's fields; a kind not written in the editor has none of its own to keep up.</summary>
    public IEntryKindFields? For(EntryKind kind) => byKind.GetValueOrDefault(kind);
}

public static class EntryKindRegistration
{
    /// <summary>Makes a kind of entry writable in the editor, with its own fields.</summary>
    public static IServiceCollection AddEntryKind<T>(this IServiceCollection services) where T : class, IEntryKindFields =>
        services.AddSingleton<IEntryKindFields, T>();

    /// <summary>Adds a step that follows every saved revision; steps run in the order they are added.</summary>
    public static IServiceCollection AddSaveStep<T>(this IServiceCollection services) where T : class, ISaveStep =>
        services.AddSingleton<ISaveStep, T>();
}
