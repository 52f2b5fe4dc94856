namespace Promisingness.Tests.Markdown;

/// <summary>
/// TeX that tries to link, load, style or run something, or to exhaust the converter: MathRenderingTests renders it,
/// HostileMathTests (Promisingness.E2E) reads it in Chromium.
/// </summary>
public static class HostileTexCorpus
{
    public static readonly IReadOnlyList<string> All =
    [
        "$\\href{javascript:alert(1)}{x}$",
        "$$\\href{javascript:alert(1)}{\\text{click}}$$",
        "$\\url{javascript:alert(1)}$",
        "$\\htmlClass{blazor-error-ui}{y}$",
        "$\\htmlId{app}{y}$",
        "$\\htmlStyle{position:fixed;top:0}{y}$",
        "$\\htmlData{onclick=alert(1)}{y}$",
        "$\\includegraphics{https://example.com/track.png}$",
        "$<script>alert(1)</script>$",
        "$\\text{<img src=x onerror=alert(1)>}$",
        "$\\color{red}{x} \\textcolor{blue}{y} \\colorbox{red}{z}$",
        "$\\mathrm{\"><script>alert(1)</script>}$",
        "$\\operatorname{<svg onload=alert(1)>}$",
        "```math\n\\href{javascript:alert(1)}{x}\n```",
        "$\\def\\a{\\a}\\a$",
        "$\\def\\a{\\a\\a}\\a$",
        // Nested as deep as the length limit allows.
        "$" + string.Concat(Enumerable.Repeat("{", 1_999)) + "x" + string.Concat(Enumerable.Repeat("}", 1_999)) + "$",
        "$" + string.Concat(Enumerable.Repeat("\\frac{1}{", 390)) + "x" + string.Concat(Enumerable.Repeat("}", 390)) + "$",
        "$" + string.Concat(Enumerable.Repeat("\\sqrt{", 600)) + "x" + string.Concat(Enumerable.Repeat("}", 600)) + "$",
        "$" + string.Concat(Enumerable.Repeat("x_{", 1_000)) + "x" + string.Concat(Enumerable.Repeat("}", 1_000)) + "$",
        "$" + string.Concat(Enumerable.Repeat("x^", 1_000)) + "x$",
    ];
}
