using System.Text;

namespace MarkdownBench;

/// <summary>
/// A long document built like the CommonMark spec (the spec itself is not available offline): prose with
/// every inline construct, nested lists, quotes, fenced and indented code, reference links, tables, entities
/// and escapes, plus the wiki's seed README. Deterministic, about 250 kB.
/// </summary>
internal static class SpecLikeText
{
    private static readonly string[] Words = ("the of and to a in is that for it as with be on not this by are or from at an which " +
        "parser block inline container paragraph heading emphasis strong link image code fence list item quote delimiter " +
        "alignment research automated oversight model interpretability evaluation benchmark safety scalable reward").Split(' ');

    public static string Build()
    {
        var random = new Random(7);
        var text = new StringBuilder();
        var seed = Path.Combine(AppContext.BaseDirectory, "Seed", "README.md");
        if (File.Exists(seed))
        {
            text.Append(File.ReadAllText(seed)).Append("\n\n");
        }
        for (var section = 1; text.Length < 250_000; section++)
        {
            text.Append("## ").Append(section).Append(". ").Append(Sentence(random, 4)).Append("\n\n");
            for (var paragraph = 0; paragraph < 3; paragraph++)
            {
                text.Append(Prose(random, 60)).Append("\n\n");
            }
            text.Append("### Example ").Append(section).Append("\n\n```````````````````````````````` example\n")
                .Append("- ").Append(Sentence(random, 5)).Append("\n  - *nested* `code`\n\n> quote <a href=\"x\">html</a> &amp; &copy;\n")
                .Append(".\n<ul>\n<li>").Append(Sentence(random, 5)).Append("</li>\n</ul>\n````````````````````````````````\n\n");
            text.Append("1. ").Append(Prose(random, 12)).Append("\n   - ").Append(Prose(random, 8)).Append("\n   - [ ] task ")
                .Append(Sentence(random, 3)).Append("\n2. ").Append(Prose(random, 10)).Append("\n\n");
            text.Append("> ").Append(Prose(random, 25)).Append("\n> > ").Append(Prose(random, 10)).Append("\n\n");
            text.Append("    indented code line ").Append(section).Append("\n    another_line(x) <= y && z\n\n");
            text.Append("[ref").Append(section).Append("]: https://spec.commonmark.org/0.31.2/#example-").Append(section).Append(" \"Title ").Append(section).Append("\"\n\n");
            if (section % 5 == 0)
            {
                text.Append(Table(rows: 8)).Append('\n');
            }
            text.Append("Setext heading ").Append(section).Append("\n---------------\n\n");
        }
        return text.ToString();
    }

    /// <summary>Five columns of plain words and numbers.</summary>
    public static string PlainTable(int rows)
    {
        var text = new StringBuilder("| id | title | status | owner | notes |\n|---:|:---|:---:|---|---|\n");
        for (var row = 1; row <= rows; row++)
        {
            text.Append("| ").Append(row).Append(" | Topic ").Append(row).Append(" | open | owner ").Append(row % 17).Append(" | some notes |\n");
        }
        return text.ToString();
    }

    /// <summary>Every cell formatted: bold, code, a link, strike-through and an escaped pipe.</summary>
    public static string Table(int rows)
    {
        var text = new StringBuilder("| id | title | status | owner | notes |\n|---:|:---|:---:|---|---|\n");
        for (var row = 1; row <= rows; row++)
        {
            text.Append("| ").Append(row).Append(" | Topic **").Append(row).Append("** | `open` | [owner](https://example.org/").Append(row)
                .Append(") | *some* notes, ~~old~~ and an escape \\| pipe |\n");
        }
        return text.ToString();
    }

    private static string Prose(Random random, int words)
    {
        var text = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            var word = Words[random.Next(Words.Length)];
            text.Append(random.Next(14) switch
            {
                0 => $"*{word}*",
                1 => $"**{word}**",
                2 => $"`{word}()`",
                3 => $"[{word}](https://example.org/{word} \"{word}\")",
                4 => $"[{word}][ref{1 + random.Next(5)}]",
                5 => $"<https://example.org/{word}>",
                6 => $"{word}\\*",
                7 => $"{word} &amp; &#35; &ouml;",
                8 => $"_{word}_",
                _ => word,
            });
            text.Append(i % 17 == 16 ? "\n" : " ");
        }
        return text.ToString().TrimEnd() + ".";
    }

    private static string Sentence(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
}
