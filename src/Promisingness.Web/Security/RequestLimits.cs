namespace Promisingness.Web.Security;

/// <summary>How much one request or circuit message may carry.</summary>
public static class RequestLimits
{
    /// <summary>
    /// Kestrel's cap on a request body (its default is 30 MB). The wiki's forms are small and entries are
    /// saved over the circuit, so 8 MB leaves a wide margin and refuses floods early.
    /// </summary>
    public const long MaxRequestBodyBytes = 8 * 1024 * 1024;

    /// <summary>
    /// A circuit refuses messages over 32 KB by default, which silently breaks a long entry in the editor:
    /// a 1 MB body (up to 4 MB as UTF-8 JSON) must save intact.
    /// </summary>
    public const long MaxCircuitMessageBytes = 4 * 1024 * 1024;
}
