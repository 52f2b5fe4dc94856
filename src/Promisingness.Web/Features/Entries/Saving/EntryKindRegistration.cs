namespace Promisingness.Web.Features.Entries.Saving;

public static class EntryKindRegistration
{
    /// <summary>Makes a kind of entry writable in the editor, with its own fields.</summary>
    public static IServiceCollection AddEntryKind<T>(this IServiceCollection services) where T : class, IEntryKindFields =>
        services.AddSingleton<IEntryKindFields, T>();

    /// <summary>Adds a step that follows every saved revision; steps run in the order they are added.</summary>
    public static IServiceCollection AddSaveStep<T>(this IServiceCollection services) where T : class, ISaveStep =>
        services.AddSingleton<ISaveStep, T>();
}
