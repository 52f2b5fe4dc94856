using System.Globalization;
using System.Text;

namespace Promisingness.Web.Features.Entries;

public static class Slugs
{
    /// <summary>
    /// A URL-safe, lower-case, ASCII slug: "Sparse Autoencoders (SAEs)" → "sparse-autoencoders-saes". It is the title
    /// as people see it, so it is also what duplicates are found by: full-width "Ｔｅａｍ" is "team", Cyrillic or Greek
    /// look-alikes are the Latin letter they show as, and invisible characters (zero-width, bidi controls, soft
    /// hyphens) are not there at all.
    /// </summary>
    public static string From(string text, int maxLength = Data.Entry.SlugMaxLength)
    {
        var builder = new StringBuilder();
        foreach (var mark in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(mark) is UnicodeCategory.NonSpacingMark or UnicodeCategory.Format)
            {
                continue;
            }
            var c = LookAlikes.Fold(mark);
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }
        var slug = builder.ToString().Trim('-');
        if (slug.Length > maxLength)
        {
            var cut = slug.LastIndexOf('-', maxLength);
            slug = slug[..(cut > maxLength / 2 ? cut : maxLength)].Trim('-');
        }
        return slug.Length == 0 ? "entry" : slug;
    }

    /// <summary>The slug itself, or with "-2", "-3"… appended until <paramref name="isTaken"/> says it is free.</summary>
    public static string Unique(string slug, Func<string, bool> isTaken)
    {
        var candidate = slug;
        for (var n = 2; isTaken(candidate); n++)
        {
            candidate = $"{slug}-{n}";
        }
        return candidate;
    }
}
