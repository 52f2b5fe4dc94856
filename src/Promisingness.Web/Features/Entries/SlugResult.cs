namespace Promisingness.Web.Features.Entries;

/// <summary>The answer to "show me the entry at this slug": found, moved to another slug by a rename, or not there.</summary>
public sealed record SlugResult<T>(T? Value, string? MovedTo = null) where T : class
{
    public static SlugResult<T> NotFound { get; } = new(Value: null);
}
