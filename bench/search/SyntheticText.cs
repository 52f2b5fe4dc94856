using System.Text;

namespace SearchBench;

/// <summary>
/// Deterministic text with a Zipf word distribution, like English: English function words are the most
/// frequent, then the wiki's own vocabulary, then a long tail of made-up words (some found in one entry
/// only), so that searches meet very common, typical and rare terms as they would in a grown wiki.
/// </summary>
internal sealed class SyntheticText
{
    private static readonly string[] FunctionWords =
    [
        "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "with", "be", "on", "not", "this", "are",
        "by", "or", "can", "from", "an", "which", "we", "at", "their", "they", "would", "how", "more", "what", "if",
        "these", "other", "about", "into", "than", "its", "also", "such", "has", "been", "may", "could", "only", "when",
        "will", "there", "do", "one", "some", "all", "so", "but", "our", "should", "between", "whether", "most", "well",
    ];

    private static readonly string[] WikiWords =
    [
        "alignment", "model", "models", "research", "automated", "safety", "researchers", "sparse", "autoencoders",
        "features", "generalization", "weak", "strong", "supervisor", "learning", "context", "chain", "thought",
        "reasoning", "interpretability", "representation", "linear", "hypothesis", "causal", "world", "compute",
        "scaling", "evaluation", "oversight", "scalable", "reward", "training", "language", "large", "human",
        "behaviour", "deception", "agent", "agents", "benchmark", "dataset", "experiment", "results", "paper",
        "review", "literature", "approach", "approaches", "method", "methods", "circuit", "circuits", "neurons",
        "activation", "activations", "probe", "probes", "steering", "vector", "vectors", "faithful", "faithfulness",
        "transformer", "attention", "layer", "layers", "token", "tokens", "loss", "gradient", "fine", "tuning",
        "preference", "feedback", "debate", "amplification", "honesty", "truthful", "robustness", "adversarial",
        "jailbreak", "capabilities", "risk", "risks", "governance", "policy", "forecast", "timelines", "superalignment",
        "portfolio", "mentor", "program", "summary", "question", "topic", "meeting", "weekly", "draft", "post",
    ];

    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "pen", "dor", "al", "ex", "qui", "zan", "bel", "tor", "fa",
        "gri", "hu", "jo", "ly", "mon", "nu", "ost", "pra", "sil", "tue", "vin", "wo", "yel", "zo", "cra", "dre",
        "fli", "gno", "ibs", "kre", "lum", "mar", "ned",
    ];

    private readonly string[] words;
    private readonly double[] cumulative;
    private readonly Random random;

    public SyntheticText(int vocabulary, int seed)
    {
        random = new Random(seed);
        var tail = Math.Max(0, vocabulary - FunctionWords.Length - WikiWords.Length);
        words = [.. FunctionWords, .. WikiWords, .. Enumerable.Range(0, tail).Select(MadeUpWord)];
        cumulative = new double[words.Length];
        var sum = 0.0;
        for (var rank = 0; rank < words.Length; rank++)
        {
            sum += 1.0 / (rank + 1);
            cumulative[rank] = sum;
        }
    }

    public string MostCommonWord => words[0];

    /// <summary>A distinct pronounceable word per index, from four syllables (2.5 million possible).</summary>
    private static string MadeUpWord(int index)
    {
        var n = Syllables.Length;
        var builder = new StringBuilder();
        builder.Append(Syllables[index % n]).Append(Syllables[index / n % n]).Append(Syllables[index / n / n % n]);
        if (index >= n * n * n)
        {
            builder.Append(Syllables[index / n / n / n % n]);
        }
        return builder.ToString();
    }

    public string Word()
    {
        var target = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        return words[index < 0 ? ~index : index];
    }

    public string Title(int number)
    {
        var builder = new StringBuilder();
        var count = random.Next(3, 8);
        for (var i = 0; i < count; i++)
        {
            // Titles are made of the wiki's vocabulary and the tail, not of function words.
            var word = random.Next(3) == 0 ? WikiWords[random.Next(WikiWords.Length)] : Word();
            builder.Append(i == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word).Append(' ');
        }
        return builder.Append(number).ToString();
    }

    /// <summary>Markdown of about <paramref name="length"/> characters: paragraphs of sentences, headings, a link now and then.</summary>
    public string Body(int length)
    {
        var builder = new StringBuilder(length + 200);
        while (builder.Length < length)
        {
            if (random.Next(6) == 0)
            {
                builder.Append("## ").Append(Capitalised(Word())).Append(' ').Append(Word()).Append("\n\n");
            }
            var sentences = random.Next(3, 8);
            for (var s = 0; s < sentences && builder.Length < length; s++)
            {
                var count = random.Next(8, 22);
                for (var w = 0; w < count; w++)
                {
                    var word = Word();
                    if (w == 0)
                    {
                        builder.Append(Capitalised(word));
                    }
                    else if (random.Next(200) == 0)
                    {
                        builder.Append('[').Append(word).Append("](https://www.lesswrong.com/posts/").Append(word).Append(')');
                    }
                    else if (random.Next(150) == 0)
                    {
                        builder.Append("**").Append(word).Append("**");
                    }
                    else
                    {
                        builder.Append(word);
                    }
                    builder.Append(w == count - 1 ? ". " : random.Next(12) == 0 ? ", " : " ");
                }
            }
            builder.Append("\n\n");
        }
        return builder.ToString();
    }

    private static string Capitalised(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    public int Next(int max) => random.Next(max);
}
