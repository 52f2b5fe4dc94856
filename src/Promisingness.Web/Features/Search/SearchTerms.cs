using System.Text;

namespace Promisingness.Web.Features.Search;

/// <summary>One thing to find: a word (a phrase when the user's word had inner punctuation, "gpt-4") or a quoted phrase.</summary>
public sealed record SearchTerm(IReadOnlyList<string> Words, bool Prefix)
{
    /// <summary>
    /// A quoted FTS5 string: the words hold only letters, digits and marks, so nothing in them is syntax.
    /// A prefix term becomes "word"*, or, when the index's own words that start with it are known
    /// (<paramref name="lastWordForms"/>), the phrase with each of them, OR-ed.
    /// </summary>
    public string ToMatch(IReadOnlyList<string>? lastWordForms = null)
    {
        if (!Prefix)
        {
            return Quote(Words);
        }
        if (lastWordForms is not { Count: > 0 })
        {
            return Quote(Words) + "*";
        }
        var forms = lastWordForms.Select(form => Quote([.. Words.SkipLast(1), form])).ToList();
        return forms.Count == 1 ? forms[0] : "(" + string.Join(" OR ", forms) + ")";
    }

    private static string Quote(IEnumerable<string> words) => "\"" + string.Join(' ', words).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // Equality by value, so that a term can key the forms found for it.
    public bool Equals(SearchTerm? other) => other is not null && Prefix == other.Prefix && Words.SequenceEqual(other.Words);

    public override int GetHashCode() => HashCode.Combine(Prefix, string.Join(' ', Words));
}

/// <summary>
/// What the user typed, turned into an FTS5 MATCH expression that cannot be a syntax error. FTS5's own
/// query language (AND, OR, NOT, NEAR, column filters, ^, *, parentheses) is never passed through: the
/// text is split into words here, each becomes a quoted string, and all of them must match. Words match
/// as prefixes ("auto" finds "autoencoders"); text in double quotes is an exact phrase.
/// </summary>
public sealed record SearchTerms(IReadOnlyList<SearchTerm> Terms, bool Truncated)
{
    /// <summary>Beyond this the rest of the text is ignored: a long paste is not a query, and each term costs a doclist read.</summary>
    public const int MaxInputLength = 500;
    public const int MaxTerms = 10;
    public const int MaxWordsPerPhrase = 12;

    /// <summary>A one-letter prefix would merge the doclists of every word starting with it; two letters have a prefix index.</summary>
    private const int ShortestPrefix = 2;

    /// <summary>The longest prefix the index keeps doclists for (the AddSearch migration's prefix = '2 3 4').</summary>
    public const int LongestIndexedPrefix = 4;

    private static readonly char[] Quotes = ['"', '“', '”', '„'];

    public bool IsEmpty => Terms.Count == 0;

    public string ToMatch(Func<SearchTerm, IReadOnlyList<string>?>? lastWordForms = null) =>
        string.Join(" AND ", Terms.Select(t => t.ToMatch(lastWordForms?.Invoke(t))));

    public static SearchTerms Parse(string? text)
    {
        text ??= "";
        var truncated = text.Length > MaxInputLength;
        if (truncated)
        {
            text = text[..MaxInputLength];
        }

        var terms = new List<SearchTerm>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            var quoted = Quotes.Contains(text[i]);
            var start = quoted ? i + 1 : i;
            var end = quoted ? text.IndexOfAny(Quotes, start) : IndexOfWhiteSpaceOrQuote(text, start);
            if (end < 0)
            {
                end = text.Length; // An unclosed quote runs to the end.
            }
            var words = Words(text[start..end]);
            i = quoted ? end + 1 : end;
            if (words.Count == 0)
            {
                continue;
            }
            if (words.Count > MaxWordsPerPhrase)
            {
                words = [.. words.Take(MaxWordsPerPhrase)];
                truncated = true;
            }
            var term = new SearchTerm(words, Prefix: !quoted && words[^1].Length >= ShortestPrefix);
            if (terms.Contains(term))
            {
                continue;
            }
            if (terms.Count == MaxTerms)
            {
                truncated = true;
                break;
            }
            terms.Add(term);
        }
        return new SearchTerms(terms, truncated);
    }

    private static int IndexOfWhiteSpaceOrQuote(string text, int start)
    {
        for (var i = start; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) || Quotes.Contains(text[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Runs of letters, digits and combining marks, lower-cased; everything else (punctuation, symbols, emoji) separates.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordRune(rune))
            {
                word.Append(rune.ToString());
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString().ToLowerInvariant());
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString().ToLowerInvariant());
        }
        return words;
    }

    private static bool IsWordRune(Rune rune) => Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is
        System.Globalization.UnicodeCategory.NonSpacingMark or
        System.Globalization.UnicodeCategory.SpacingCombiningMark;
}
