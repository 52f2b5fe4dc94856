using System.Text;

namespace Promisingness.Web.Features.Attachments;

/// <summary>A type of file the wiki accepts, as its bytes show it.</summary>
public sealed record FileKind(string ContentType, string Extension, bool IsImage)
{
    public static readonly FileKind Png = new("image/png", ".png", true);
    public static readonly FileKind Jpeg = new("image/jpeg", ".jpg", true);
    public static readonly FileKind Gif = new("image/gif", ".gif", true);
    public static readonly FileKind WebP = new("image/webp", ".webp", true);
    public static readonly FileKind Pdf = new("application/pdf", ".pdf", false);
    public static readonly FileKind Csv = new("text/csv; charset=utf-8", ".csv", false);
    public static readonly FileKind Text = new("text/plain; charset=utf-8", ".txt", false);

    /// <summary>Shown inline (images and PDF); everything else is downloaded, so no text file is ever a page of the wiki.</summary>
    public static bool ShowsInline(string contentType) => contentType.StartsWith("image/", StringComparison.Ordinal) || contentType == Pdf.ContentType;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The kind the bytes are, from their magic numbers; text when they are valid UTF-8 without NULs (CSV when the
    /// name says so, since CSV has no magic number and is text either way); null for anything else. The name is
    /// consulted only to choose between two kinds of text, never to accept bytes.
    /// </summary>
    public static FileKind? Sniff(ReadOnlySpan<byte> bytes, string fileName)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }
        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8))
        {
            return Gif;
        }
        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }
        if (bytes.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }
        if (!IsText(bytes))
        {
            return null;
        }
        return Path.GetExtension(fileName).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? Csv : Text;
    }

    private static bool IsText(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Contains((byte)0))
        {
            return false;
        }
        try
        {
            var text = StrictUtf8.GetString(bytes);
            // Markup is not text: a browser or a later viewer could run it (an SVG, an HTML page with a script).
            var start = text.AsSpan().TrimStart("\uFEFF \t\r\n");
            return !start.StartsWith("<", StringComparison.Ordinal);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
