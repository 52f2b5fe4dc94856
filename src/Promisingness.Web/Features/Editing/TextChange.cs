namespace Promisingness.Web.Features.Editing;

/// <summary>
/// What changed in the editor's text since the last pause, as editor.js sends it: the span from
/// <see cref="Start"/> that lost <see cref="RemovedLength"/> characters and gained <see cref="Inserted"/>, with the
/// length and checksum the whole text has afterwards. Indices count UTF-16 units, in JavaScript as in .NET.
/// <see cref="Sequence"/> numbers the changes from 1, so that a lost or stale one is noticed.
/// </summary>
public sealed record TextChange(int Sequence, int Start, int RemovedLength, string Inserted, int NewLength, string Checksum)
{
    /// <summary>The text with the change applied, or null when it does not fit: the caller then asks for the whole text.</summary>
    public string? ApplyTo(string text)
    {
        if (Start < 0 || RemovedLength < 0 || Start > text.Length || RemovedLength > text.Length - Start
            || text.Length - RemovedLength + Inserted.Length != NewLength)
        {
            return null;
        }
        var changed = string.Concat(text.AsSpan(0, Start), Inserted, text.AsSpan(Start + RemovedLength));
        return TextChecksum.Of(changed) == Checksum ? changed : null;
    }
}

/// <summary>The checksum editor.js computes the same way over the same UTF-16 units (Fletcher-like, two 32-bit sums).</summary>
public static class TextChecksum
{
    public static string Of(ReadOnlySpan<char> text)
    {
        uint a = 0, b = 0;
        foreach (var c in text)
        {
            a = unchecked(a + c);
            b = unchecked(b + a);
        }
        return $"{a:x}-{b:x}";
    }
}
