using System.Text;

namespace Promisingness.Web.Features.Search;

/// <summary>One thing to find: a word (a phrase when the user's word had inner punctuation, "gpt-4") or a quoted phrase.</summary>
public sealed record SearchTerm(IReadOnlyList<string> Words, bool Prefix)
{
    /// <summary>
    /// What the last word is searched as. The database stems every word (FTS5's porter, PostgreSQL's english
    /// stemmer), so "scaling" already finds "scale", "scaled" and "scales". Neither folds -able into a short
    /// word's stem ("scalable" and "scalability" are "scalabl"), so a prefix term whose last word is such a
    /// word with the silent e or an ending English drops it for ("scale", "scaled", "scaling") also finds
    /// that root with "abl". A quoted phrase is searched as typed.
    /// </summary>
    public IReadOnlyList<string> LastWords => Prefix && AbleForm(Words[^1]) is { } able ? [Words[^1], able] : [Words[^1]];

    /// <summary>
    /// A quoted FTS5 string: the words hold only letters, digits and marks, so nothing in them is syntax.
    /// A prefix term becomes "word"* for each of its LastWords, or, when the index's own words that start
    /// with one are known (<paramref name="indexWords"/>), the phrase with each of them; all OR-ed.
    /// </summary>
    public string ToMatch(Func<string, IReadOnlyList<string>?>? indexWords = null)
    {
        if (!Prefix)
        {
            return Quote(Words);
        }
        var forms = LastWords.SelectMany(last => indexWords?.Invoke(last) is { Count: > 0 } words
            ? words.Select(word => Quote([.. Words.SkipLast(1), word]))
            : [Quote([.. Words.SkipLast(1), last]) + "*"]).ToList();
        return forms.Count == 1 ? forms[0] : "(" + string.Join(" OR ", forms) + ")";
    }

    /// <summary>
    /// The root of "scale", "scales", "scaled" or "scaling" with "abl", for the roots whose stem Porter writes
    /// with the silent e: one syllable ending consonant, vowel, consonant (not w, x or y). The stemmers strip
    /// -able only after a longer root ("computable" is already "comput", as "computing" is).
    /// </summary>
    private static string? AbleForm(string word)
    {
        foreach (var ending in (ReadOnlySpan<string>)["ing", "ed", "es", "e"])
        {
            if (word.EndsWith(ending, StringComparison.Ordinal))
            {
                var root = word[..^ending.Length];
                return root.Length >= 3 && Measure(root) == 1 && EndsConsonantVowelConsonant(root) ? root + "abl" : null;
            }
        }
        return null;
    }

    private static bool EndsConsonantVowelConsonant(string word) =>
        !IsVowel(word, word.Length - 3) && IsVowel(word, word.Length - 2) && !IsVowel(word, word.Length - 1) && word[^1] is not ('w' or 'x' or 'y');

    /// <summary>Porter's m: how many times a run of vowels is followed by a consonant.</summary>
    private static int Measure(string word)
    {
        var m = 0;
        for (var i = 1; i < word.Length; i++)
        {
            if (IsVowel(word, i - 1) && !IsVowel(word, i))
            {
                m++;
            }
        }
        return m;
    }

    /// <summary>a, e, i, o, u, and y after a consonant, as Porter counts them.</summary>
    private static bool IsVowel(string word, int i) =>
        word[i] is 'a' or 'e' or 'i' or 'o' or 'u' || (word[i] == 'y' && i > 0 && !IsVowel(word, i - 1));

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

    /// <summary>The FTS5 MATCH expression; <paramref name="indexWords"/> gives the index's words that start with a prefix, where known.</summary>
    public string ToMatch(Func<string, IReadOnlyList<string>?>? indexWords = null) =>
        string.Join(" AND ", Terms.Select(t => t.ToMatch(indexWords)));

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
