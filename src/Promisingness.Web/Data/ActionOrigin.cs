namespace Promisingness.Web.Data;

/// <summary>
/// Where the action being done came from, for the audit log: the client's address for a web request or a
/// member's live page, "command line" for a verb. Ambient rather than passed along, because the address is
/// known only at the edge (the request) while the rows are written deep inside services that a live page
/// calls with no HttpContext. Set once per request by the pipeline; the value flows with the async calls
/// of that request, including every event of a circuit whose connection it is.
/// </summary>
public static class ActionOrigin
{
    public const string CommandLine = "command line";

    /// <summary>Work that no request or verb started (the first start's seed import).</summary>
    public const string Server = "server";

    private static readonly AsyncLocal<string?> current = new();

    public static string Current => current.Value ?? Server;

    /// <summary>Sets the origin for the rest of this async flow; disposing restores the one before.</summary>
    public static IDisposable Use(string origin)
    {
        var before = current.Value;
        current.Value = origin;
        return new Restore(before);
    }

    private sealed class Restore(string? before) : IDisposable
    {
        public void Dispose() => current.Value = before;
    }
}
