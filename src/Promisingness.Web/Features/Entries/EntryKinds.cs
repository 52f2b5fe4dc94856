using Promisingness.Web.Data;

namespace Promisingness.Web.Features.Entries;

/// <summary>How a kind of entry is named to readers.</summary>
public static class EntryKinds
{
    public static readonly IReadOnlyList<EntryKind> All = Enum.GetValues<EntryKind>();

    public static string Label(EntryKind kind) => kind switch
    {
        EntryKind.WeeklySummary => "Weekly summary",
        _ => kind.ToString(),
    };
}
