using System.Collections.Frozen;

namespace Promisingness.Web.Features.Entries;

/// <summary>
/// Letters that show like Latin ones, so that two titles are compared as people see them: full-width forms
/// ("Ｔｅａｍ"), and a subset of Unicode's confusables (UTS #39, confusables.txt): the Cyrillic and Greek letters
/// whose prototype there is a single Latin letter, the look-alikes a Latin title can be forged with. The app runs
/// with invariant globalization, where string.Normalize changes nothing, so the compatibility forms are folded here.
/// </summary>
public static class LookAlikes
{
    // Each pair: the look-alike, then the Latin letter it folds to (lower case: slugs are lower case).
    private const string Pairs =
        // Cyrillic small
        "аaсcԁdеeһhіiјjӏlоoрpԛqѕsԝwхxуyүy" +
        // Cyrillic capital
        "АaВbСcЕeНhІiЈjКkМmОoРpԚqЅsТtԜwХxУyҮyӀl" +
        // Greek small
        "αaγyιiνvοoρpυuϲcϳj" +
        // Greek capital
        "ΑaΒbΕeΖzΗhΙiΚkΜmΝnΟoΡpΤtΥyΧxϹc";

    private static readonly FrozenDictionary<char, char> Latin =
        Enumerable.Range(0, Pairs.Length / 2).ToFrozenDictionary(i => Pairs[2 * i], i => Pairs[2 * i + 1]);

    public const string MixedScriptsWarning = "This title mixes Latin letters with Cyrillic or Greek ones that may look alike: readers could take it for another title.";

    /// <summary>The Latin letter <paramref name="c"/> shows like, or <paramref name="c"/> itself.</summary>
    public static char Fold(char c) => Latin.GetValueOrDefault(Narrow(c), Narrow(c));

    // The full-width forms of ASCII (U+FF01-U+FF5E) are ASCII at a fixed offset.
    private static char Narrow(char c) => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c;

    /// <summary>
    /// Whether the title (its full-width letters read as the letters they are) mixes letters of Latin, Cyrillic and
    /// Greek: a title that does may be taken for another one.
    /// </summary>
    public static bool MixesScripts(string title)
    {
        var scripts = 0;
        foreach (var c in title.Select(Narrow))
        {
            scripts |= c switch
            {
                _ when char.IsAsciiLetter(c) || c is >= '\u00C0' and <= '\u024F' && char.IsLetter(c) => 1,
                >= '\u0400' and <= '\u052F' when char.IsLetter(c) => 2,
                >= '\u0370' and <= '\u03FF' when char.IsLetter(c) => 4,
                _ => 0,
            };
        }
        return scripts is not (0 or 1 or 2 or 4);
    }
}
