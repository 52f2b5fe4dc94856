namespace Promisingness.Web.Components.Shared;

/// <summary>A number of bytes as people read it: "812 bytes", "4.2 kB", "18.5 MB".</summary>
public static class ByteSize
{
    public static string Text(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} kB",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB",
    };
}
