using System.Text;
using System.Text.RegularExpressions;

namespace Promisingness.Web.Features.ImportExport.Readme;

/// <summary>The checks that tell a README from what is not one, and small text helpers the readers share.</summary>
public static partial class ReadmeText
{
    /// <summary>Largest accepted README, in UTF-8 bytes.</summary>
    public const int MaxSizeBytes = 2 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A README file's bytes as text; refused, naming the line, when they are not UTF-8.</summary>
    public static string Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        CheckSize(bytes.Length);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 && e.Index <= bytes.Length ? e.Index : bytes.Length;
            var line = 1 + bytes.Take(at).Count(b => b == (byte)'\n');
            throw new ReadmeFormatException(line, "the file is not UTF-8 text (is this a binary file?).");
        }
    }

    /// <summary>The text with line endings made "\n" and no byte order mark; refused when too large or binary.</summary>
    internal static string Normalize(string text)
    {
        if (text.Length > MaxSizeBytes)
        {
            CheckSize(text.Length);
        }
        CheckSize(Encoding.UTF8.GetByteCount(text));
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var line = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
            }
            else if (char.IsControl(c) && c != '\t')
            {
                var name = c == '\0' ? "a NUL character" : $"the control character U+{(int)c:X4}";
                throw new ReadmeFormatException(line, $"{name} is not allowed (is this a binary file?).");
            }
        }
        return text;
    }

    internal static string CollapseWhitespace(string s) => WhitespaceRegex().Replace(s, " ");

    private static void CheckSize(int bytes)
    {
        if (bytes > MaxSizeBytes)
        {
            throw new ReadmeFormatException(1, $"the file is larger than {MaxSizeBytes / (1024 * 1024)} MB.");
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();
}
