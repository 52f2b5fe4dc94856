using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Jint;
using Jint.Native;

namespace Promisingness.Web.Markdown;

/// <summary>
/// TeX to MathML by Temml (vendored: Temml/README.md) run in Jint, at save time. One engine for the
/// process, Temml loaded into it once, on the first formula: a Jint engine is not thread-safe, so calls take turns.
/// Whatever the TeX, the answer is MathML or an error span that shows the source; HtmlGate filters both.
/// </summary>
internal sealed class TexToMathMl
{
    /// <summary>The class of the span that stands for TeX that did not render (HtmlGate allows it).</summary>
    public const string ErrorClass = "math-error";

    /// <summary>Longer TeX is shown as its source: its cost grows with its length, and no formula needs this much.</summary>
    public const int MaxTexLength = 4_000;

    // The time one formula may take; loading Temml may take longer on a busy machine, and happens once.
    private static readonly TimeSpan FormulaTime = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LoadTime = TimeSpan.FromSeconds(60);

    private static readonly Lazy<TexToMathMl> LazyShared = new(() => new TexToMathMl(), LazyThreadSafetyMode.ExecutionAndPublication);

    // Formulas rendered lately: a few megabytes at most.
    private const int RememberedFormulas = 2_000;

    private readonly ConcurrentDictionary<(string Tex, bool Display), string> rendered = new();
    private readonly Lock turn = new();
    private readonly Deadline deadline = new();
    private readonly Engine engine;
    private readonly JsValue render;

    /// <summary>The process's one converter, made on first use.</summary>
    public static TexToMathMl Shared => LazyShared.Value;

    private TexToMathMl()
    {
        engine = new Engine(options => options
            .Constraint(deadline)
            // Temml's own recursion is bounded by the formula's nesting; a hostile one meets these limits first.
            .LimitRecursion(400)
            .LimitMemory(256 * 1024 * 1024)
            .Strict());
        deadline.Allowed = LoadTime;
        engine.Execute(ReadTemml(), "temml.min.js");
        render = engine.Evaluate(
            // trust: false turns \href, \url, \includegraphics and the \html… commands into errors; throwOnError lets
            // the error reach this class, which shows the source itself; maxExpand bounds macro expansion. annotate keeps
            // the TeX beside the MathML (<annotation encoding="application/x-tex">, which browsers do not show): where
            // the math is read as text (an excerpt, the Atom feed), the TeX stands for it (Features/Entries/Excerpts).
            """
            (function (tex, display) {
              return temml.renderToString(tex, { displayMode: display, throwOnError: true, trust: false, maxExpand: 1000, annotate: true });
            })
            """);
        deadline.Allowed = FormulaTime;
    }

    /// <summary>The MathML for <paramref name="tex"/>, or its source with the reason it did not render.</summary>
    public string Render(string tex, bool display)
    {
        ArgumentNullException.ThrowIfNull(tex);
        if (tex.Length > MaxTexLength)
        {
            return Unrendered(tex, display, $"The formula is longer than {MaxTexLength} characters.");
        }

        if (rendered.TryGetValue((tex, display), out var known))
        {
            return known;
        }

        string? error;
        lock (turn)
        {
            try
            {
                return Remember(tex, display, engine.Call(render, new JsString(tex), display ? JsBoolean.True : JsBoolean.False).AsString());
            }
            catch (Jint.Runtime.JavaScriptException exception)
            {
                // Temml's ParseError: it says where in the TeX and what, the place underlined with combining
                // characters that a title attribute shows as noise.
                error = Readable(exception.Message);
            }
            catch (Exception exception) when (exception is TimeoutException or JintException)
            {
                // The limits above: a time, a depth, an amount of memory.
                error = "The formula is too large or too deeply nested to render.";
            }
        }

        return Unrendered(tex, display, error);
    }

    // Every save renders all of a text's formulas again, most of them unchanged since the last save.
    private string Remember(string tex, bool display, string mathMl)
    {
        if (rendered.Count >= RememberedFormulas)
        {
            rendered.Clear();
        }

        rendered[(tex, display)] = mathMl;
        return mathMl;
    }

    private static string Readable(string message) =>
        string.Join(' ', message.Replace("\u0332", "", StringComparison.Ordinal).Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));

    // The source as code, in the error class, the reason in its title: a reader sees what was written.
    public static string Unrendered(string tex, bool display, string error)
    {
        var delimiter = display ? "$$" : "$";
        return $"<span class=\"{ErrorClass}\" title=\"{WebUtility.HtmlEncode(error.Trim())}\"><code>{WebUtility.HtmlEncode(delimiter + tex + delimiter)}</code></span>";
    }

    private static string ReadTemml()
    {
        using var stream = typeof(TexToMathMl).Assembly.GetManifestResourceStream("temml.min.js")
            ?? throw new InvalidOperationException("temml.min.js is not embedded in Promisingness.Web.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    // A wall-clock limit per call whose length can change: loading Temml is allowed longer than one formula.
    private sealed class Deadline : Constraint
    {
        private long until;

        public TimeSpan Allowed { get; set; }

        public override void Check()
        {
            if (Stopwatch.GetTimestamp() > until)
            {
                throw new TimeoutException("The formula took too long to render.");
            }
        }

        public override void Reset() => until = Stopwatch.GetTimestamp() + (long)(Allowed.TotalSeconds * Stopwatch.Frequency);
    }
}
